// The core's entry point: answer(command, library, { asOf }) → Reply, one function per intent.
import type { Command } from './command.ts';
import type { Library } from './library.ts';
import { formatDay, type Reply, type ReplyBlock } from './reply.ts';
import { classify } from './questions.ts';
import { answerActor } from './answer-actor.ts';
import { answerTopic } from './answer-topic.ts';
import { addDays, Citations, dateLabel, lead, View } from './view.ts';

/** More than this many developments is a wall of text in chat: show a window and say how to narrow it. */
export const MAX_TIMELINE_ITEMS = 40;

export type AnswerOptions = {
  /** YYYY-MM-DD: coverage published after this day is invisible. */
  asOf: string;
};

export function answer(command: Command, library: Library, opts: AnswerOptions): Reply {
  const view = new View(library, opts.asOf);
  switch (command.kind) {
    case 'ask':
      return answer(classify(command.question, library), library, opts);
    case 'latest':
      return latest(view);
    case 'actor':
      return answerActor(view, command.name, command.focus);
    case 'topic':
      return answerTopic(view, command.name);
    case 'timeline':
      return timeline(view, command.from, command.to);
    case 'search':
      return search(view, command.query);
    case 'sources':
      return sources(view);
    case 'help':
      return help();
    case 'digest':
    case 'alerts':
      return problem('Digests and alerts are handled by the running bot in Slack or Discord, not by this lookup.');
    case 'invalid':
      return problem(command.problem);
  }
}

export function problem(text: string): Reply {
  return { intent: 'error', title: 'I could not do that', blocks: [{ type: 'text', text }], citations: [], footer: 'Try `/brief help` for what I can answer.' };
}

function latest(view: View): Reply {
  const cites = new Citations(view.library);
  const newest = view.latestBriefings(3);
  if (!newest.length) return empty(view.asOf);
  const lastDay = newest[0]!.published;
  const blocks: ReplyBlock[] = [
    { type: 'text', text: `The most recent coverage is from ${formatDay(lastDay)}.` },
    { type: 'list', heading: 'Latest briefings', items: newest.map((b) => cites.item(`${b.title}: ${lead(b.summary, 2)}`, b.sources)) },
  ];
  const recent = view.eventsBetween(addDays(lastDay, -7)).slice(-6);
  if (recent.length) blocks.push({ type: 'list', heading: 'Latest dated developments', items: recent.map((e) => cites.item(`${dateLabel(e)} — ${e.text}`, e.sources)) });
  const ahead = whatToWatch(view, view.asOf);
  if (ahead.length) blocks.push({ type: 'list', heading: 'What to watch', items: ahead.map((w) => cites.item(w.text, w.sources)) });
  return { intent: 'latest', title: `Latest situation (coverage up to ${formatDay(lastDay)})`, blocks, citations: cites.list(), footer: 'More: `/brief timeline`, `/brief actor <name>`, `/brief topic <name>`.' };
}

/** Dated things still ahead on `day`, then the undated watch items of the newest briefings. */
export function whatToWatch(view: View, day: string): { text: string; sources: string[] }[] {
  const newest = view.latestBriefings(1)[0]?.published;
  const watch = view.watch().filter((w) => (w.date ? w.date.date >= day : w.briefing.published === newest));
  // A dated watch item already says what its day's event is about; list that event once.
  const covered = (e: { date: string; actors: string[] }) => watch.some((w) => w.date?.date === e.date && w.actors.some((a) => e.actors.includes(a)));
  const dated = view
    .eventsBetween(day)
    .filter((e) => e.precision !== 'before' && e.date >= day && !covered(e))
    .map((e) => ({ text: `${dateLabel(e)} — ${e.text}`, sources: e.sources }));
  return [...dated, ...watch.map((w) => ({ text: w.date ? `${dateLabel(w.date)} — ${w.text}` : w.text, sources: w.sources }))];
}

function timeline(view: View, from?: string, to?: string): Reply {
  const cites = new Citations(view.library);
  const all = view.eventsBetween(from, to);
  // From a start day: the first ones after it; otherwise the most recent.
  const events = all.length <= MAX_TIMELINE_ITEMS ? all : from ? all.slice(0, MAX_TIMELINE_ITEMS) : all.slice(-MAX_TIMELINE_ITEMS);
  const more = all.length - events.length;
  const range = from || to ? ` (${from ? formatDay(from) : 'start'} – ${to ? formatDay(to) : 'latest'})` : '';
  if (!events.length) {
    return { intent: 'timeline', title: `Timeline${range}`, blocks: [{ type: 'text', text: 'The coverage has no dated developments in that range.' }], citations: [], footer: 'Try `/brief timeline` without dates.' };
  }
  const items = events.map((e) => cites.item(`${dateLabel(e)} — ${e.text}${e.date > view.asOf ? ' (scheduled)' : ''}`, e.sources));
  return {
    intent: 'timeline',
    title: `Timeline${range}`,
    blocks: [{ type: 'list', items }],
    citations: cites.list(),
    footer:
      (more ? `${events.length} of ${all.length} developments shown (${from ? 'the first' : 'the most recent'}). ` : '') +
      '“~” marks an approximate day; “before” means the coverage gives no exact day. Narrow it: `/brief timeline 2022-02-01 2022-02-15`.',
  };
}

