import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { contentHash, PARSE_CACHE_FILE, ParseCache, parseModules, parserVersion, type CachedParse } from '../src/parse-cache.ts';
import { tempDir } from './helpers/tmp.ts';

const inspect = <T>(file: string, sql: string): T => {
  const db = new Database(file, { readonly: true });
  try {
    return db.pragma(sql.replace(/^PRAGMA /, ''), { simple: true }) as T;
  } finally {
    db.close();
  }
};
const rows = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM parsed').get()!.n;
  } finally {
    db.close();
  }
};
const result = (text: string, id = 'one'): CachedParse => ({ hash: contentHash(text), briefing: `{"id":"${id}"}`, terms: `[["${id}"],[1]]` });

describe('ParseCache', () => {
  it('versions results by the code of the parse path only, so changing how answers are made keeps the cache warm', () => {
    const modules = parseModules();
    for (const used of ['parse-worker.ts', 'parse-cache.ts', 'core/parse-briefing.ts', 'core/parse-files.ts', 'core/model.ts', 'core/briefing-terms.ts', 'core/terms.ts', 'core/normalize.ts', 'core/id-lists.ts']) {
      expect(modules).toContain(used);
    }
    for (const unused of ['core/answers.ts', 'core/digest.ts', 'core/search.ts', 'core/inverted-index.ts', 'core/content-index.ts', 'core/library.ts', 'library-loader.ts']) {
      expect(modules).not.toContain(unused);
    }
    expect(parserVersion()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes a file by its bytes, so an edit misses', () => {
    expect(contentHash('text')).toBe(contentHash('text'));
    expect(contentHash('text!')).not.toBe(contentHash('text'));
  });

  it('stores results by file name, replaces a file\'s old result, and empties itself for another parser version', () => {
    const target = { file: path.join(tempDir(), PARSE_CACHE_FILE), version: parserVersion() };
    ParseCache.prepare(target, 10);
    const cache = ParseCache.open(target);
    cache.putMany([['a.md', result('first text')]]);
    expect(cache.get('a.md')).toEqual(result('first text'));
    expect(cache.get('b.md')).toBeUndefined();
    // An edited file's new result takes the place of its old one: rows do not pile up per edit.
    cache.putMany([['a.md', result('edited text', 'two')]]);
    expect(cache.get('a.md')).toEqual(result('edited text', 'two'));
    cache.close();
    ParseCache.prepare(target, 10);
    expect(rows(target.file)).toBe(1);
    ParseCache.prepare({ ...target, version: 'another parser' }, 10);
    expect(rows(target.file)).toBe(0);
  });

  it('writes rows into large pages, so a cached briefing needs no overflow pages', () => {
    const target = { file: path.join(tempDir(), PARSE_CACHE_FILE), version: 'v' };
    ParseCache.prepare(target, 1);
    expect(inspect<number>(target.file, 'PRAGMA page_size')).toBe(16_384);
  });

  it('replaces a cache written in the older layout (rows keyed by a hash)', () => {
    const file = path.join(tempDir(), PARSE_CACHE_FILE);
    const old = new Database(file);
    old.exec("CREATE TABLE meta (version TEXT NOT NULL); INSERT INTO meta VALUES ('old'); CREATE TABLE parsed (key TEXT PRIMARY KEY, briefing TEXT NOT NULL, terms TEXT NOT NULL) WITHOUT ROWID;");
    old.close();
    const target = { file, version: parserVersion() };
    ParseCache.prepare(target, 1);
    const cache = ParseCache.open(target);
    cache.putMany([['a.md', result('text')]]);
    expect(cache.get('a.md')).toEqual(result('text'));
    cache.close();
  });

  it('empties itself when it holds far more results than there are files (deleted and renamed files pile up)', () => {
    const target = { file: path.join(tempDir(), PARSE_CACHE_FILE), version: 'v' };
    ParseCache.prepare(target, 1);
    const cache = ParseCache.open(target);
    cache.putMany(Array.from({ length: 1_100 }, (_, i): [string, CachedParse] => [`f${i}.md`, result(`text ${i}`)]));
    cache.close();
    ParseCache.prepare(target, 1_000);
    expect(rows(target.file)).toBe(1_100);
    ParseCache.prepare(target, 1);
    expect(rows(target.file)).toBe(0);
  });

  it('fails to open a file that is not a database, which the loader then does without', () => {
    const file = path.join(tempDir(), PARSE_CACHE_FILE);
    writeFileSync(file, 'not a database, just junk '.repeat(100));
    expect(() => ParseCache.prepare({ file, version: 'v' }, 1)).toThrow();
  });
});
