// Builds the Library, an immutable snapshot of the curated content, from already-read files: validate, cross-check, index.
import {
  actorsFileSchema,
  sourcesFileSchema,
  topicsFileSchema,
  type Actor,
  type Briefing,
  type Source,
  type Topic,
} from './model.ts';
import { Locator, parseYamlFile, type LoadedFile, type LoadError } from './parse-files.ts';
import { ActorResolver } from './actors.ts';
import { TopicResolver } from './topics.ts';
import { buildSearchIndex, type SearchIndex, type SearchIndexBuilder } from './search.ts';
import { crossCheck } from './cross-check.ts';
import { buildContentIndex, type ContentIndex } from './content-index.ts';
import { byCodePoint } from './normalize.ts';
import { IdListPool } from './id-lists.ts';
import { parseBriefingFile, type ParsedBriefing } from './parse-briefing.ts';

export type { LoadedFile, LoadError };

export type Library = {
  actors: Actor[];
  actorById: Map<string, Actor>;
  topics: Topic[];
  topicById: Map<string, Topic>;
  sources: Source[];
  sourceById: Map<string, Source>;
  /** Published briefings only, oldest first. Drafts are validated but never served. */
  briefings: Briefing[];
  briefingById: Map<string, Briefing>;
  content: ContentIndex;
  actorResolver: ActorResolver;
  topicResolver: TopicResolver;
  search: SearchIndex;
};

export const REGISTRY_FILES = { actors: 'actors.yaml', topics: 'topics.yaml', sources: 'sources.yaml' } as const;

export type BuildResult = { library?: Library; errors: LoadError[] };

/** Everything is checked; any error means no library (the caller keeps serving the last good one). */
export function buildLibrary(files: LoadedFile[]): BuildResult {
  const byName = new Map(files.map((f) => [f.path, f]));
  const locator = new Locator((path) => byName.get(path));
  const pool = new IdListPool();
  const parsed = files.filter((f) => f.path.endsWith('.md')).map((f) => parseBriefingFile(f, locator, pool));
  return assembleLibrary(parseRegistries(files.filter((f) => !f.path.endsWith('.md')), locator), parsed, locator);
}

/** The three registry files, parsed and validated; a missing or broken one is left out and its errors listed. */
export type Registries = { actors?: Actor[]; topics?: Topic[]; sources?: Source[]; errors: LoadError[] };

export function parseRegistries(registryFiles: LoadedFile[], locator: Locator): Registries {
  const errors: LoadError[] = [];
  const byName = new Map(registryFiles.map((f) => [f.path, f]));
  const registry = <T>(name: string, parse: (f: LoadedFile) => { value?: T; errors: LoadError[] }): T | undefined => {
    const file = byName.get(name);
    if (!file) {
      errors.push({ file: name, message: 'missing: the briefings folder needs this file' });
      return undefined;
    }
    const parsed = parse(file);
    errors.push(...parsed.errors);
    return parsed.value;
  };
  const actors = registry(REGISTRY_FILES.actors, (f) => parseYamlFile(f, actorsFileSchema, locator))?.actors;
  const topics = registry(REGISTRY_FILES.topics, (f) => parseYamlFile(f, topicsFileSchema, locator))?.topics;
  const sources = registry(REGISTRY_FILES.sources, (f) => parseYamlFile(f, sourcesFileSchema, locator))?.sources;
  return { actors, topics, sources, errors };
}

/**
 * The registries plus every parsed briefing → cross-checked, indexed Library; `locator` finds lines in any of the files.
 * `search`: the search index as filled while the files were parsed (worker threads), if it was.
 */
export function assembleLibrary(registries: Registries, parsedBriefings: ParsedBriefing[], locator: Locator, search?: SearchIndexBuilder): BuildResult {
  const errors: LoadError[] = [...registries.errors];
  const { actors, topics, sources } = registries;

  const briefings: Briefing[] = [];
  for (const p of [...parsedBriefings].sort((a, b) => byCodePoint(a.file, b.file))) {
    errors.push(...p.errors);
    if (p.briefing) briefings.push(p.briefing);
  }
  if (!actors || !topics || !sources) return { errors };

  errors.push(...crossCheck({ actors, topics, sources, briefings }, locator));
  if (errors.length) return { errors };

  const published = briefings
    .filter((b) => b.status === 'published')
    .sort((a, b) => byCodePoint(a.published, b.published) || byCodePoint(a.id, b.id));
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  // Before the content index: freezing holds the index's build chunks and its postings at once, the peak of a load.
  const searchIndex = buildSearchIndex(published, actors, search);
  const library: Library = {
    actors,
    actorById: new Map(actors.map((a) => [a.id, a])),
    topics,
    topicById: new Map(topics.map((t) => [t.id, t])),
    sources,
    sourceById,
    briefings: published,
    briefingById: new Map(published.map((b) => [b.id, b])),
    content: buildContentIndex(published, (id) => sourceById.get(id)?.published ?? ''),
    actorResolver: new ActorResolver(actors),
    topicResolver: new TopicResolver(topics),
    search: searchIndex,
  };
  return { library, errors: [] };
}
