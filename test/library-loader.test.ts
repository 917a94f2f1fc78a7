import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { answer } from '../src/core/answers.ts';
import type { Library } from '../src/core/library.ts';
import { loadLibrary } from '../src/library-loader.ts';
import { PARSE_CACHE_FILE } from '../src/parse-cache.ts';
import { tempDir } from './helpers/tmp.ts';

async function load(dir: string, parallelFrom: number, cacheDir?: string): Promise<Library> {
  const r = await loadLibrary(dir, { parallelFrom, cacheDir });
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

  it('parses on the main thread, with a warning, when a parse worker runs out of memory', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const starved = await loadLibrary('briefings', { parallelFrom: 1, workerHeapMb: 2 });
      expect(starved.errors).toEqual([]);
      expect(starved.library!.briefings).toEqual((await load('briefings', Infinity)).briefings);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/parsed without worker threads: .*(memory|exited)/i);
    } finally {
      warn.mockRestore();
    }
  });

  describe('with a parse cache', () => {
    const copy = () => {
      const dir = path.join(tempDir(), 'briefings');
      cpSync('briefings', dir, { recursive: true });
      return dir;
    };
    const cached = (cacheDir: string) => {
      const db = new Database(path.join(cacheDir, PARSE_CACHE_FILE));
      return { rows: db.prepare<[], { name: string; briefing: string }>('SELECT name, briefing FROM parsed').all(), db };
    };

    it('serves what a load without it serves, from the cache once it is warm', async () => {
      const [dir, cacheDir] = [copy(), tempDir()];
      const serial = await load(dir, Infinity);
      const cold = await load(dir, 1, cacheDir);
      const warm = await load(dir, 1, cacheDir);
      for (const lib of [cold, warm]) {
        expect(lib.briefings).toEqual(serial.briefings);
        for (const q of ['sanctions', 'Lavrov', 'Scholz Kyiv']) {
          const ask = (l: Library) => answer({ kind: 'search', query: q }, l, { asOf: '2022-12-31' });
          expect(ask(lib)).toEqual(ask(serial));
        }
      }
      // Prove a warm load reads the cache: a title changed there shows up.
      const { rows, db } = cached(cacheDir);
      expect(rows.length).toBe(serial.briefings.length);
      const first = rows[0]!;
      const marked = { ...JSON.parse(first.briefing), title: 'Marked in the cache' };
      db.prepare('UPDATE parsed SET briefing = ? WHERE name = ?').run(JSON.stringify(marked), first.name);
      db.close();
      const read = await load(dir, 1, cacheDir);
      expect(read.briefings.find((b) => b.id === marked.id)!.title).toBe('Marked in the cache');
    });

    it('parses an edited file again, and never caches a file with errors', async () => {
      const [dir, cacheDir] = [copy(), tempDir()];
      const before = await load(dir, 1, cacheDir);
      const target = before.briefings[0]!;
      const file = path.join(dir, target.file);
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace(/^title: .*$/m, 'title: Edited after caching'));
      expect((await load(dir, 1, cacheDir)).briefings[0]!.title).toBe('Edited after caching');

      writeFileSync(file, text.replace(/^published: .*$/m, 'published: 2022-02-30'));
      const broken = await loadLibrary(dir, { parallelFrom: 1, cacheDir });
      expect(broken.library).toBeUndefined();
      expect(broken.errors[0]).toMatchObject({ file: target.file, field: 'published' });
      expect(broken.errors[0]!.line).toBeGreaterThan(1);
      const again = await loadLibrary(dir, { parallelFrom: 1, cacheDir });
      expect(again.errors).toEqual(broken.errors);
    });

    it('loads without it, with a warning, when the cache cannot be used', async () => {
      const [dir, cacheDir] = [copy(), tempDir()];
      writeFileSync(path.join(cacheDir, PARSE_CACHE_FILE), 'junk, not a database '.repeat(100));
      const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
      try {
        expect((await load(dir, 1, cacheDir)).briefings).toEqual((await load(dir, Infinity)).briefings);
        expect(String(warn.mock.calls[0]?.[0])).toMatch(/parse cache not used/);
      } finally {
        warn.mockRestore();
      }
    });
  });

  it('names a folder it cannot read', async () => {
    const r = await loadLibrary(`${tempDir()}/missing`);
    expect(r.library).toBeUndefined();
    expect(r.errors[0]!.message).toMatch(/cannot read the briefings folder .*ENOENT/);
  });
});
