import { beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/core/library.ts';
import { shippedLibrary } from '../helpers/library.ts';

let lib: Library;
beforeAll(async () => {
  lib = await shippedLibrary();
});

const query = (text: string, asOf = '2022-12-31', limit = 8) =>
  lib.search.query(text, { asOf, visibleFrom: (id) => lib.content.visibleFrom.get(id) ?? '9999', limit });

describe('search index over the shipped briefings', () => {
  it('returns each briefing once, with a passage that holds the query word and cites sources', () => {
    const hits = query('sanctions');
    expect(hits.length).toBeGreaterThan(1);
    expect(new Set(hits.map((h) => h.briefingId)).size).toBe(hits.length);
    for (const h of hits) {
      expect(h.passage.text.toLowerCase()).toMatch(/sanction/);
      expect(h.passage.sources.length).toBeGreaterThan(0);
    }
  });

  it('never offers a briefing before the day it may be shown', () => {
    const early = query('sanctions', '2022-01-31');
    expect(early.length).toBeGreaterThan(0);
    for (const h of early) expect(lib.content.visibleFrom.get(h.briefingId)! <= '2022-01-31').toBe(true);
    expect(query('sanctions', '2021-12-01')).toEqual([]);
  });

  it('prefers briefings with every word, and falls back to any word', () => {
    const both = query('Scholz Kyiv');
    const any = query('Scholz xylophone');
    expect(both.length).toBeGreaterThan(0);
    expect(any.map((h) => h.briefingId)).toContain(both[0]!.briefingId);
    expect(query('xylophone zeppelin')).toEqual([]);
  });

  it('reads curly and straight apostrophes, case and accents alike', () => {
    const ids = (q: string) => query(q).map((h) => h.briefingId);
    expect(ids('Scholz’s visit')).toEqual(ids("scholz's VISIT"));
    expect(ids('Schölz')).toEqual(ids('Scholz'));
  });

  it('picks the passage with an apostrophe the query spells either way', () => {
    for (const q of ['we’re troop', "we're troop", 'were troop']) {
      const hit = query(q).find((h) => h.briefingId === 'us-russia-talks-january');
      expect(hit?.passage.text, q).toContain("we're not looking at troop levels");
    }
  });

  it('honours the limit, best first', () => {
    const hits = query('the', '2022-12-31', 2);
    expect(hits).toHaveLength(2);
    expect(hits[0]!.score).toBeGreaterThanOrEqual(hits[1]!.score);
  });

  it('finds nothing for punctuation alone', () => {
    expect(query('?!… —')).toEqual([]);
  });
});
