// Reads the briefings folder from disk and hands the files to the core's buildLibrary.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildLibrary, REGISTRY_FILES, type BuildResult, type LoadedFile } from './core/library.ts';

const OPEN_AT_ONCE = 64;

/** The registries and the top-level *.md briefings; briefings/drafts/ is the curators' and is never served. */
export async function readBriefingFiles(dir: string): Promise<{ files: LoadedFile[]; error?: string }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    return { files: [], error: `cannot read the briefings folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  const wanted = names.filter((n) => n.endsWith('.md') && n.toLowerCase() !== 'readme.md' || Object.values<string>(REGISTRY_FILES).includes(n));
  const files: LoadedFile[] = [];
  // A bounded number of files open at once: a large archive would otherwise run out of file descriptors.
  const sorted = wanted.sort();
  for (let i = 0; i < sorted.length; i += OPEN_AT_ONCE) {
    const batch = sorted.slice(i, i + OPEN_AT_ONCE);
    files.push(...(await Promise.all(batch.map(async (name) => ({ path: name, text: await readFile(path.join(dir, name), 'utf8') })))));
  }
  return { files };
}

export async function loadLibrary(dir: string): Promise<BuildResult> {
  const { files, error } = await readBriefingFiles(dir);
  if (error) return { errors: [{ file: dir, message: error }] };
  return buildLibrary(files);
}
