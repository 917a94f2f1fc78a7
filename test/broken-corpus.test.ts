// The corpus of broken briefing files: each is reported precisely (file, line, field) and none yields a library.
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/tmp.ts';
import { formatError } from '../src/core/parse-files.ts';
import { loadLibrary } from '../src/library-loader.ts';

const CORPUS = 'test/fixtures/broken';
type Case = { file: string; replaces?: string; expect: string[] };
const cases: Case[] = JSON.parse(readFileSync(path.join(CORPUS, 'expected.json'), 'utf8'));

/** The shipped briefings plus one broken file (or with one registry replaced). */
function folderWith(c: Case): string {
  const dir = tempDir('broken-');
  cpSync('briefings', dir, { recursive: true });
  const target = path.join(dir, c.replaces ?? c.file);
  // Too big to keep in the repository: made here.
  if (c.file === 'huge.md') writeFileSync(target, `---\nid: huge\n---\n${'lorem ipsum '.repeat(200_000)}`);
  else copyFileSync(path.join(CORPUS, c.file), target);
  return dir;
}

describe('broken briefing corpus', () => {
  it('has at least 20 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  // Serially, and as a large archive is read: parsed by worker threads, lines looked up afterwards.
  it.each(cases.flatMap((c) => [[c.file, 'serial', c] as const, [c.file, 'in workers', c] as const]))('%s is reported precisely and never loaded (%s)', async (_name, mode, c) => {
    const result = await loadLibrary(folderWith(c), { parallelFrom: mode === 'serial' ? Infinity : 1 });
    expect(result.library).toBeUndefined();
    const lines = result.errors.map(formatError);
    for (const needle of c.expect) expect(lines.some((l) => l.includes(needle)), `${needle}\nin:\n${lines.join('\n')}`).toBe(true);
  });
});
