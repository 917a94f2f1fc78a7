// Checks across files: duplicate ids, references to unknown actors, topics and sources, aliases claimed twice.
import type { Actor, Briefing, Source, Topic } from './model.ts';
import type { LoadError, Locator } from './parse-files.ts';
import { normalize } from './normalize.ts';

export type CrossCheckInput = { actors: Actor[]; topics: Topic[]; sources: Source[]; briefings: Briefing[] };

const ACTORS = 'actors.yaml';

export function crossCheck(input: CrossCheckInput, locator: Locator): LoadError[] {
  const errors: LoadError[] = [];
  const at = (file: string, path: (string | number)[], message: string) => errors.push(locator.error(file, path, message));

  const ids = <T extends { id: string }>(items: T[], key: string, what: string) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) at(`${key}.yaml`, [key, i, 'id'], `duplicate ${what} id "${item.id}" (first at ${key}[${first}])`);
      else seen.set(item.id, i);
    });
    return new Set(seen.keys());
  };
  const actorIds = ids(input.actors, 'actors', 'actor');
  const topicIds = ids(input.topics, 'topics', 'topic');
  const sourceIds = ids(input.sources, 'sources', 'source');

  const claimed = new Map<string, string>();
  input.actors.forEach((actor, i) => {
    const names: [string, (string | number)[]][] = [
      [actor.name, ['actors', i, 'name']],
      ...actor.aliases.map((a, j): [string, (string | number)[]] => [a, ['actors', i, 'aliases', j]]),
      ...actor.titles.map((t, j): [string, (string | number)[]] => [t, ['actors', i, 'titles', j]]),
    ];
    for (const [name, path] of names) {
      const key = normalize(name);
      const owner = claimed.get(key);
      if (owner && owner !== actor.id) at(ACTORS, path, `"${name}" is already a name of actor "${owner}"; a name can belong to one actor`);
      else claimed.set(key, actor.id);
    }
    actor.sources.forEach((s, j) => {
      if (!sourceIds.has(s)) at(ACTORS, ['actors', i, 'sources', j], `unknown source id "${s}" (not in sources.yaml)`);
    });
    actor.members?.forEach((m, j) => {
      if (!actorIds.has(m)) at(ACTORS, ['actors', i, 'members', j], `unknown actor id "${m}"`);
    });
  });

  const known: KnownIds = { actors: actorIds, topics: topicIds, sources: sourceIds, sourcePublished: new Map(input.sources.map((s) => [s.id, s.published])) };
  const briefingIds = new Map<string, string>();
  for (const b of input.briefings) {
    const other = briefingIds.get(b.id);
    if (other) at(b.file, ['id'], `duplicate briefing id "${b.id}" (also in ${other})`);
    else briefingIds.set(b.id, b.file);
    checkBriefing(b, known, at);
  }
  return errors;
}

type KnownIds = { actors: Set<string>; topics: Set<string>; sources: Set<string>; sourcePublished: Map<string, string> };
type At = (file: string, path: (string | number)[], message: string) => void;

/**
 * A briefing's references, each against the registries. Loops rather than a closure per list, and a field's path is
 * built only for an error: at 100k briefings that is ~30 ids each, nearly all valid.
 */
function checkBriefing(b: Briefing, known: KnownIds, at: At): void {
  const file = b.file;
  checkIds(b.sources, known.sources, 'source', file, at, 'sources');
  checkIds(b.actors, known.actors, 'actor', file, at, 'actors');
  checkIds(b.topics, known.topics, 'topic', file, at, 'topics');
  const items = [
    ['key_points', b.key_points],
    ['events', b.events],
    ['watch', b.watch],
  ] as const;
  for (const [key, list] of items) {
    for (let i = 0; i < list.length; i++) {
      const item = list[i]!;
      checkCited(item.sources, b.sources, known.sources, file, at, key, i);
      checkIds(item.actors, known.actors, 'actor', file, at, 'actors', key, i);
      checkIds(item.topics, known.topics, 'topic', file, at, 'topics', key, i);
    }
  }
  b.events.forEach((e, i) => {
    if (e.until && e.until < e.date) at(file, ['events', i, 'until'], `expected a day after ${e.date}`);
  });
  b.quotes.forEach((q, i) => {
    if (!known.actors.has(q.speaker)) at(file, ['quotes', i, 'speaker'], unknown('actor', q.speaker));
    const problem = citationProblem(q.source, b.sources, known.sources);
    if (problem) at(file, ['quotes', i, 'source'], problem);
  });
  for (const id of b.sources) {
    const published = known.sourcePublished.get(id);
    if (published && published > b.published) at(file, ['published'], `expected a day on or after ${published}, when source "${id}" was published`);
  }
  if (b.updated && b.updated < b.published) at(file, ['updated'], `expected a day on or after published (${b.published})`);
}

const REGISTRY_OF = { actor: 'actors.yaml', topic: 'topics.yaml', source: 'sources.yaml' } as const;
const unknown = (what: keyof typeof REGISTRY_OF, id: string) => `unknown ${what} id "${id}" (not in ${REGISTRY_OF[what]})`;

/** The path of the `j`th id of `field`, at the top of the briefing or in item `i` of `key`. */
const pathOf = (field: string, j: number, key?: string, i?: number): (string | number)[] => (key === undefined ? [field, j] : [key, i!, field, j]);

function checkIds(ids: readonly string[], known: Set<string>, what: keyof typeof REGISTRY_OF, file: string, at: At, field: string, key?: string, i?: number): void {
  for (let j = 0; j < ids.length; j++) if (!known.has(ids[j]!)) at(file, pathOf(field, j, key, i), unknown(what, ids[j]!));
}

/** What is wrong with citing source `id` in a briefing whose own sources are `own`: unknown, or not among them. */
function citationProblem(id: string, own: readonly string[], known: Set<string>): string | undefined {
  if (!known.has(id)) return unknown('source', id);
  return own.includes(id) ? undefined : `source "${id}" is cited but not listed in this briefing's sources`;
}

/** Item `i` of `key`'s sources, each a valid citation (a top-level list needs only to be known: `checkIds`). */
function checkCited(ids: readonly string[], own: readonly string[], known: Set<string>, file: string, at: At, key: string, i: number): void {
  for (let j = 0; j < ids.length; j++) {
    const problem = citationProblem(ids[j]!, own, known);
    if (problem) at(file, pathOf('sources', j, key, i), problem);
  }
}