function search(view: View, query: string): Reply {
  const cites = new Citations(view.library);
  const visibleFrom = (id: string) => view.library.content.visibleFrom.get(id) ?? '9999';
  const hits = view.library.search.query(canonicalNames(view, query), { asOf: view.asOf, visibleFrom, limit: 8 });
  if (!hits.length) {
    return { intent: 'not-found', title: `Nothing found for “${query}”`, blocks: [{ type: 'text', text: `Nothing in the coverage matches “${query}”.` }], citations: [], footer: 'Try another word, `/brief topic <name>`, or `/brief help`.' };
  }
  const items = hits.map((h) => cites.item(`${view.library.briefingById.get(h.briefingId)?.title ?? ''}: ${snippet(h.passage.text, query)}`, h.passage.sources));
  return { intent: 'search', title: `Search: “${query}”`, blocks: [{ type: 'list', items }], citations: cites.list(), footer: `${hits.length} briefing${hits.length === 1 ? '' : 's'} match, best first; each with its closest passage.` };
}

/** "Selenskyj" → "Zelenskyy": the spelling the briefings use, so every variant finds the same text. */
function canonicalNames(view: View, query: string): string {
  let out = '';
  let at = 0;
  for (const m of view.library.actorResolver.mentions(query)) {
    const [actor] = m.value;
    if (m.value.length !== 1 || !actor) continue;
    const name = actor.kind === 'person' ? actor.name.split(' ').at(-1)! : actor.name;
    out += query.slice(at, m.start) + name;
    at = m.end;
  }
  return out + query.slice(at);
}

/** The passage, or at most `max` characters of it around the first query word it contains. */
export function snippet(text: string, query: string, max = 240): string {
  if (text.length <= max) return text;
  const lower = text.toLowerCase();
  const hits = query.toLowerCase().split(/\s+/).map((w) => lower.indexOf(w)).filter((i) => i >= 0);
  const at = hits.length ? Math.min(...hits) : 0;
  const start = Math.max(0, Math.min(at - 60, text.length - max));
  return `${start > 0 ? '…' : ''}${text.slice(start, start + max).trim()}…`;
}

function sources(view: View): Reply {
  const cites = new Citations(view.library);
  const visible = view.library.sources.filter((s) => s.published <= view.asOf);
  const items = visible.map((s) => {
    const copies = s.copies.length > 1 ? `; ${s.copies.length} copies on file` : '';
    const basis = s.published_basis ? '; publication day inferred from the text' : '';
    return cites.item(`${s.title} — ${s.kind}${copies}${basis}`, [s.id]);
  });
  return { intent: 'sources', title: `Sources (${visible.length})`, blocks: [{ type: 'list', items }], citations: cites.list(), footer: 'Every answer cites these by number.' };
}

function help(): Reply {
  const items = [
    '`/brief` or `/brief latest` — the latest situation',
    '`/brief actor lavrov` — who someone is, what they did and said',
    '`/brief topic sanctions` — one topic (sanctions, NATO, Nord Stream 2, military aid, diplomacy…)',
    '`/brief timeline [from] [to]` — dated developments in order, e.g. `/brief timeline 2022-02-01 2022-02-15`',
    '`/brief search nord stream` — full-text search with snippets',
    '`/brief sources` — the articles behind the answers',
    '`/brief digest subscribe 08:00 Europe/Berlin` — a daily digest in this channel (also `status`, `preview`, `unsubscribe`)',
    '`/brief alerts on` — a short post here whenever a new briefing is published (`alerts off` stops it)',
    'Or just ask: “what has Scholz done?”',
  ].map((text) => ({ text, cites: [] }));
  return { intent: 'help', title: 'briefbot: curated, cited briefings on the US/Russia/Ukraine crisis', blocks: [{ type: 'list', items }], citations: [], footer: 'Every fact is cited; nothing outside the curated coverage is answered.' };
}

function empty(asOf: string): Reply {
  return { intent: 'not-found', title: 'No coverage yet', blocks: [{ type: 'text', text: `No briefing was published on or before ${formatDay(asOf)}.` }], citations: [] };
}
