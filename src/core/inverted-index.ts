// A compact inverted index with BM25 ranking: term number → typed array of (document, count), built once per Library.
// Hand-written because FlexSearch 0.8 took ~60 s and gigabytes to index 100k briefings (docs/benchmarks.md, B2).
import { TermCounts } from './term-counts.ts';

/** A posting packs the document number and its term count (capped) into one 32-bit word. */
const COUNT_BITS = 8;
const MAX_COUNT = (1 << COUNT_BITS) - 1;
const MAX_DOCUMENTS = 2 ** (32 - COUNT_BITS);
/** While building, an entry packs the term number and its count the same way; the document is where the entry lies. */
const MAX_TERMS = 2 ** (32 - COUNT_BITS);

/** BM25's usual constants: term-frequency saturation and length normalisation. */
const K1 = 1.2;
const B = 0.75;

/** A query's distinct terms beyond this are ignored (and `matched` fits a byte). */
const MAX_QUERY_TERMS = 32;
/** A walked list is bounded in blocks of 2^BLOCK_BITS postings: a block whose largest weight cannot lift a document into the list is passed over whole. */
const BLOCK_BITS = 6;
const BLOCK_MASK = (1 << BLOCK_BITS) - 1;

export type Ranked = { doc: number; score: number; matched: number };

/**
 * Entries are collected in one resizable buffer that grows in place: its memory goes back to the system when freezing
 * ends. Separate chunks stayed resident (~100 MB at 100k) until a collection, and then inside malloc, through the rest of a load.
 */
const FIRST_ENTRIES = 1 << 14;
/** Reserved address space, not memory: 2 GB, ~80 times what 100k briefings use. */
const MAX_ENTRIES = 2 ** 29;
/** Freezing writes the postings in this many ranges of terms: the build buffer and the postings then overlap by about a range, not whole. */
const FREEZE_RANGES = 4;

/**
 * Terms are numbered by the caller (0, 1, 2…), so building never hashes a string. Documents may be added in any
 * order (as files are parsed); `freeze` numbers them in the order searches should use.
 */
export class InvertedIndex {
  /** While building: each added document's entries, document k's from docStart[k] to docStart[k + 1]. */
  private store = new ArrayBuffer(0, { maxByteLength: 4 * MAX_ENTRIES });
  private entries = new Uint32Array(this.store);
  private docStart: number[] = [0];
  private terms = 0;
  /** Frozen: every term's postings in one array, term t at offsets[t] … offsets[t + 1]. */
  private offsets = new Uint32Array(1);
  private postings = new Uint32Array(0);
  /** The document being added's term counts. */
  private counting = new TermCounts();
  private lengths: number[] = [];
  /** BM25's length normalisation per document, computed once. */
  private docNorm = new Float32Array(0);
  /**
   * A term's largest weight in each block of its postings, for the terms queried so far (at most ~3 MB at 100k
   * briefings): bounds for skipping documents that cannot make a list.
   */
  private blockMaxes = new Map<number, Float64Array>();

  /** Documents are numbered 0, 1, 2… in the order they are added; a document's terms may come in several parts. */
  add(...parts: ArrayLike<number>[]): number {
    return this.addCounted(EMPTY, EMPTY, ...parts);
  }

  /** The same, with some terms already counted: `terms[i]` occurs `counts[i]` times (a worker thread counted them). */
  addCounted(terms: ArrayLike<number>, counts: ArrayLike<number>, ...parts: ArrayLike<number>[]): number {
    const doc = this.lengths.length;
    if (doc >= MAX_DOCUMENTS) throw new Error(`the search index holds at most ${MAX_DOCUMENTS} documents`);
    let length = this.counting.addTimes(terms, counts);
    for (const part of parts) {
      this.counting.addEach(part);
      length += part.length;
    }
    const distinct = this.counting.terms;
    for (const term of distinct) {
      if (term >= MAX_TERMS) {
        this.counting.clear();
        throw new Error(`the search index holds at most ${MAX_TERMS} distinct terms`);
      }
    }
    let used = this.docStart[doc]!;
    this.room(used + distinct.length);
    const entries = this.entries;
    for (const term of distinct) {
      entries[used++] = ((term << COUNT_BITS) | Math.min(this.counting.count(term), MAX_COUNT)) >>> 0;
      if (term >= this.terms) this.terms = term + 1;
    }
    this.lengths.push(length);
    this.docStart.push(used);
    this.counting.clear();
    return doc;
  }

