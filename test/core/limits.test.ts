// On a large archive, answers show a bounded window and say how to see the rest.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.ts';
import { generateArchive } from '../../bench/generate-archive.ts';
import { MAX_ACTOR_EVENTS } from '../../src/core/answer-actor.ts';
import { answer, MAX_TIMELINE_ITEMS } from '../../src/core/answers.ts';
import { buildDigest } from '../../src/core/digest.ts';
import type { Library } from '../../src/core/library.ts';
import { loadLibrary } from '../../src/library-loader.ts';
import { itemTexts } from '../helpers/reply.ts';

let lib: Library;
beforeAll(async () => {
  const dir = path.join(tempDir('archive-'), 'briefings');
  generateArchive(dir, 1500);
  lib = (await loadLibrary(dir)).library!;
});

const asOf = '2030-01-01';

describe('bounded answers on a large archive', () => {
  it('timeline: the most recent window, or the first after a start day, and a count', () => {
    const recent = answer({ kind: 'timeline' }, lib, { asOf });
    expect(itemTexts(recent)).toHaveLength(MAX_TIMELINE_ITEMS);
    expect(itemTexts(recent).at(-1)).toMatch(/2024/);
    expect(recent.footer).toMatch(/^40 of \d+ developments shown \(the most recent\)/);
    const fromStart = answer({ kind: 'timeline', from: '2015-01-01' }, lib, { asOf });
    expect(itemTexts(fromStart)[0]).toMatch(/2015/);
    expect(fromStart.footer).toContain('(the first)');
  });

  it('actor: the most recent developments, saying how many there are', () => {
    const r = answer({ kind: 'actor', name: 'Surname7', focus: 'profile' }, lib, { asOf });
    expect(itemTexts(r, 'What they did').length).toBeLessThanOrEqual(MAX_ACTOR_EVENTS);
    expect(r.footer).toMatch(/Most recent shown \(12 of \d+ developments/);
  });

  it('digest: a readable window however much is new', () => {
    const r = buildDigest(lib, { since: new Date('2014-12-31T00:00:00Z'), now: new Date('2030-01-01T00:00:00Z'), zone: 'UTC' })!;
    expect(itemTexts(r, 'New since 31 Dec 2014 (newest 10 of 1500)')).toHaveLength(10);
    expect(itemTexts(r, 'Dated developments').length).toBeLessThanOrEqual(20);
  });
});
