// How often each term occurs in one document, counted in a typed array: a Map per document cost more than numbering it.
import { grow } from './typed-arrays.ts';

/** Counts term numbers for one document at a time; `flush` hands them over and starts the next. */
export class TermCounts {
  private counts: Uint32Array<ArrayBuffer> = new Uint32Array(1024);
  private readonly touched: number[] = [];

  add(term: number, times = 1): void {
    if (term >= this.counts.length) this.counts = grow(this.counts, term + 1);
    if (this.counts[term] === 0) this.touched.push(term);
    this.counts[term]! += times;
  }

  /** How many distinct terms are counted. */
  get distinct(): number {
    return this.touched.length;
  }

  /** Each distinct term with its count, in the order first met; then nothing is counted. */
  flush(each: (term: number, count: number) => void): void {
    for (const term of this.touched) {
      each(term, this.counts[term]!);
      this.counts[term] = 0;
    }
    this.touched.length = 0;
  }
}
