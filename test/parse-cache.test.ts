import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheKey, PARSE_CACHE_FILE, ParseCache, parserVersion, type CachedParse } from '../src/parse-cache.ts';
import { tempDir } from './helpers/tmp.ts';

const rows = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM parsed').get()!.n;
  } finally {
    db.close();
  }
};

describe('ParseCache', () => {
  it('keys a result by file name and bytes, so a rename or an edit misses', () => {
    expect(cacheKey('a.md', 'text')).toBe(cacheKey('a.md', 'text'));
    expect(cacheKey('b.md', 'text')).not.toBe(cacheKey('a.md', 'text'));
    expect(cacheKey('a.md', 'text!')).not.toBe(cacheKey('a.md', 'text'));
  });

  it('stores and returns briefings, and empties itself for another parser version', () => {
    const target = { file: path.join(tempDir(), PARSE_CACHE_FILE), version: parserVersion() };
    ParseCache.prepare(target, 10);
    const cache = ParseCache.open(target);
    const one: CachedParse = { briefing: '{"id":"one"}', terms: '[["one"],[1]]' };
    cache.putMany([['k1', one]]);
    expect(cache.get('k1')).toEqual(one);
    expect(cache.get('k2')).toBeUndefined();
    cache.close();
    ParseCache.prepare(target, 10);
    expect(rows(target.file)).toBe(1);
    ParseCache.prepare({ ...target, version: 'another parser' }, 10);
    expect(rows(target.file)).toBe(0);
  });

  it('empties itself when it holds far more results than there are files (old versions pile up)', () => {
    const target = { file: path.join(tempDir(), PARSE_CACHE_FILE), version: 'v' };
    ParseCache.prepare(target, 1);
    const cache = ParseCache.open(target);
    cache.putMany(Array.from({ length: 1_100 }, (_, i): [string, CachedParse] => [`k${i}`, { briefing: '{}', terms: '[[],[]]' }]));
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
