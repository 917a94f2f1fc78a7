// What a lookup may see as of a day, and the helpers every answer uses: citations, date labels, sentences.
import type { Library } from './library.ts';
import type { Briefing, BriefingEvent, EventDate, KeyPoint, Quote, WatchItem } from './model.ts';
import { formatDay, type Citation, type ReplyItem } from './reply.ts';
import { splitSentences } from './search.ts';

/** The library as seen on `asOf`: coverage published after that day is invisible. */
export class View {
  readonly briefings: Briefing[];

  constructor(
    readonly library: Library,
    readonly asOf: string,
  ) {
    this.briefings = library.briefings.filter(
      (b) => b.published <= asOf && b.sources.every((s) => (library.sourceById.get(s)?.published ?? '9999') <= asOf),
    );
  }

  events(): (BriefingEvent & { briefing: Briefing })[] {
    const all = this.briefings.flatMap((b) => b.events.map((e) => ({ ...e, briefing: b })));
    return sortByDate(dedupe(all, (e) => `${e.date}|${e.text}`));
  }

  quotes(): (Quote & { briefing: Briefing })[] {
    const all = this.briefings.flatMap((b) => b.quotes.map((q) => ({ ...q, briefing: b })));
    return dedupe(all, (q) => `${q.speaker}|${q.text}`).sort((a, b) => a.said.date.localeCompare(b.said.date));
  }

  points(): (KeyPoint & { briefing: Briefing })[] {
    return this.briefings.flatMap((b) => b.key_points.map((p) => ({ ...p, briefing: b })));
  }

  watch(): (WatchItem & { briefing: Briefing })[] {
    return this.briefings.flatMap((b) => b.watch.map((w) => ({ ...w, briefing: b })));
  }

  /** Newest first. */
  latestBriefings(n: number): Briefing[] {
    return [...this.briefings].sort((a, b) => (b.updated ?? b.published).localeCompare(a.updated ?? a.published)).slice(0, n);
  }
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

const PRECISION_ORDER = { before: 0, approximate: 1, day: 2 } as const;

/** By day; on the same day, "before X" first, then approximate, then exact. */
export function sortByDate<T extends EventDate>(items: T[]): T[] {
  return [...items].sort((a, b) => a.date.localeCompare(b.date) || PRECISION_ORDER[a.precision] - PRECISION_ORDER[b.precision]);
}

export function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
}

/** The first `n` sentences of a summary, for one-line overviews. */
export function lead(summary: string, n = 1): string {
  return splitSentences(summary).slice(0, n).join(' ');
}
