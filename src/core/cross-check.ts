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

  const sourcePublished = new Map(input.sources.map((s) => [s.id, s.published]));
  const briefingIds = new Map<string, string>();
  for (const b of input.briefings) {
    const loc = b.file;
    const other = briefingIds.get(b.id);
    if (other) at(loc, ['id'], `duplicate briefing id "${b.id}" (also in ${other})`);
    else briefingIds.set(b.id, b.file);

    const ref = (set: Set<string>, what: string, where: string) => (id: string, path: (string | number)[]) => {
      if (!set.has(id)) at(loc, path, `unknown ${what} id "${id}" (not in ${where})`);
    };
    const actor = ref(actorIds, 'actor', 'actors.yaml');
    const topic = ref(topicIds, 'topic', 'topics.yaml');
    const own = new Set(b.sources);
    const source = (id: string, path: (string | number)[]) => {
      if (!sourceIds.has(id)) at(loc, path, `unknown source id "${id}" (not in sources.yaml)`);
      else if (path.length > 1 && !own.has(id)) at(loc, path, `source "${id}" is cited but not listed in this briefing's sources`);
    };
    b.sources.forEach((s, i) => source(s, ['sources', i]));
    b.actors.forEach((a, i) => actor(a, ['actors', i]));
    b.topics.forEach((t, i) => topic(t, ['topics', i]));
    const items = [
      ['key_points', b.key_points],
      ['events', b.events],
      ['watch', b.watch],
    ] as const;
    for (const [key, list] of items) {
      list.forEach((item, i) => {
        item.sources.forEach((s, j) => source(s, [key, i, 'sources', j]));
        item.actors.forEach((a, j) => actor(a, [key, i, 'actors', j]));
        item.topics.forEach((t, j) => topic(t, [key, i, 'topics', j]));
      });
    }
    b.events.forEach((e, i) => {
      if (e.until && e.until < e.date) at(loc, ['events', i, 'until'], `expected a day after ${e.date}`);
    });
    b.quotes.forEach((q, i) => {
      actor(q.speaker, ['quotes', i, 'speaker']);
      source(q.source, ['quotes', i, 'source']);
    });
    for (const id of b.sources) {
      const published = sourcePublished.get(id);
      if (published && published > b.published) at(loc, ['published'], `expected a day on or after ${published}, when source "${id}" was published`);
    }
    if (b.updated && b.updated < b.published) at(loc, ['updated'], `expected a day on or after published (${b.published})`);
  }
  return errors;
}
