import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermDictionary, wordsOf } from '../../src/core/terms.ts';

describe('wordsOf', () => {
  it('lower-cases runs of letters and digits of two or more, folding accents', () => {
    expect(wordsOf("Russia's $630bn, a U.S. deal")).toEqual(['russia', '630bn', 'deal']);
    expect(wordsOf('Schölz’s Kyïv visit')).toEqual(['scholz', 'kyiv', 'visit']);
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