  /** Room for `n` entries in all: the buffer doubles in place (the view tracks its length), no copy. */
  private room(n: number): void {
    if (n <= this.entries.length) return;
    if (n > MAX_ENTRIES) {
      this.counting.clear();
      throw new Error(`the search index holds at most ${MAX_ENTRIES} (document, term) entries`);
    }
    this.store.resize(4 * Math.min(MAX_ENTRIES, Math.max(n, FIRST_ENTRIES, 2 * this.entries.length)));
  }

  /**
   * Ends building: document k of the frozen index is the document added as `order[k]` (by default, as added;
   * documents left out of `order` are dropped). A counting sort by term keeps each term's postings in document order.
   * The postings are written a range of terms at a time, and the entries left are compacted after each, so the build
   * buffer shrinks as the postings grow (untouched pages of the new array take no memory).
   */
  freeze(order: ArrayLike<number> = Array.from(this.lengths.keys())): void {
    const offsets = new Uint32Array(this.terms + 1);
    const built = this.entries;
    const starts = this.docStart;
    let total = 0;
    for (let doc = 0; doc < order.length; doc++) {
      const added = order[doc]!;
      for (let i = starts[added]!, end = starts[added + 1]!; i < end; i++) offsets[(built[i]! >>> COUNT_BITS) + 1]!++, total++;
    }
    for (let t = 1; t <= this.terms; t++) offsets[t]! += offsets[t - 1]!;
    const postings = new Uint32Array(total);
    const next = offsets.slice(0, this.terms);
    let below = 0;
    for (let range = 1; range <= FREEZE_RANGES; range++) {
      // Terms below `below` are written: the next range ends where about range/FREEZE_RANGES of the postings are.
      const from = below;
      while (below < this.terms && (range === FREEZE_RANGES || offsets[below]! < (total * range) / FREEZE_RANGES)) below++;
      if (below === from) continue;
      for (let doc = 0; doc < order.length; doc++) {
        const added = order[doc]!;
        for (let i = starts[added]!, end = starts[added + 1]!; i < end; i++) {
          const entry = built[i]!;
          if (entry >>> COUNT_BITS < below) postings[next[entry >>> COUNT_BITS]!++] = ((doc << COUNT_BITS) | (entry & MAX_COUNT)) >>> 0;
        }
      }
      if (range < FREEZE_RANGES) this.compact(below);
    }
    const lengths = Array.from(order, (added) => this.lengths[added]!);
    // Back to the system now, not at some later collection.
    this.store.resize(0);
    Object.assign(this, { offsets, postings, counting: new TermCounts(), docStart: [0], lengths });
    const avgLength = lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length) || 1;
    this.docNorm = Float32Array.from(lengths, (length) => K1 * (1 - B + (B * length) / avgLength));
    this.blockMaxes.clear();
  }

  /** Drops the entries of terms below `below` (written already), moving the rest down; the buffer shrinks to them. */
  private compact(below: number): void {
    const built = this.entries;
    const starts = this.docStart;
    let kept = 0;
    for (let doc = 0; doc + 1 < starts.length; doc++) {
      const from = starts[doc]!;
      const end = starts[doc + 1]!;
      starts[doc] = kept;
      for (let i = from; i < end; i++) if (built[i]! >>> COUNT_BITS >= below) built[kept++] = built[i]!;
    }
    starts[starts.length - 1] = kept;
    this.store.resize(4 * kept);
  }

  /**
   * The best `limit` documents for the terms (an unknown term: -1), by terms matched then BM25 score, newer (higher number) first on ties.
   * `all`: only documents holding every term. `accept` is asked only of documents that would make the list.
   */
  search(terms: number[], { all, limit, accept }: { all: boolean; limit: number; accept: (doc: number) => boolean }): Ranked[] {
    const ids = [...new Set(terms)].slice(0, MAX_QUERY_TERMS).map((t) => (t >= 0 && t < this.terms ? t : -1));
    const lists = ids.map((t) => (t >= 0 ? this.postings.subarray(this.offsets[t], this.offsets[t + 1]) : EMPTY));
    if (!lists.length || (all && lists.some((l) => l.length === 0))) return [];
    const n = this.docNorm.length;
    const idf = lists.map((l) => Math.log(1 + (n - l.length + 0.5) / (l.length + 0.5)));
    const top = new TopK(limit, accept);
    if (all) this.intersect(ids, lists, idf, top);
    else {
      // Any word, with one term found (a typo beside a word): every document matches once, as in a walk of that one list,
      // which needs no per-document scores (a frequent word's list is most of the archive).
      const found = lists.flatMap((l, i) => (l.length ? [i] : []));
      if (found.length === 1) this.intersect([ids[found[0]!]!], [lists[found[0]!]!], [idf[found[0]!]!], top);
      else this.union(lists, idf, top);
    }
    return top.sorted();
  }

  /** Term `t`'s largest weight in each block of its postings (`list`); one walk of the list, the first time. */
  private blockMax(t: number, list: Uint32Array, idf: number): Float64Array {
    let maxes = this.blockMaxes.get(t);
    if (!maxes) {
      maxes = new Float64Array((list.length + BLOCK_MASK) >>> BLOCK_BITS);
      for (let p = 0; p < list.length; p++) {
        const w = weight(list[p]!, idf, this.docNorm);
        if (w > maxes[p >>> BLOCK_BITS]!) maxes[p >>> BLOCK_BITS] = w;
      }
      this.blockMaxes.set(t, maxes);
    }
    return maxes;
  }

  /**
   * Walks the shortest list, newest first, advancing the others in step (all are sorted by document).
   * Newest first, a later tie never displaces an earlier one, so `accept` is asked rarely. Once the list is full, a
   * document whose score could not reach its last is passed over without scoring the others. The walked list goes a
   * block of postings at a time, each bounded by its largest weight plus, for each other term, the largest weight of
   * its blocks that hold documents in the same range; a block with no chance is passed over whole, and within a block
   * a document's bound is its own weight plus those. Summed in the same order, a bound is never below the true score.
   */
  private intersect(ids: number[], lists: Uint32Array[], idf: number[], top: TopK): void {
    const order = lists.map((_, i) => i).sort((a, b) => lists[a]!.length - lists[b]!.length);
    const at = lists.map((l) => l.length - 1);
    const maxes = order.map((i) => this.blockMax(ids[i]!, lists[i]!, idf[i]!));
    // The others' bounds over the current block of the walked list (bound[0] is unused: its weight is known per document).
    const bound = order.map(() => 0);
    const first = lists[order[0]!]!;
    const firstIdf = idf[order[0]!]!;
    // The list's floor changes only when an offer enters.
    let floor = top.floor;
    const norms = this.docNorm;
    outer: for (let p = first.length - 1; p >= 0; p--) {
      if (p === first.length - 1 || (p & BLOCK_MASK) === BLOCK_MASK) {
        const lowest = first[p & ~BLOCK_MASK]! >>> COUNT_BITS;
        const highest = first[p]! >>> COUNT_BITS;
        let blockBest = maxes[0]![p >>> BLOCK_BITS]!;
        for (let k = 1; k < order.length; k++) {
          const i = order[k]!;
          const list = lists[i]!;
          const j = (at[i] = seek(list, at[i]!, highest));
          if (j < 0) break outer;
          // The blocks from j's down to the first that starts at or below the range: earlier ones hold only older documents.
          let b = j >>> BLOCK_BITS;
          let most = maxes[k]![b]!;
          while (b > 0 && list[b << BLOCK_BITS]! >>> COUNT_BITS > lowest) most = Math.max(most, maxes[k]![--b]!);
          bound[k] = most;
          blockBest += most;
        }
        // To the block's first posting; the loop steps on to the previous block's last.
        if (blockBest < floor) {
          p &= ~BLOCK_MASK;
          continue;
        }
      }
      const posting = first[p]!;
      const doc = posting >>> COUNT_BITS;
      let score = weight(posting, firstIdf, norms);
      let best = score;
      for (let k = 1; k < order.length; k++) best += bound[k]!;
      if (best < floor) continue;
      for (let k = 1; k < order.length; k++) {
        const i = order[k]!;
        const list = lists[i]!;
        const j = (at[i] = seek(list, at[i]!, doc));
        if (j < 0) break outer;
        if (list[j]! >>> COUNT_BITS !== doc) continue outer;
        score += weight(list[j]!, idf[i]!, norms);
      }
      top.offer(doc, score, lists.length);
      floor = top.floor;
    }
  }

  private union(lists: Uint32Array[], idf: number[], top: TopK): void {
    const scores = new Float64Array(this.docNorm.length);
    const matched = new Uint8Array(this.docNorm.length);
    lists.forEach((list, i) => {
      for (const posting of list) {
        const doc = posting >>> COUNT_BITS;
        scores[doc]! += weight(posting, idf[i]!, this.docNorm);
        matched[doc]!++;
      }
    });
    for (let doc = scores.length - 1; doc >= 0; doc--) if (matched[doc]) top.offer(doc, scores[doc]!, matched[doc]!);
  }
}

