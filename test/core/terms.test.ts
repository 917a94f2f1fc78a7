import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stemmer } from 'stemmer';
import { TermDictionary, wordsOf } from '../../src/core/terms.ts';

describe('wordsOf', () => {
  it('lower-cases runs of letters and digits of two or more, folding accents', () => {
    expect(wordsOf("Russia's $630bn, a U.S. deal")).toEqual(['russia', '630bn', 'deal']);
    expect(wordsOf('Schölz’s Kyïv visit')).toEqual(['scholz', 'kyiv', 'visit']);
  });

  it('drops apostrophes the same with or without accents around them', () => {
    expect(wordsOf("Don't, Scholz's")).toEqual(['dont', 'scholz']);
    expect(wordsOf('Don’t, Schölz’s')).toEqual(['dont', 'scholz']);
  });
});

describe('TermDictionary', () => {
  it('gives word forms with one stem one number, in any case', () => {
    const d = new TermDictionary();
    const [a, b, c, other] = d.numbers('Sanctions sanctioned SANCTION talks', true);
    expect([b, c]).toEqual([a, a]);
    expect(other).not.toBe(a);
  });

  it('reads accented text the way it reads the same text without accents', () => {
    const d = new TermDictionary();
    expect(d.numbers('Schölz in Kyïv', true)).toEqual(d.numbers('Scholz in Kyiv', true));
  });

  it('never learns from queries: an unknown stem is -1 and stays unknown', () => {
    const d = new TermDictionary();
    d.numbers('pipeline gas', true);
    expect(d.numbers('pipelines zeppelin', false)).toEqual([d.numbers('pipeline', false)[0], -1]);
    expect(d.numbers('zeppelin', false)).toEqual([-1]);
  });

  it("translates another dictionary's numbers through its stems (worker threads number their own share)", () => {
    const main = new TermDictionary();
    const worker = new TermDictionary();
    main.numbers('talks on gas', true);
    const local = worker.numbers('gas sanctions and more talks', true);
    const translate = worker.stemsFrom(0).map((stem) => main.learnStem(stem));
    expect(local.map((n) => translate[n])).toEqual(main.numbers('gas sanctions and more talks', false));
    expect(worker.stemsFrom(worker.size)).toEqual([]);
  });

  it('numbers exactly the stems of wordsOf, whether the text is plain ASCII or not', () => {
    const units = [...'abzAZ09_ .,-\'`sS\n'.split(''), 'é', '’', 'Ж'];
    const stemsOf = (d: TermDictionary, text: string) => d.numbers(text, true).map((n) => d.stem(n));
    const d = new TermDictionary();
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...units), maxLength: 120 }), (text) => {
        expect(stemsOf(d, text)).toEqual(wordsOf(text).map((w) => stemmer(w)));
      }),
      { numRuns: 2000 },
    );
    // Possessives before a word character ("'s_", "'sx") stay, as normalize's \b has them.
    for (const text of ["it's's", "x''s y", "cat's_paw", "'s", "Cat'S", 'a`s b', 'x'.repeat(10_000)]) {
      expect(stemsOf(new TermDictionary(), text)).toEqual(wordsOf(text).map((w) => stemmer(w)));
    }
  });

  it('tells apart many words that share a table (no two words get one number)', () => {
    const d = new TermDictionary();
    const texts = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}x`);
    const numbers = texts.map((t) => d.numbers(t, true)[0]!);
    expect(new Set(numbers).size).toBe(texts.length);
    expect(texts.map((t) => d.numbers(t, false)[0])).toEqual(numbers);
  });

  it('numbers a text the same when indexing and when querying', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcdeSTU01 .-\'sing'.split('')), maxLength: 200 }), (text) => {
        const d = new TermDictionary();
        const learned = d.numbers(text, true);
        expect(learned.length).toBe(wordsOf(text).length);
        expect(d.numbers(text, false)).toEqual(learned);
      }),
    );
  });
});
