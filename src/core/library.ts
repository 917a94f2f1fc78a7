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
import { lineOf, parseMarkdownFile, parseYamlFile, type LoadedFile, type LoadError, type Located } from './parse-files.ts';
import { ActorResolver } from './actors.ts';
import { TopicResolver } from './topics.ts';
import { buildSearchIndex, type SearchIndex } from './search.ts';
import { crossCheck } from './cross-check.ts';
import { buildContentIndex, type ContentIndex } from './content-index.ts';

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
  const errors: LoadError[] = [];
  const byName = new Map(files.map((f) => [f.path, f]));
  const registry = <T>(
    name: string,
    parse: (f: LoadedFile) => { value?: T; errors: LoadError[]; located?: Located },
  ): { value?: T; located?: Located } => {
    const file = byName.get(name);
    if (!file) {
      errors.push({ file: name, message: 'missing: the briefings folder needs this file' });
      return {};
    }
    const parsed = parse(file);
    errors.push(...parsed.errors);
    return parsed;
  };
  const actors = registry(REGISTRY_FILES.actors, (f) => parseYamlFile(f, actorsFileSchema));
  const topics = registry(REGISTRY_FILES.topics, (f) => parseYamlFile(f, topicsFileSchema));
  const sources = registry(REGISTRY_FILES.sources, (f) => parseYamlFile(f, sourcesFileSchema));

  const briefings: { briefing: Briefing; located: Located }[] = [];
  for (const file of files.filter((f) => f.path.endsWith('.md')).sort((a, b) => a.path.localeCompare(b.path))) {
    const parsed = parseMarkdownFile(file, frontMatterSchema);
    errors.push(...parsed.errors);
    if (parsed.value && parsed.located) {
      briefings.push({ briefing: { ...parsed.value.front, summary: parsed.value.body, file: file.path }, located: parsed.located });
      if (!parsed.value.body) errors.push({ file: file.path, line: lineOf(parsed.located, []), message: 'expected a summary below the front matter' });
    }
  }
  if (!actors.value || !topics.value || !sources.value) return { errors };

  errors.push(
    ...crossCheck({
      actors: { items: actors.value.actors, located: actors.located! },
      topics: { items: topics.value.topics, located: topics.located! },
      sources: { items: sources.value.sources, located: sources.located! },
      briefings,
    }),
  );
  if (errors.length) return { errors };

  const published = briefings
    .map((b) => b.briefing)
    .filter((b) => b.status === 'published')
    .sort((a, b) => a.published.localeCompare(b.published) || a.id.localeCompare(b.id));
  const actorList = actors.value.actors;
  const topicList = topics.value.topics;
  const sourceList = sources.value.sources;
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
    search: buildSearchIndex(published, actorList),
  };
  return { library, errors: [] };
}
