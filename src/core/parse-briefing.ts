// One briefing file, parsed and validated on its own. What this module and its imports do decides a cached parse (parse-cache.ts).
import { frontMatterSchema, type Briefing } from './model.ts';
import { parseMarkdownFile, type LoadedFile, type LoadError, type Locator } from './parse-files.ts';
import type { IdListPool } from './id-lists.ts';

/** One briefing file's result: the part of a build that can run in parallel. */
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
