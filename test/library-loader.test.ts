import { describe, expect, it } from 'vitest';
import { answer } from '../src/core/answers.ts';
import type { Library } from '../src/core/library.ts';
import { loadLibrary } from '../src/library-loader.ts';
import { tempDir } from './helpers/tmp.ts';

async function load(dir: string, parallelFrom: number): Promise<Library> {
  const r = await loadLibrary(dir, { parallelFrom });
  if (!r.library) throw new Error(JSON.stringify(r.errors));
  return r.library;
}

describe('loadLibrary', () => {
  it('builds the same library whether briefings are parsed here or by worker threads', async () => {
    const [serial, parallel] = await Promise.all([load('briefings', Infinity), load('briefings', 1)]);
    expect(parallel.briefings).toEqual(serial.briefings);
    expect(parallel.content.events.length).toBe(serial.content.events.length);
    // Speakers' names are indexed on the main thread, the rest by the workers: a name finds their quotes either way.
    for (const q of ['sanctions', 'Scholz Kyiv', 'reserve fund', 'Lavrov', 'Blinken said']) {
      const ask = (lib: Library) => answer({ kind: 'search', query: q }, lib, { asOf: '2022-12-31' });
      expect(ask(parallel)).toEqual(ask(serial));
    }
  });

  it('names a folder it cannot read', async () => {
    const r = await loadLibrary(`${tempDir()}/missing`);
    expect(r.library).toBeUndefined();
    expect(r.errors[0]!.message).toMatch(/cannot read the briefings folder .*ENOENT/);
  });
});