const EMPTY = new Uint32Array(0);

/** From position `j` of a list sorted by document, back to the last posting of a document at or below `doc` (-1: none). */
function seek(list: Uint32Array, j: number, doc: number): number {
  while (j >= 0 && list[j]! >>> COUNT_BITS > doc) j--;
  return j;
}

/** A posting's BM25 weight for a term of this `idf`; `norms`: each document's length normalisation. */
function weight(posting: number, idf: number, norms: Float32Array): number {
  const count = posting & MAX_COUNT;
  return (idf * count * (K1 + 1)) / (count + norms[posting >>> COUNT_BITS]!);
}

/** > 0 when (matched, score, doc) ranks above `b`: more terms, then higher score, then newer. */
const compare = (matched: number, score: number, doc: number, b: Ranked) => matched - b.matched || score - b.score || doc - b.doc;

/** Keeps the best `limit` offers; a candidate is checked with `accept` only if it would enter. */
class TopK {
  private items: Ranked[] = [];

  constructor(
    private readonly limit: number,
    private readonly accept: (doc: number) => boolean,
  ) {}

  /** The score an offer must exceed once the list is full (for offers matching as many terms as the last kept). */
  get floor(): number {
    const last = this.items[this.items.length - 1];
    return last && this.items.length >= this.limit ? last.score : -Infinity;
  }

  offer(doc: number, score: number, matched: number): void {
    const last = this.items[this.items.length - 1];
    if (this.items.length >= this.limit && last && compare(matched, score, doc, last) <= 0) return;
    if (!this.accept(doc)) return;
    let i = this.items.length;
    while (i > 0 && compare(matched, score, doc, this.items[i - 1]!) > 0) i--;
    this.items.splice(i, 0, { doc, score, matched });
    if (this.items.length > this.limit) this.items.pop();
  }

  sorted(): Ranked[] {
    return this.items;
  }
}
