import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvertedIndex } from '../../src/core/inverted-index.ts';

/** Test documents are words; the index takes term numbers. */
const ids = new Map<string, number>();
const number = (words: string[]) => words.map((w) => ids.get(w) ?? (ids.set(w, ids.size), ids.size - 1));

function indexOf(docs: string[][]): InvertedIndex {
  const index = new InvertedIndex();
  docs.forEach((d) => index.add(number(d)));
  index.freeze();
  return index;
}
const search = (index: InvertedIndex, words: string[], opts: Parameters<InvertedIndex['search']>[1]) => index.search(number(words), opts);
const everything = () => true;

describe('InvertedIndex', () => {
  const docs = [
    ['gas', 'pipeline', 'talks'],
    ['sanctions', 'sanctions', 'sanctions', 'ruble'],
    ['sanctions', 'talks', 'talks'],
    ['ruble', 'gas'],
  ];
  const index = indexOf(docs);

  it('with `all`, returns only documents holding every term', () => {
    expect(search(index, ['sanctions', 'talks'], { all: true, limit: 8, accept: everything }).map((r) => r.doc)).toEqual([2]);
    expect(search(index, ['sanctions', 'unknown'], { all: true, limit: 8, accept: everything })).toEqual([]);
  });

  it('without `all`, ranks documents matching more terms first', () => {
    const ranked = search(index, ['ruble', 'gas'], { all: false, limit: 8, accept: everything });
    expect(ranked[0]).toMatchObject({ doc: 3, matched: 2 });
    expect(ranked.map((r) => r.doc).sort()).toEqual([0, 1, 3]);
  });

  it('ranks a term repeated in a short document above a passing mention', () => {
    expect(search(index, ['sanctions'], { all: true, limit: 8, accept: everything }).map((r) => r.doc)).toEqual([1, 2]);
  });

  it('skips documents `accept` refuses and still fills the list from the rest', () => {
    const ranked = search(index, ['sanctions'], { all: true, limit: 1, accept: (doc) => doc !== 1 });
    expect(ranked.map((r) => r.doc)).toEqual([2]);
  });

  it('asks `accept` only about documents that would make the list', () => {
    const many = indexOf(Array.from({ length: 1000 }, (_, i) => (i % 2 ? ['common'] : ['common', 'common'])));
    let asked = 0;
    search(many, ['common'], { all: true, limit: 3, accept: () => (asked++, true) });
    expect(asked).toBeLessThan(50);
  });

  it('counts a document given in parts (typed arrays too) as the same document given whole', () => {
    const parts = new InvertedIndex();
    docs.forEach((d) => parts.add(Uint32Array.from(number(d.slice(0, 1))), number(d.slice(1))));
    parts.freeze();
    for (const query of [['sanctions'], ['gas', 'talks'], ['ruble', 'sanctions']]) {
      for (const all of [true, false]) expect(search(parts, query, { all, limit: 8, accept: everything })).toEqual(search(index, query, { all, limit: 8, accept: everything }));
    }
  });

  it('counts a document whose terms come already counted, with uncounted parts, as the same document given whole', () => {
    const counted = new InvertedIndex();
    docs.forEach((d) => {
      const [head, ...rest] = d;
      const tally = new Map<number, number>();
      for (const t of number(rest)) tally.set(t, (tally.get(t) ?? 0) + 1);
      counted.addCounted([...tally.keys()], [...tally.values()], number([head!]));
    });
    counted.freeze();
    for (const query of [['sanctions'], ['gas', 'talks'], ['ruble', 'sanctions'], ['talks']]) {
      for (const all of [true, false]) expect(search(counted, query, { all, limit: 8, accept: everything })).toEqual(search(index, query, { all, limit: 8, accept: everything }));
    }
  });

  it('ranks any word with one of them unknown (a typo) as that word alone', () => {
    const alone = search(index, ['sanctions'], { all: true, limit: 10, accept: everything });
    const typo = search(index, ['sanctions', 'sanctoins'], { all: false, limit: 10, accept: everything });
    expect(alone.map((r) => r.doc)).toEqual([1, 2]);
    expect(typo).toEqual(alone);
    // Terms past the index's last (numbered by a later dictionary) are unknown too.
    expect(index.search([...number(['sanctions']), 1e6], { all: false, limit: 10, accept: everything })).toEqual(alone);
  });

  it('finds nothing for an empty query', () => {
    expect(search(index, [], { all: false, limit: 8, accept: everything })).toEqual([]);
  });

  it('agrees with a brute-force scan on random documents and queries', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    fc.assert(
      fc.property(fc.array(fc.array(word, { maxLength: 12 }), { minLength: 1, maxLength: 40 }), fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.integer({ min: 1, max: 5 }), (corpus, query, all, limit) => {
        const idx = indexOf(corpus);
        const hidden = (doc: number) => doc % 7 === 3;
        const got = search(idx, query, { all, limit, accept: (d) => !hidden(d) });
        const terms = [...new Set(query)];
        const expected = corpus
          .map((d, doc) => ({ doc, matched: terms.filter((t) => d.includes(t)).length }))
          .filter((r) => !hidden(r.doc) && r.matched > 0 && (!all || r.matched === terms.length));
        expect(got.length).toBe(Math.min(limit, expected.length));
        const matchedSorted = expected.map((e) => e.matched).sort((x, y) => y - x);
        expect(got.map((g) => g.matched)).toEqual(matchedSorted.slice(0, got.length));
        for (let i = 1; i < got.length; i++) {
          const [p, q] = [got[i - 1]!, got[i]!];
          expect(p.matched > q.matched || (p.matched === q.matched && (p.score > q.score || (p.score === q.score && p.doc > q.doc)))).toBe(true);
        }
      }),
    );
  });

  it('gives the first `limit` of the whole ranking, though it skips documents that cannot make the list', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      // 200-700 documents, so the list fills early and most documents are candidates for skipping.
      fc.property(fc.array(fc.array(word, { maxLength: 30, size: 'medium' }), { minLength: 200, maxLength: 700 }), fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.integer({ min: 1, max: 6 }), (corpus, query, all, limit) => {
        const idx = indexOf(corpus);
        const accept = (doc: number) => doc % 5 !== 2;
        const whole = search(idx, query, { all, limit: corpus.length, accept });
        expect(search(idx, query, { all, limit, accept })).toEqual(whole.slice(0, limit));
      }),
    );
  });

  it('passes over whole blocks of a long list and still gives the first `limit` of the whole ranking', () => {
    // 10,000 documents hold "a" once; every 997th holds it five times, "b" and "c" in varied counts: most blocks of 64
    // postings cannot reach the list once it holds the five-times documents, and are skipped. "c" is in every 5th, so a
    // block of "a" spans several of "c", whose bound must cover them all.
    const corpus = Array.from({ length: 10_000 }, (_, d) => [
      ...(d % 997 === 0 ? ['a', 'a', 'a', 'a', 'a'] : ['a']),
      ...Array<string>(d % 3).fill('b'),
      ...Array<string>(d % 5 ? 0 : ((d * 7) % 11) + 1).fill('c'),
      `w${d % 50}`,
    ]);
    const idx = indexOf(corpus);
    for (const query of [['a'], ['a', 'b'], ['b', 'w7'], ['c', 'a'], ['w3', 'c', 'b']]) {
      const whole = search(idx, query, { all: true, limit: corpus.length, accept: everything });
      for (const limit of [1, 3, 8]) expect(search(idx, query, { all: true, limit, accept: everything })).toEqual(whole.slice(0, limit));
    }
    // Five times in the shortest documents (no "b"): 997 × 3k, newest first.
    expect(search(idx, ['a'], { all: true, limit: 3, accept: everything }).map((r) => r.doc)).toEqual([8973, 5982, 2991]);
  });

  it('bounds another term over all its blocks that a block of the walked list spans', () => {
    // "x" in every 10th document: a block of 64 of its postings spans 640 documents, five blocks of "y" (in every other).
    // "y" occurs five times only at the oldest "x" of each such span, in a block of "y" other than the newest one.
    const corpus = Array.from({ length: 6_400 }, (_, d) => [
      ...(d % 10 ? [] : ['x']),
      ...Array<string>(d % 2 ? 0 : d % 640 === 10 ? 5 : 1).fill('y'),
      ...Array<string>(10).fill('filler'),
    ]);
    const idx = indexOf(corpus);
    expect(search(idx, ['x', 'y'], { all: true, limit: 2, accept: everything }).map((r) => r.doc)).toEqual([5770, 5130]);
  });

  it('numbers documents added in any order as `freeze` orders them, leaving out those it does not name', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 8 }), { minLength: 1, maxLength: 30 }), fc.array(fc.boolean()), (corpus, keep) => {
        // Shuffled arrival (reversed pairs), and some documents dropped (drafts, say).
        const arrival = corpus.map((_, i) => (i % 2 ? i - 1 : Math.min(i + 1, corpus.length - 1))).filter((v, i, a) => a.indexOf(v) === i);
        for (let i = 0; i < corpus.length; i++) if (!arrival.includes(i)) arrival.push(i);
        const kept = corpus.map((_, i) => i).filter((i) => keep[i] ?? true);
        const late = new InvertedIndex();
        const addedAs = new Map(arrival.map((doc) => [doc, late.add(number(corpus[doc]!))]));
        late.freeze(kept.map((doc) => addedAs.get(doc)!));
        const direct = indexOf(kept.map((doc) => corpus[doc]!));
        for (const query of [['a'], ['b', 'c'], ['a', 'd'], ['d', 'c', 'b']]) {
          for (const all of [true, false]) expect(search(late, query, { all, limit: 40, accept: everything })).toEqual(search(direct, query, { all, limit: 40, accept: everything }));
        }
      }),
    );
  });

  it('grows its build buffer past the first size: one document wider than it, then many that double it again', () => {
    const wide = Array.from({ length: 40_000 }, (_, i) => `w${i}`);
    const many = Array.from({ length: 3_000 }, (_, d) => [`d${d % 7}`, ...Array.from({ length: 30 }, (_, i) => `v${(d * 31 + i) % 40_000}`)]);
    const index = indexOf([['x', 'w1'], wide, ['w39999', 'x'], ...many]);
    expect(search(index, ['w39999'], { all: true, limit: 8, accept: everything }).map((r) => r.doc)).toEqual([2, 1]);
    expect(search(index, ['x', 'w1'], { all: true, limit: 8, accept: everything }).map((r) => r.doc)).toEqual([0]);
    // Document 3 + d holds d${d % 7}: d3's last three are d = 2999, 2992, 2985.
    expect(search(index, ['d3'], { all: true, limit: 3, accept: everything }).map((r) => r.doc)).toEqual([3002, 2995, 2988]);
    expect(search(index, ['v0', 'd0'], { all: true, limit: 8, accept: everything }).map((r) => r.doc)).toEqual([3]);
  });
});
