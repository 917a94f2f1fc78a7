// Parse results of briefing files, kept by content in the data folder: a restart re-parses only files that changed.
// Content-addressed (file name + bytes + the parser's own code), so a cached result can never be stale.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

export const PARSE_CACHE_FILE = 'parse-cache.sqlite';
/** Beyond this many rows per briefing file the cache is emptied and rebuilt: old versions of files pile up otherwise. */
const MAX_ROWS_PER_FILE = 3;

/** Where the cache lives and which parser wrote it. */
export type CacheTarget = { file: string; version: string };

let version: string | undefined;

/** What a parse result depends on besides the file: the core's code and the YAML and schema libraries (fixed for a process). */
export function parserVersion(): string {
  if (version) return version;
  const hash = createHash('sha256');
  const core = fileURLToPath(new URL('./core/', import.meta.url));
  for (const name of readdirSync(core).sort()) hash.update(name).update(readFileSync(path.join(core, name)));
  const require = createRequire(import.meta.url);
  for (const lib of ['js-yaml', 'zod']) hash.update(`${lib}@${(require(`${lib}/package.json`) as { version: string }).version}`);
  return (version = hash.digest('hex'));
}

export function cacheKey(name: string, text: string): string {
  return createHash('sha1').update(name).update('\0').update(text).digest('base64');
}

/** A cached result: the briefing's JSON, and its search terms as JSON `[stems, counts]` (numbering words is costly too). */
export type CachedParse = { briefing: string; terms: string };

export class ParseCache {
  private readonly read: Database.Statement<[string], CachedParse>;
  private readonly write: Database.Statement<[string, string, string]>;

  private constructor(private readonly db: Database.Database) {
    this.read = db.prepare('SELECT briefing, terms FROM parsed WHERE key = ?');
    this.write = db.prepare('INSERT OR REPLACE INTO parsed (key, briefing, terms) VALUES (?, ?, ?)');
  }

  /**
   * Opens the cache, emptying it when another parser version wrote it or it outgrew `files` briefing files.
   * Called once on the main thread before the workers open it.
   */
  static prepare(target: CacheTarget, files: number): void {
    const db = ParseCache.connect(target.file);
    try {
      db.exec('CREATE TABLE IF NOT EXISTS meta (version TEXT NOT NULL); CREATE TABLE IF NOT EXISTS parsed (key TEXT PRIMARY KEY, briefing TEXT NOT NULL, terms TEXT NOT NULL) WITHOUT ROWID;');
      const version = db.prepare<[], { version: string }>('SELECT version FROM meta').get()?.version;
      const rows = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM parsed').get()!.n;
      if (version !== target.version || rows > MAX_ROWS_PER_FILE * files + 1000) {
        db.transaction(() => {
          db.exec('DELETE FROM parsed; DELETE FROM meta;');
          db.prepare('INSERT INTO meta (version) VALUES (?)').run(target.version);
        })();
      }
    } finally {
      db.close();
    }
  }

  /** A worker's connection to a prepared cache. */
  static open(target: CacheTarget): ParseCache {
    return new ParseCache(ParseCache.connect(target.file));
  }

  private static connect(file: string): Database.Database {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    // Workers write their new results side by side.
    db.pragma('busy_timeout = 10000');
    // WAL with NORMAL stays consistent through a crash (the last writes may be lost: a re-parse, not a wrong answer).
    db.pragma('synchronous = NORMAL');
    return db;
  }

  /** What parsing and numbering the same name and bytes with the same parser gave before. */
  get(key: string): CachedParse | undefined {
    return this.read.get(key);
  }

  putMany(rows: [key: string, parse: CachedParse][]): void {
    if (rows.length) this.db.transaction(() => rows.forEach(([key, { briefing, terms }]) => this.write.run(key, briefing, terms)))();
  }

  close(): void {
    this.db.close();
  }
}
