// Parse results of briefing files, kept by content in the data folder: a restart re-parses only files that changed.
// Keyed by file name and checked against the file's bytes and the parse path's own code, so a cached result can never be stale.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { CacheStems, type StemNumbering } from './parse-cache-stems.ts';
import { termsFromText, termsText } from './parse-cache-terms.ts';

export const PARSE_CACHE_FILE = 'parse-cache.sqlite';
/** Beyond this many rows per briefing file the cache is emptied and rebuilt: rows of deleted or renamed files pile up otherwise. */
const MAX_ROWS_PER_FILE = 2;
/** The table's shape; part of the version, so a file written in an older shape is replaced, not misread. */
const LAYOUT = 'by-name-v4';
/**
 * A cached row (briefing and terms, ~5 KB) fits a page of this size, so a lookup reads no overflow pages.
 * With 4 KB pages and rows keyed by a hash, a warm 100k load made 3.8M pread calls; keyed by name and read in name order, few.
 */
const PAGE_SIZE = 16_384;

/** Where the cache lives and which parser wrote it; `empty`: it holds no rows yet, so nothing is looked up (a first start). */
export type CacheTarget = { file: string; version: string; empty?: boolean };

let version: string | undefined;

/** Relative imports of a module's source: `from './x.ts'` and `import('./x.ts')`, type-only ones too. */
const RELATIVE_IMPORT = /(?:from|import\(?)\s*['"](\.\.?\/[^'"]+\.ts)['"]/g;
/** Block and whole-line comments, left out before looking for imports (a comment may quote one). */
const COMMENTS = /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm;

/**
 * The modules a cached result depends on, relative to src/: the parse worker (it packs the rows), and every module under
 * src/ it imports, directly or in turn (the parser, the term numbering, this cache). Changing any other module
 * (answers, digests, indexes, adapters) leaves the cache warm.
 */
export function parseModules(): string[] {
  const src = fileURLToPath(new URL('./', import.meta.url));
  const entry = path.join(src, 'parse-worker.ts');
  const seen = new Set<string>([entry]);
  const visit = (file: string) => {
    for (const [, spec] of readFileSync(file, 'utf8').replace(COMMENTS, '').matchAll(RELATIVE_IMPORT)) {
      const target = path.resolve(path.dirname(file), spec!);
      if (!target.startsWith(src) || seen.has(target)) continue;
      seen.add(target);
      visit(target);
    }
  };
  visit(entry);
  return [...seen].map((f) => path.relative(src, f)).sort();
}

/** What a parse result depends on besides the file: the parse path's code and the libraries it uses (fixed for a process). */
export function parserVersion(): string {
  if (version) return version;
  const hash = createHash('sha256').update(LAYOUT);
  const src = fileURLToPath(new URL('./', import.meta.url));
  for (const name of parseModules()) hash.update(name).update(readFileSync(path.join(src, name)));
  const require = createRequire(import.meta.url);
  for (const lib of ['js-yaml', 'zod', 'stemmer']) hash.update(`${lib}@${(require(`${lib}/package.json`) as { version: string }).version}`);
  return (version = hash.digest('hex'));
}

/** What a result is checked against: the file's bytes (its name is the row's key). */
export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/**
 * A cached result: the hash of the bytes it was parsed from, the briefing's JSON, and its search terms as
 * (term number, count) pairs, numbered by the caller's dictionary. The terms are stored as text (parse-cache-terms.ts):
 * one string on the JS heap per row read, not a Buffer or typed array.
 */
export type CachedParse = { hash: string; briefing: string; terms: number[] };

export class ParseCache {
  private readonly read: Database.Statement<[string], { hash: string; briefing: string; terms: string }>;
  private readonly write: Database.Statement<[string, string, string, string]>;
  private readonly stems: CacheStems;

  private constructor(
    private readonly db: Database.Database,
    numbering: StemNumbering,
  ) {
    this.read = db.prepare('SELECT hash, briefing, terms FROM parsed WHERE name = ?');
    this.write = db.prepare('INSERT OR REPLACE INTO parsed (name, hash, briefing, terms) VALUES (?, ?, ?, ?)');
    this.stems = new CacheStems(db, numbering);
  }

  /**
   * Opens the cache; a file another parser version (or table layout) wrote, or one that outgrew `files` briefing
   * files, is replaced by an empty one. Called once on the main thread before the workers open it. Returns how many
   * results it holds.
   */
  static prepare(target: CacheTarget, files: number): number {
    let db = ParseCache.connect(target.file);
    try {
      const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
      const written = hasMeta ? db.prepare<[], { version: string }>('SELECT version FROM meta').get()?.version : undefined;
      const rows = written === target.version ? db.prepare<[], { n: number }>('SELECT count(*) AS n FROM parsed').get()!.n : 0;
      if (written === target.version && rows <= MAX_ROWS_PER_FILE * files + 1000) return rows;
      // A new file rather than emptied tables: the page size of an existing file cannot change in WAL mode (the older layouts').
      db.close();
      // The journal too: a leftover one would be rolled back into the new file.
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(target.file + suffix, { force: true });
      db = ParseCache.connect(target.file);
      db.exec(
        'CREATE TABLE meta (version TEXT NOT NULL); CREATE TABLE stems (id INTEGER PRIMARY KEY, stem TEXT NOT NULL UNIQUE); ' +
          'CREATE TABLE parsed (name TEXT PRIMARY KEY, hash TEXT NOT NULL, briefing TEXT NOT NULL, terms TEXT NOT NULL);',
      );
      db.prepare('INSERT INTO meta (version) VALUES (?)').run(target.version);
      return 0;
    } finally {
      if (db.open) db.close();
    }
  }

  /** A worker's connection to a prepared cache; terms are numbered by `numbering` (its dictionary). */
  static open(target: CacheTarget, numbering: StemNumbering): ParseCache {
    return new ParseCache(ParseCache.connect(target.file), numbering);
  }

  private static connect(file: string): Database.Database {
    const db = new Database(file);
    // Only takes effect on a new, empty file.
    db.pragma(`page_size = ${PAGE_SIZE}`);
    // A rollback journal, not WAL: a first start appends every row, which WAL writes twice (log, then checkpoint), at
    // ~2x the CPU per row (17-22 µs against 9.5, scratch measurement on this VM).
    db.pragma('journal_mode = TRUNCATE');
    // Workers write their new results in turn.
    db.pragma('busy_timeout = 10000');
    // Consistent through a process crash; after a power loss the last writes may be lost (a re-parse, not a wrong answer).
    db.pragma('synchronous = NORMAL');
    return db;
  }

  /** What parsing and numbering the file of this name gave before; the caller compares `hash` with the file's bytes. */
  get(name: string): CachedParse | undefined {
    const row = this.read.get(name);
    return row && { hash: row.hash, briefing: row.briefing, terms: this.stems.fromCache(termsFromText(row.terms)) };
  }

  putMany(rows: [name: string, parse: CachedParse][]): void {
    if (!rows.length) return;
    // IMMEDIATE: the transaction reads stems before it writes, and a deferred one could not then wait for the other writer.
    const save = this.db.transaction(() => rows.forEach(([name, { hash, briefing, terms }]) => this.write.run(name, hash, briefing, termsText(this.stems.toCache(terms)))));
    let committed = false;
    try {
      save.immediate();
      committed = true;
    } finally {
      this.stems.settle(committed);
    }
  }

  close(): void {
    this.db.close();
  }
}
