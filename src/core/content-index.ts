// Precomputed lookups over the published briefings, built once per Library so queries never rescan the archive.
import type { Briefing, BriefingEvent, KeyPoint, Quote, WatchItem } from './model.ts';
import { byCodePoint } from './normalize.ts';

/** An item with the briefing it came from and the first day it may be shown (as-of filtering). */
export type Entry<T> = T & { briefing: Briefing; visibleFrom: string };

export type ContentIndex = {
  /** Published briefings, oldest first, each with the day it becomes visible. */
  briefings: Entry<{}>[];
  /** Briefing id → the first day it may be shown. */
  visibleFrom: Map<string, string>;
  /** From this day on, everything is visible (no filtering needed). */
  allVisibleFrom: string;
  /** All dated events, by date (then precision), the same event from two briefings once. */
  events: Entry<BriefingEvent>[];
  quotes: Entry<Quote>[];
  points: Entry<KeyPoint>[];
  watch: Entry<WatchItem>[];
  byActor: Map<string, { events: Entry<BriefingEvent>[]; quotes: Entry<Quote>[]; points: Entry<KeyPoint>[] }>;
  byTopic: Map<string, { events: Entry<BriefingEvent>[]; points: Entry<KeyPoint>[]; watch: Entry<WatchItem>[] }>;
};

const PRECISION_ORDER = { before: 0, approximate: 1, day: 2 } as const;

export function compareDates(a: { date: string; precision: keyof typeof PRECISION_ORDER }, b: typeof a): number {
  return byCodePoint(a.date, b.date) || PRECISION_ORDER[a.precision] - PRECISION_ORDER[b.precision];
}

/** Each (outer, inner) pair once, the first kept. Two levels, not one joined key: no new string per item to hash. */
function dedupe<T>(items: T[], outer: (t: T) => string, inner: (t: T) => string): T[] {
  const seen = new Map<string, Set<string>>();
  return items.filter((t) => {
    const [o, i] = [outer(t), inner(t)];
    let set = seen.get(o);
    if (!set) seen.set(o, (set = new Set()));
    return set.has(i) ? false : (set.add(i), true);
  });
}

function group<T, K>(map: Map<string, K>, ids: string[], make: () => K, pick: (k: K) => T[], item: T): void {
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    // Each id once (a list may repeat one), without a Set per item: there are millions of items at 100k.
    if (ids.indexOf(id) !== i) continue;
    let entry = map.get(id);
    if (!entry) map.set(id, (entry = make()));
    pick(entry).push(item);
  }
}

/**
 * Links an item to its briefing in place: a copy per item cost hundreds of megabytes on a 100k archive.
 * The links are non-enumerable, so the item still serialises and spreads as itself.
 */
function link<T extends object>(item: T, briefing: Briefing, visibleFrom: string): Entry<T> {
  // One descriptor each, reused: defining 2M properties with fresh descriptor objects took twice as long at 100k.
  BRIEFING.value = briefing;
  VISIBLE_FROM.value = visibleFrom;
  Object.defineProperty(item, 'briefing', BRIEFING);
  Object.defineProperty(item, 'visibleFrom', VISIBLE_FROM);
  BRIEFING.value = VISIBLE_FROM.value = undefined;
  return item as Entry<T>;
}
const BRIEFING: PropertyDescriptor = { value: undefined, configurable: true };
const VISIBLE_FROM: PropertyDescriptor = { value: undefined, configurable: true };

/** `published` of each source, to compute when a briefing may be shown. */
export function buildContentIndex(briefings: Briefing[], sourcePublished: (id: string) => string): ContentIndex {
  const entries = briefings.map((briefing) => ({
    briefing,
    visibleFrom: briefing.sources.reduce((day, s) => (sourcePublished(s) > day ? sourcePublished(s) : day), briefing.published),
  }));
  const all = <T extends object>(get: (b: Briefing) => T[]) => {
    const out: Entry<T>[] = [];
    for (const e of entries) for (const item of get(e.briefing)) out.push(link(item, e.briefing, e.visibleFrom));
    return out;
  };
  const events = dedupe(all((b) => b.events), (e) => e.date, (e) => e.text).sort(compareDates);
  const quotes = dedupe(all((b) => b.quotes), (q) => q.speaker, (q) => q.text).sort((a, b) => compareDates(a.said, b.said));
  const points = all((b) => b.key_points);
  const watch = all((b) => b.watch);

  const byActor: ContentIndex['byActor'] = new Map();
  const actorEntry = () => ({ events: [], quotes: [], points: [] });
  for (const e of events) group(byActor, e.actors, actorEntry, (k) => k.events, e);
  for (const q of quotes) group(byActor, [q.speaker], actorEntry, (k) => k.quotes, q);
  for (const p of points) group(byActor, p.actors, actorEntry, (k) => k.points, p);

  const byTopic: ContentIndex['byTopic'] = new Map();
  const topicEntry = () => ({ events: [], points: [], watch: [] });
  for (const e of events) group(byTopic, e.topics, topicEntry, (k) => k.events, e);
  for (const p of points) group(byTopic, p.topics, topicEntry, (k) => k.points, p);
  for (const w of watch) group(byTopic, w.topics, topicEntry, (k) => k.watch, w);

  const visibleFrom = new Map(entries.map((e) => [e.briefing.id, e.visibleFrom]));
  const allVisibleFrom = entries.reduce((max, e) => (e.visibleFrom > max ? e.visibleFrom : max), '');
  return { briefings: entries, visibleFrom, allVisibleFrom, events, quotes, points, watch, byActor, byTopic };
}
