// The daily digest: what is new since the last one, dated developments in the window, who is in the news, what is ahead.
import type { Library } from './library.ts';
import { formatDay, type Reply, type ReplyBlock } from './reply.ts';
import { whatToWatch } from './answers.ts';
import { addDays, Citations, dateLabel, lead, View } from './view.ts';

export type DigestOptions = {
  /** The previous digest (or the subscription's start). */
  since: Date;
  now: Date;
  /** IANA time zone of the channel: the digest's days are its local days. */
  zone: string;
  /** Post a one-line "no new coverage" digest instead of skipping an empty window. */
  announceEmpty?: boolean;
};

const TOP_ACTORS = 5;
/** A digest stays a morning read: the newest briefings and developments of the window, and a count of the rest. */
const MAX_NEW_BRIEFINGS = 10;
const MAX_DEVELOPMENTS = 20;

/** The calendar day of an instant in a time zone, YYYY-MM-DD. */
export function localDay(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The digest for the window (since, now], in the channel's local days; undefined when there is nothing to post. */
export function buildDigest(library: Library, opts: DigestOptions): Reply | undefined {
  const today = localDay(opts.now, opts.zone);
  const sinceDay = localDay(opts.since, opts.zone);
  const view = new View(library, today);
  const cites = new Citations(library);
  const fresh = view.briefings.filter((b) => (b.updated ?? b.published) > sinceDay);
  const title = `Daily briefing — ${formatDay(today)}`;
  if (!fresh.length) {
    if (!opts.announceEmpty) return undefined;
    return { intent: 'digest', title, blocks: [{ type: 'text', text: `No new coverage since ${formatDay(sinceDay)}.` }], citations: [] };
  }

  const blocks: ReplyBlock[] = [
    {
      type: 'list',
      heading: `New since ${formatDay(sinceDay)}${fresh.length > MAX_NEW_BRIEFINGS ? ` (newest ${MAX_NEW_BRIEFINGS} of ${fresh.length})` : ''}`,
      items: fresh.slice(-MAX_NEW_BRIEFINGS).map((b) => cites.item(`${b.updated && b.updated > b.published ? 'Updated: ' : ''}${b.title}. ${lead(b.summary, 2)}`, b.sources)),
    },
  ];
  const inWindow = view.eventsBetween(addDays(sinceDay, 1), today).slice(-MAX_DEVELOPMENTS);
  if (inWindow.length) blocks.push({ type: 'list', heading: 'Dated developments', items: inWindow.map((e) => cites.item(`${dateLabel(e)} — ${e.text}`, e.sources)) });

  const inNews = actorsInNews(library, fresh);
  if (inNews.length) blocks.push({ type: 'list', heading: 'In the news', items: inNews.map((a) => cites.item(`${a.name} — ${a.role} (${a.count} mentions)`, a.sources)) });

  const ahead = whatToWatch(view, today);
  if (ahead.length) blocks.push({ type: 'list', heading: 'What to watch', items: ahead.map((w) => cites.item(w.text, w.sources)) });
  return { intent: 'digest', title, blocks, citations: cites.list(), footer: `Coverage up to ${formatDay(today)} (${opts.zone}). Details: \`/brief timeline\`, \`/brief actor <name>\`.` };
}

/** People and bodies (not countries) most mentioned in the new briefings' points, events and quotes. */
function actorsInNews(library: Library, briefings: View['briefings']) {
  const counts = new Map<string, { count: number; sources: Set<string> }>();
  const add = (id: string, sources: string[]) => {
    const a = library.actorById.get(id);
    if (!a || a.kind === 'country') return;
    const entry = counts.get(id) ?? { count: 0, sources: new Set<string>() };
    entry.count++;
    sources.forEach((s) => entry.sources.add(s));
    counts.set(id, entry);
  };
  for (const b of briefings) {
    for (const item of [...b.key_points, ...b.events]) item.actors.forEach((id) => add(id, item.sources));
    for (const q of b.quotes) add(q.speaker, [q.source]);
  }
  return [...counts.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .slice(0, TOP_ACTORS)
    .map(([id, e]) => ({ ...library.actorById.get(id)!, count: e.count, sources: [...e.sources] }));
}
