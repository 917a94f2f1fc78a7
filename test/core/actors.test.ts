import { beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/core/library.ts';
import { shippedLibrary } from '../helpers/library.ts';

let lib: Library;
beforeAll(async () => {
  lib = await shippedLibrary();
});

const found = (q: string) => {
  const r = lib.actorResolver.resolve(q);
  return r.kind === 'found' ? r.actor.id : r.kind;
};

describe('actor resolution', () => {
  it.each([
    ['lavrov', 'sergei-lavrov'],
    ['LAVROV', 'sergei-lavrov'],
    ['Sergey Lavrov', 'sergei-lavrov'],
    ['Sergei Lavrov', 'sergei-lavrov'],
    ["Russia's president", 'vladimir-putin'],
    ['Russia’s president', 'vladimir-putin'],
    ['the German chancellor', 'olaf-scholz'],
    ["Scholz's", 'olaf-scholz'],
    ['Zelensky', 'volodymyr-zelenskyy'],
    ['Zelenskiy', 'volodymyr-zelenskyy'],
    ['Selenskyj', 'volodymyr-zelenskyy'],
    ['Zelenskyy', 'volodymyr-zelenskyy'],
    ['Scholtz', 'olaf-scholz'],
    ['Blinkin', 'antony-blinken'],
    ['ryabkov', 'sergei-ryabkov'],
    ['President Biden', 'joe-biden'],
    ['the Kremlin', 'kremlin'],
    ['Normandy Four', 'normandy-four'],
    ['US Congress', 'us-congress'],
    ['NATO', 'nato'],
    ['U.S.', 'united-states'],
    ['Ukraine', 'ukraine'],
  ])('%s → %s', (query, id) => {
    expect(found(query)).toBe(id);
  });

  it('lists the candidates when a first name is shared', () => {
    const r = lib.actorResolver.resolve('Sergei');
    expect(r.kind).toBe('ambiguous');
    if (r.kind === 'ambiguous') expect(r.candidates.map((a) => a.id).sort()).toEqual(['sergei-lavrov', 'sergei-ryabkov']);
  });

  it('says unknown and suggests the nearest names for people the coverage does not mention', () => {
    const r = lib.actorResolver.resolve('Donald Trump');
    expect(r.kind).toBe('unknown');
    if (r.kind === 'unknown') expect(r.suggestions.map((a) => a.id)).toContain('liz-truss');
  });

  it('never resolves people from the unrelated stories on the page', () => {
    for (const name of ['Elon Musk', 'Keir Starmer', 'Tom Barrack', 'Ian Bremmer', 'Rachel Reeves']) {
      expect(lib.actorResolver.resolve(name).kind, name).toBe('unknown');
    }
  });

  it('does not take the pronoun "us" for the United States, but does take "US"', () => {
    expect(lib.actorResolver.mentions('tell us about it')).toEqual([]);
    expect(lib.actorResolver.mentions('the US and Russia').flatMap((m) => m.value.map((a) => a.id))).toEqual(['united-states', 'russia']);
  });

  it('finds every actor named in a sentence, by title, name and acronym', () => {
    const mentions = lib.actorResolver.mentions('Russian Foreign Minister Sergei Lavrov spoke with UK Foreign Sec. Liz Truss');
    expect(mentions.map((m) => [m.value.map((a) => a.id).join('|'), m.tokens.map((t) => t.raw).join(' ')])).toEqual([
      ['sergei-lavrov', 'Russian Foreign Minister'],
      ['sergei-lavrov', 'Sergei Lavrov'],
      ['united-kingdom', 'UK'],
      ['liz-truss', 'Liz Truss'],
    ]);
  });

  it('completes names from any alias, at most the limit', () => {
    expect(lib.actorResolver.complete('zel').map((a) => a.id)).toEqual(['volodymyr-zelenskyy']);
    expect(lib.actorResolver.complete('sel').map((a) => a.id)).toContain('volodymyr-zelenskyy');
    expect(lib.actorResolver.complete('', 5)).toHaveLength(5);
  });
});
