// Builds the Library, an immutable snapshot of the curated content, from already-read files: validate, cross-check, index.
import {
  actorsFileSchema,
  frontMatterSchema,
  sourcesFileSchema,
  topicsFileSchema,
  type Actor,
  type Briefing,
  type Source,
  type Topic,
} from './model.ts';
import { Locator, parseMarkdownFile, parseYamlFile, type LoadedFile, type LoadError } from './parse-files.ts';
import { ActorResolver } from './actors.ts';
import { TopicResolver } from './topics.ts';
import { buildSearchIndex, type NumberedTexts, type SearchIndex } from './search.ts';
import { crossCheck } from './cross-check.ts';
import { buildContentIndex, type ContentIndex } from './content-index.ts';
import { byCodePoint } from './normalize.ts';
import { IdListPool } from './id-lists.ts';

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

/** One briefing file, parsed and validated on its own: the part of a build that can run in parallel. */
export type ParsedBriefing = { file: string; briefing?: Briefing; errors: LoadError[] };

/** `pool`: equal id lists become one shared array (see IdListPool). */
export function parseBriefingFile(file: LoadedFile, locator: Locator, pool?: IdListPool): ParsedBriefing {
  const parsed = parseMarkdownFile(file, frontMatterSchema, locator);
  if (!parsed.value) return { file: file.path, errors: parsed.errors };
  const errors = parsed.value.body ? [] : [locator.error(file.path, [], 'expected a summary below the front matter')];
  const briefing: Briefing = { ...parsed.value.front, summary: parsed.value.body, file: file.path };
  pool?.share(briefing);
  return { file: file.path, briefing, errors };
}

/** Everything is checked; any error means no library (the caller keeps serving the last good one). */
export function buildLibrary(files: LoadedFile[]): BuildResult {
  const byName = new Map(files.map((f) => [f.path, f]));
  const locator = new Locator((path) => byName.get(path));
  const pool = new IdListPool();
  const parsed = files.filter((f) => f.path.endsWith('.md')).map((f) => parseBriefingFile(f, locator, pool));
  return assembleLibrary(files.filter((f) => !f.path.endsWith('.md')), parsed, locator);
}

/**
 * The registries plus every parsed briefing → cross-checked, indexed Library; `locator` finds lines in any of the files.
 * `numbered`: the briefings' search terms, when worker threads numbered them already.
 */
export function assembleLibrary(registryFiles: LoadedFile[], parsedBriefings: ParsedBriefing[], locator: Locator, numbered?: NumberedTexts): BuildResult {
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
  const actors = registry(REGISTRY_FILES.actors, (f) => parseYamlFile(f, actorsFileSchema, locator));
  const topics = registry(REGISTRY_FILES.topics, (f) => parseYamlFile(f, topicsFileSchema, locator));
  const sources = registry(REGISTRY_FILES.sources, (f) => parseYamlFile(f, sourcesFileSchema, locator));

  const briefings: Briefing[] = [];
  for (const p of [...parsedBriefings].sort((a, b) => byCodePoint(a.file, b.file))) {
    errors.push(...p.errors);
    if (p.briefing) briefings.push(p.briefing);
  }
  if (!actors || !topics || !sources) return { errors };

  errors.push(...crossCheck({ actors: actors.actors, topics: topics.topics, sources: sources.sources, briefings }, locator));
  if (errors.length) return { errors };

  const published = briefings
    .filter((b) => b.status === 'published')
    .sort((a, b) => byCodePoint(a.published, b.published) || byCodePoint(a.id, b.id));
  const actorList = actors.actors;
  const topicList = topics.topics;
  const sourceList = sources.sources;
  const sourceById = new Map(sourceList.map((s) => [s.id, s]));
  const library: Library = {
    actors: actorList,
    actorById: new Map(actorList.map((a) => [a.id, a])),
    topics: topicList,
    topicById: new Map(topicList.map((t) => [t.id, t])),
    sources: sourceList,
    sourceById,
    briefings: published,
    briefingById: new Map(published.map((b) => [b.id, b])),
    content: buildContentIndex(published, (id) => sourceById.get(id)?.published ?? ''),
    actorResolver: new ActorResolver(actorList),
    topicResolver: new TopicResolver(topicList),
    search: buildSearchIndex(published, actorList, numbered),
  };
  return { library, errors: [] };
}
