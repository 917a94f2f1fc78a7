// `briefbot publish <draft>`: validate the whole library with the draft in place; only then move it into the published set.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { buildLibrary } from '../core/library.ts';
import type { LoadError } from '../core/parse-files.ts';
import { readBriefingFiles } from '../library-loader.ts';

export type PublishResult = { ok: true; path: string } | { ok: false; errors: LoadError[] };

export async function publish(draftPath: string, opts: { briefingsDir: string }): Promise<PublishResult> {
  if (!existsSync(draftPath)) return { ok: false, errors: [{ file: draftPath, message: 'no such draft' }] };
  const name = path.basename(draftPath);
  const published = readFileSync(draftPath, 'utf8').replace(/^status:\s*draft\s*$/m, 'status: published');
  const sourceFile = draftPath.replace(/\.md$/, '.source.yaml');
  const { files, error } = await readBriefingFiles(opts.briefingsDir);
  if (error) return { ok: false, errors: [{ file: opts.briefingsDir, message: error }] };
  let sourcesText = files.find((f) => f.path === 'sources.yaml')?.text ?? '';
  if (existsSync(sourceFile)) {
    const entry = parse(readFileSync(sourceFile, 'utf8')) as { id: string };
    const known = (parse(sourcesText) as { sources?: { id: string }[] })?.sources?.some((s) => s.id === entry.id);
    if (!known) sourcesText = `${sourcesText.trimEnd()}\n${indentEntry(readFileSync(sourceFile, 'utf8'))}`;
  }
  const candidate = [...files.filter((f) => f.path !== name && f.path !== 'sources.yaml'), { path: 'sources.yaml', text: sourcesText }, { path: name, text: published }];
  const result = buildLibrary(candidate);
  if (!result.library) return { ok: false, errors: result.errors };
  // Valid: write sources first (a briefing never points at a missing source), then the briefing, then clean up.
  writeFileSync(path.join(opts.briefingsDir, 'sources.yaml'), sourcesText.endsWith('\n') ? sourcesText : `${sourcesText}\n`);
  const target = path.join(opts.briefingsDir, name);
  writeFileSync(`${target}.tmp`, published);
  renameSync(`${target}.tmp`, target);
  rmSync(draftPath);
  if (existsSync(sourceFile)) rmSync(sourceFile);
  return { ok: true, path: target };
}

/** A top-level YAML mapping as one item of the `sources:` list. */
function indentEntry(yamlText: string): string {
  const lines = yamlText.split('\n').filter((l) => l.trim() && !l.startsWith('#'));
  return lines.map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)).join('\n') + '\n';
}
