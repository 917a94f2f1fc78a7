// What a lookup may see as of a day, and the helpers every answer uses: citations, date labels, sentences.
import type { Library } from './library.ts';
import type { Entry } from './content-index.ts';
import type { Briefing, BriefingEvent, EventDate, KeyPoint, Quote, WatchItem } from './model.ts';
import { formatDay, type Citation, type ReplyItem } from './reply.ts';
import { splitSentences } from './search.ts';
import { byCodePoint } from './normalize.ts';

/** The library as seen on `asOf`: coverage published after that day is invisible. */
export class View {
  private visibleBriefings?: Briefing[];

  constructor(
    readonly library: Library,
    readonly asOf: string,
  ) {}

  private visible<T extends { visibleFrom: string }>(items: T[] | undefined): T[] {
    // The usual case (as of today) sees everything: skip the scan.
    if (this.asOf >= this.library.content.allVisibleFrom) return items ?? [];
    return (items ?? []).filter((i) => i.visibleFrom <= this.asOf);
  }

  /** Visible briefings, oldest first. */
  get briefings(): Briefing[] {
    return (this.visibleBriefings ??= this.visible(this.library.content.briefings).map((e) => e.briefing));
  }

  events(): Entry<BriefingEvent>[] {
    return this.visible(this.library.content.events);
  }

  /** Events touching [from, to] (inclusive), found by binary search on the date-sorted list. */
  eventsBetween(from?: string, to?: string): Entry<BriefingEvent>[] {
    const all = this.library.content.events;
    // Spans (a weekend) start before `from` yet reach into it: start the scan a week early.
    const lo = from ? lowerBound(all, addDays(from, -7)) : 0;
    const hi = to ? lowerBound(all, addDays(to, 1)) : all.length;
    return this.visible(all.slice(lo, hi)).filter((e) => !from || (e.until ?? e.date) >= from);
  }

  quotes(): Entry<Quote>[] {
    return this.visible(this.library.content.quotes);
  }

  points(): Entry<KeyPoint>[] {
    return this.visible(this.library.content.points);
  }

  watch(): Entry<WatchItem>[] {
    return this.visible(this.library.content.watch);
  }

  forActor(id: string) {
    const a = this.library.content.byActor.get(id);
    return { events: this.visible(a?.events), quotes: this.visible(a?.quotes), points: this.visible(a?.points) };
  }

  forTopic(id: string) {
    const t = this.library.content.byTopic.get(id);
    return { events: this.visible(t?.events), points: this.visible(t?.points), watch: this.visible(t?.watch) };
  }

  /** Newest first, by last update. */
  latestBriefings(n: number): Briefing[] {
    const newest: Briefing[] = [];
    const all = this.library.content.briefings;
    // Oldest-first by publication; scan from the end, then order by update day.
    for (let i = all.length - 1; i >= 0 && newest.length < n * 4; i--) if (all[i]!.visibleFrom <= this.asOf) newest.push(all[i]!.briefing);
    return newest.sort((a, b) => byCodePoint(b.updated ?? b.published, a.updated ?? a.published)).slice(0, n);
  }
}

function lowerBound(events: { date: string }[], day: string): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.date < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Collects the sources an answer cites, in order of first use. */
export class Citations {
  private readonly used = new Map<string, Citation>();

  constructor(private readonly library: Library) {}

  item(text: string, sources: string[]): ReplyItem {
    for (const id of sources) this.cite(id);
    return { text, cites: [...new Set(sources)] };
  }

  cite(id: string): void {
    const s = this.library.sourceById.get(id);
    if (!s || this.used.has(id)) return;
    this.used.set(id, { id, outlet: s.outlet, author: s.author, title: s.title, date: s.published, kind: s.kind, ...(s.url ? { url: s.url } : {}) });
  }

  list(): Citation[] {
    return [...this.used.values()];
  }
}

/** "12 Feb 2022", "~12–13 Feb 2022", "before 12 Feb 2022". */
export function dateLabel(d: EventDate): string {
  if (d.precision === 'before') return `before ${formatDay(d.date)}`;
  if (d.precision === 'approximate') return d.until ? `~${formatDay(d.date)} – ${formatDay(d.until)}` : `~${formatDay(d.date)}`;
  return formatDay(d.date);
}

/** The first `n` sentences of a summary, for one-line overviews. */
export function lead(summary: string, n = 1): string {
  return splitSentences(summary).slice(0, n).join(' ');
}
