import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { contentHash, PARSE_CACHE_FILE, ParseCache, parseModules, parserVersion, type CachedParse } from '../src/parse-cache.ts';
import { TermDictionary } from '../src/core/terms.ts';
import { termsText } from '../src/parse-cache-terms.ts';
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
const dictionary = new TermDictionary();
/** A result whose terms are `words`, each counted once more than the one before, numbered by `numbering`. */
const result = (text: string, id = 'one', words = ['sanctions', 'pipeline'], numbering = dictionary): CachedParse => ({
  hash: contentHash(text),
  briefing: `{"id":"${id}"}`,
  terms: words.flatMap((w, i) => [numbering.numbers(w, true)[0]!, i + 1]),
});

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
    const cache = ParseCache.open(target, dictionary);
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

  it("gives a row's terms in the reader's own numbering, whichever worker wrote them", () => {
    const target = { file: path.join(tempDir(), PARSE_CACHE_FILE), version: 'v' };
    ParseCache.prepare(target, 10);
    const writer = new TermDictionary();
    writer.numbers('unrelated words first', true);
    const cache = ParseCache.open(target, writer);
    cache.putMany([['a.md', result('text', 'one', ['ceasefire', 'talks', 'ceasefire'], writer)]]);
    cache.close();
    const reader = new TermDictionary();
    reader.numbers('talks', true);
    const again = ParseCache.open(target, reader);
    const read = again.get('a.md')!.terms;
    again.close();
    expect(read.filter((_, i) => i % 2 === 0).map((n) => reader.stem(n))).toEqual(['ceasefir', 'talk', 'ceasefir']);
    expect(read.filter((_, i) => i % 2 === 1)).toEqual([1, 2, 3]);
  });

  it('keeps no stem numbers from a write that rolled back', () => {
    const target = { file: path.join(tempDir(), PARSE_CACHE_FILE), version: 'v' };
    ParseCache.prepare(target, 10);
    const own = new TermDictionary();
    const cache = ParseCache.open(target, own);
    const bad = { ...result('bad', 'two', ['drills'], own), briefing: null as unknown as string };
    expect(() => cache.putMany([['a.md', result('a', 'one', ['drills'], own)], ['b.md', bad]])).toThrow();
    cache.putMany([['c.md', result('c', 'three', ['drills', 'troops'], own)]]);
    expect(cache.get('a.md')).toBeUndefined();
    expect(cache.get('c.md')).toEqual(result('c', 'three', ['drills', 'troops'], own));
    cache.close();
    const reader = new TermDictionary();
    const again = ParseCache.open(target, reader);
    expect(again.get('c.md')!.terms.filter((_, i) => i % 2 === 0).map((n) => reader.stem(n))).toEqual(['drill', 'troop']);
    again.close();
  });

  it('refuses a damaged row (the worker then parses without the cache)', () => {
    const target = { file: path.join(tempDir(), PARSE_CACHE_FILE), version: 'v' };
    ParseCache.prepare(target, 10);
    const cache = ParseCache.open(target, dictionary);
    cache.putMany([['a.md', result('a')], ['b.md', result('b')]]);
    const db = new Database(target.file);
    db.prepare("UPDATE parsed SET terms = '1,2' WHERE name = 'a.md'").run();
    // An id far past any stem is looked up, not made room for.
    db.prepare("UPDATE parsed SET terms = ? WHERE name = 'b.md'").run(termsText([4_000_000_000, 1]));
    db.close();
    expect(() => cache.get('a.md')).toThrow(/malformed terms/);
    expect(() => cache.get('b.md')).toThrow(/no stem 4000000000/);
    cache.close();
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
    const cache = ParseCache.open(target, dictionary);
    cache.putMany([['a.md', result('text')]]);
    expect(cache.get('a.md')).toEqual(result('text'));
    cache.close();
  });

  it('replaces a cache in the WAL mode of the older layouts and leaves WAL', () => {
    const file = path.join(tempDir(), PARSE_CACHE_FILE);
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec("CREATE TABLE meta (version TEXT NOT NULL); INSERT INTO meta VALUES ('old');");
    old.close();
    const target = { file, version: parserVersion() };
    expect(ParseCache.prepare(target, 1)).toBe(0);
    // Rollback journal modes are per connection; only WAL is kept in the file.
    expect(inspect<string>(file, 'PRAGMA journal_mode')).not.toBe('wal');
    const cache = ParseCache.open(target, dictionary);
    cache.putMany([['a.md', result('text')]]);
    expect(cache.get('a.md')).toEqual(result('text'));
    cache.close();
  });

  it('empties itself when it holds far more results than there are files (deleted and renamed files pile up)', () => {
    const target = { file: path.join(tempDir(), PARSE_CACHE_FILE), version: 'v' };
    ParseCache.prepare(target, 1);
    const cache = ParseCache.open(target, dictionary);
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
