// How often each term occurs in one document, counted in a typed array: a Map per document cost more than numbering it.
import { grow } from './typed-arrays.ts';

/** Counts term numbers for one document at a time. */
export class TermCounts {
  private counts: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  private readonly touched: number[] = [];

  add(term: number, times = 1): void {
    if (term >= this.counts.length) this.counts = grow(this.counts, term + 1);
    if (this.counts[term] === 0) this.touched.push(term);
    this.counts[term]! += times;
  }

  /** Counts `terms[i]` `times[i]` times; returns how many occurrences that is. */
  addTimes(terms: ArrayLike<number>, times: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < terms.length; i++) {
      this.add(terms[i]!, times[i]!);
      total += times[i]!;
    }
    return total;
  }

  /** Counts each of `terms` once. */
  addEach(terms: ArrayLike<number>): void {
    for (let i = 0; i < terms.length; i++) this.add(terms[i]!);
  }

  /** The distinct terms counted, in the order first met; read their counts with `count` before `clear`. */
  get terms(): readonly number[] {
    return this.touched;
  }

  count(term: number): number {
    return this.counts[term]!;
  }

  /** Forgets every count, ready for the next document. */
  clear(): void {
    for (const term of this.touched) this.counts[term] = 0;
    this.touched.length = 0;
  }
}
