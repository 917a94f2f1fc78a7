// Actor profiles: role, what they did (dated), what they said, whom they dealt with — every line cited.
import type { ActorFocus } from './command.ts';
import type { Actor } from './model.ts';
import type { Reply, ReplyBlock, ReplyItem } from './reply.ts';
import { Citations, dateLabel, View } from './view.ts';

/** A profile shows the most recent items of each kind; the rest is one command away. */
export const MAX_ACTOR_EVENTS = 12;
export const MAX_ACTOR_QUOTES = 8;
const MAX_POINTS = 6;
const DEALT_WINDOW = 200;
const MAX_DEALT = 6;

/** Whether the coverage visible on the as-of day says anything about the actor. */
function known(view: View, actor: Actor): boolean {
  return actor.sources.some((s) => (view.library.sourceById.get(s)?.published ?? '9999') <= view.asOf);
}

export function answerActor(view: View, name: string, focus: ActorFocus): Reply {
  const resolution = view.library.actorResolver.resolve(name);
  // Of several candidates, only those the visible coverage mentions count; one left is the answer.
  const candidates = resolution.kind === 'ambiguous' ? resolution.candidates.filter((a) => known(view, a)) : [];
  if (candidates.length === 1) return profile(view, candidates[0]!, focus);
  if (candidates.length > 1) {
    const cites = new Citations(view.library);
    return {
      intent: 'actor',
      title: `“${name}” could be ${candidates.length} people or bodies`,
      blocks: [{ type: 'list', heading: 'Which one did you mean?', items: candidates.map((a) => cites.item(`${a.name} — ${a.role}`, a.sources)) }],
      citations: cites.list(),
      footer: 'Ask again with the full name, e.g. `/brief actor ' + candidates[0]!.name.toLowerCase() + '`.',
    };
  }
  if (resolution.kind !== 'found') return notCovered(view, name, resolution.kind === 'unknown' ? resolution.suggestions : []);
  return profile(view, resolution.actor, focus, resolution.correctedFrom);
}

function notCovered(view: View, name: string, suggestions: Actor[]): Reply {
  const cites = new Citations(view.library);
  const blocks: ReplyBlock[] = [
    { type: 'text', text: `The coverage briefbot follows does not mention “${name}”, so I have nothing on them. I only answer from the curated briefings.` },
  ];
  const visible = suggestions.filter((a) => known(view, a));
  if (visible.length) blocks.push({ type: 'list', heading: 'Did you mean', items: visible.map((a) => cites.item(`${a.name} — ${a.role}`, a.sources)) });
  const people = view.library.actors.filter((a) => a.kind === 'person' && known(view, a)).map((a) => a.name);
  return { intent: 'not-found', title: `Not in the coverage: ${name}`, blocks, citations: cites.list(), footer: `People in the coverage: ${people.join(', ')}.` };
}

function profile(view: View, actor: Actor, focus: ActorFocus, correctedFrom?: string): Reply {
  const cites = new Citations(view.library);
  const { events, quotes, points } = view.forActor(actor.id);
  const visibleSources = actor.sources.filter((s) => (view.library.sourceById.get(s)?.published ?? '9999') <= view.asOf);
  if (!known(view, actor) && !events.length && !quotes.length && !points.length) return notCovered(view, actor.name, []);

  const about: ReplyItem[] = [cites.item(`Role: ${actor.role}`, visibleSources.length ? visibleSources : actor.sources)];
  const members = actor.members?.map((id) => view.library.actorById.get(id)?.name).filter(Boolean);
  if (members?.length) about.push(cites.item(`Members: ${members.join(', ')}`, visibleSources));

  const did = events.slice(-MAX_ACTOR_EVENTS).map((e) => cites.item(`${dateLabel(e)} — ${e.text}`, e.sources));
  const said = quotes.slice(-MAX_ACTOR_QUOTES).map((q) => cites.item(`“${q.text.replace(/[,.]$/, '')}” — ${dateLabel(q.said)}, ${q.context}`, [q.source]));
  const context = points.slice(-MAX_POINTS).map((p) => cites.item(p.text, p.sources));
  // Recent company is what matters, and it bounds the work on a large archive.
  const dealt = dealtWith(view, actor, [...events.slice(-DEALT_WINDOW), ...points.slice(-DEALT_WINDOW)]);

  const sections: Record<string, ReplyBlock | undefined> = {
    did: did.length ? { type: 'list', heading: 'What they did', items: did } : undefined,
    said: said.length
      ? { type: 'list', heading: 'What they said', items: said }
      : focus === 'said'
        ? { type: 'text', text: `The coverage quotes no words of ${actor.name}.` }
        : undefined,
    context: context.length ? { type: 'list', heading: 'In the coverage', items: context } : undefined,
    dealt: dealt.length ? { type: 'list', heading: 'Dealt with', items: dealt.map((d) => cites.item(d.text, d.sources)) } : undefined,
  };
  const order = focus === 'said' ? ['said', 'did', 'context', 'dealt'] : focus === 'did' ? ['did', 'context', 'said', 'dealt'] : ['did', 'said', 'context', 'dealt'];
  const blocks: ReplyBlock[] = [{ type: 'list', items: about }, ...order.map((k) => sections[k]).filter((b): b is ReplyBlock => !!b)];
  if (correctedFrom) blocks.unshift({ type: 'text', text: `Showing ${actor.name} for “${correctedFrom}”.` });
  return {
    intent: 'actor',
    title: `${actor.name} — ${actor.role}`,
    blocks,
    citations: cites.list(),
    footer: [
      `${actor.kind}${actor.affiliation ? ` · ${actor.affiliation}` : ''}`,
      events.length > MAX_ACTOR_EVENTS || quotes.length > MAX_ACTOR_QUOTES
        ? `Most recent shown (${Math.min(events.length, MAX_ACTOR_EVENTS)} of ${events.length} developments, ${Math.min(quotes.length, MAX_ACTOR_QUOTES)} of ${quotes.length} quotes); earlier ones: \`/brief timeline <from> <to>\`.`
        : '',
    ]
      .filter(Boolean)
      .join(' · '),
  };
}

/** People and bodies that appear in the same events and points, most frequent first. */
function dealtWith(view: View, actor: Actor, items: { actors: string[]; sources: string[] }[]) {
  // Count first, collect sources for the few shown: a profile is asked often, and allocation shows up as GC pauses.
  const counts = new Map<string, number>();
  for (const item of items) {
    for (const id of item.actors) {
      const other = view.library.actorById.get(id);
      if (other && id !== actor.id && other.kind !== 'country') counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  // The most frequent few, first seen first among equals.
  const top: { id: string; n: number }[] = [];
  for (const [id, n] of counts) {
    if (top.length === MAX_DEALT && n <= top[MAX_DEALT - 1]!.n) continue;
    let at = top.length;
    while (at > 0 && top[at - 1]!.n < n) at--;
    top.splice(at, 0, { id, n });
    if (top.length > MAX_DEALT) top.pop();
  }
  return top.map(({ id }) => {
    const other = view.library.actorById.get(id)!;
    const sources = new Set<string>();
    for (const item of items) if (item.actors.includes(id)) item.sources.forEach((s) => sources.add(s));
    return { text: `${other.name} (${other.role})`, sources: [...sources] };
  });
}
