// The parse cache's numbers for stems: a row keeps its terms as numbers into one table of stems, so reading a cached row
// parses and hashes no string per term (rows with JSON `[stems, counts]` cost ~30-45 µs to read and ~25 to write).
import type Database from 'better-sqlite3';
import { grow } from './core/typed-arrays.ts';

/** The numbering a cache's stems are translated to and from: a worker's own dictionary. */
export type StemNumbering = { learnStem(stem: string): number; stem(n: number): string };

/**
 * Translates between the cache's stem ids (1, 2, 3…, SQLite's row ids) and the caller's term numbers, looking a stem
 * up the first time only. 0 in either table means not known yet.
 */
export class CacheStems {
  /** Cache id → caller's number + 1. */
  private callerOf: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  /** Caller's number → cache id. */
  private cacheOf: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  /** Caller's numbers given a cache id in the open transaction: forgotten if it rolls back. */
  private uncommitted: number[] = [];
  private readonly stemById: Database.Statement<[number], { stem: string }>;
  private readonly idByStem: Database.Statement<[string], { id: number }>;
  private readonly insert: Database.Statement<[string]>;

  constructor(
    db: Database.Database,
    private readonly numbering: StemNumbering,
  ) {
    this.stemById = db.prepare('SELECT stem FROM stems WHERE id = ?');
    this.idByStem = db.prepare('SELECT id FROM stems WHERE stem = ?');
    this.insert = db.prepare('INSERT INTO stems (stem) VALUES (?)');
  }

  /** (cache id, count) pairs as (caller's number, count) pairs, in place. */
  fromCache(pairs: number[]): number[] {
    for (let i = 0; i < pairs.length; i += 2) pairs[i] = this.callerNumber(pairs[i]!);
    return pairs;
  }

  /** (caller's number, count) pairs as (cache id, count) pairs; inside a write transaction, as it may add stems. */
  toCache(pairs: number[]): number[] {
    const out: number[] = [];
    for (let i = 0; i < pairs.length; i += 2) out.push(this.cacheId(pairs[i]!), pairs[i + 1]!);
    return out;
  }

  /** Ends a write transaction: its ids stay if it committed, are forgotten if it rolled back. */
  settle(committed: boolean): void {
    if (!committed) for (const n of this.uncommitted) this.cacheOf[n] = 0;
    this.uncommitted = [];
  }

  private callerNumber(id: number): number {
    const known = id < this.callerOf.length ? this.callerOf[id]! : 0;
    if (known) return known - 1;
    // Looked up before growing: a damaged row's id could be any number.
    const row = this.stemById.get(id);
    if (!row) throw new Error(`the parse cache has no stem ${id}`);
    if (id >= this.callerOf.length) this.callerOf = grow(this.callerOf, id + 1);
    this.callerOf[id] = this.numbering.learnStem(row.stem) + 1;
    return this.callerOf[id]! - 1;
  }

  private cacheId(n: number): number {
    if (n >= this.cacheOf.length) this.cacheOf = grow(this.cacheOf, n + 1);
    if (this.cacheOf[n] === 0) {
      const stem = this.numbering.stem(n);
      const id = this.idByStem.get(stem)?.id ?? Number(this.insert.run(stem).lastInsertRowid);
      this.cacheOf[n] = id;
      this.uncommitted.push(n);
    }
    return this.cacheOf[n]!;
  }
}
