// Words by their UTF-16 code units, so a text can be looked up word by word without making a string of each.
// Hand-written: a Map<string, number> needs the string first, and making and hashing one per word was most of the cost
// of numbering an archive's terms (~100 µs of ~400 per briefing at 100k).
import { grow } from './typed-arrays.ts';

const EMPTY = -1;
const FIRST_SLOTS = 1 << 12;

/** FNV-1a over code units, one step; start from `HASH_SEED`. */
export const HASH_SEED = 0x811c9dc5;
export const hashStep = (hash: number, code: number): number => Math.imul(hash ^ code, 0x01000193);

/** An entry's fields in `entries`: its hash, where its code units start in `units`, how many, its value. */
const HASH = 0;
const START = 1;
const LENGTH = 2;
const VALUE = 3;
const FIELDS = 4;

/** Maps a word (code units) to a value ≥ 0; open addressing, kept at most half full. */
export class WordTable {
  private slots = new Int32Array(FIRST_SLOTS).fill(EMPTY);
  private mask = FIRST_SLOTS - 1;
  private entries: Int32Array<ArrayBuffer> = new Int32Array(FIRST_SLOTS * FIELDS);
  private count = 0;
  private units: Uint16Array<ArrayBuffer> = new Uint16Array(1 << 14);
  private used = 0;

  /** The value of the word held in `word[0 … length - 1]`, hashed to `hash`; -1 if absent. */
  get(word: Uint16Array, length: number, hash: number): number {
    const { slots, entries, units, mask } = this;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const e = slots[s]! * FIELDS;
      if (e < 0) return -1;
      if (entries[e + HASH] !== hash || entries[e + LENGTH] !== length) continue;
      const start = entries[e + START]!;
      let i = 0;
      while (i < length && units[start + i] === word[i]) i++;
      if (i === length) return entries[e + VALUE]!;
    }
  }

  /** Adds a word that `get` did not find. */
  add(word: Uint16Array, length: number, hash: number, value: number): void {
    if (this.used + length > this.units.length) this.units = grow(this.units, this.used + length);
    this.units.set(word.subarray(0, length), this.used);
    if ((this.count + 1) * FIELDS > this.entries.length) this.entries = grow(this.entries, (this.count + 1) * FIELDS);
    const e = this.count++ * FIELDS;
    this.entries.set([hash, this.used, length, value], e);
    this.used += length;
    if (2 * this.count > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(this.count - 1);
  }

  private place(entry: number): void {
    let s = this.entries[entry * FIELDS + HASH]! & this.mask;
    while (this.slots[s] !== EMPTY) s = (s + 1) & this.mask;
    this.slots[s] = entry;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    for (let e = 0; e < this.count; e++) this.place(e);
  }
}
