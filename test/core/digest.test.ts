import { beforeAll, describe, expect, it } from 'vitest';
import { buildDigest, localDay } from '../../src/core/digest.ts';
import type { Library } from '../../src/core/library.ts';
import { shippedLibrary } from '../helpers/library.ts';
import { citesOf, itemTexts } from '../helpers/reply.ts';

let lib: Library;
beforeAll(async () => {
  lib = await shippedLibrary();
});

describe('the daily digest', () => {
  it('15 Feb 2022 08:00 Europe/Berlin since 1 Feb: the Biden–Putin call, Scholz’s visits and what is ahead, cited', () => {
    const r = buildDigest(lib, { now: new Date('2022-02-15T08:00:00+01:00'), since: new Date('2022-02-01T08:00:00+01:00'), zone: 'Europe/Berlin' })!;
    expect(r.title).toBe('Daily briefing — 15 Feb 2022');
    expect(itemTexts(r, 'New since 1 Feb 2022')).toHaveLength(3);
    const dated = itemTexts(r, 'Dated developments');
    expect(dated.some((t) => t.startsWith('12 Feb 2022 — Biden and Putin speak'))).toBe(true);
    expect(dated.some((t) => t.startsWith('14 Feb 2022 — Scholz is due in Ukraine'))).toBe(true);
    expect(dated.some((t) => t.startsWith('15 Feb 2022 — Scholz is due in Russia'))).toBe(true);
    expect(dated.some((t) => t.includes('2021') || t.includes('Jan'))).toBe(false);
    const ahead = itemTexts(r, 'What to watch');
    expect(ahead[0]).toMatch(/^15 Feb 2022 — Scholz's visit to Russia/);
    expect(ahead.some((t) => t.includes('14 Feb'))).toBe(false);
    expect(itemTexts(r, 'In the news')[0]).toMatch(/^Vladimir Putin/);
    for (const needle of ['Biden and Putin speak', 'Scholz is due in Russia', "Scholz's visit to Russia"]) {
      expect(citesOf(r, needle)[0]).toMatchObject({ outlet: 'GZERO Media', date: '2022-02-14' });
    }
  });

  it('works in local days: 23:30 in New York on 9 Jan is already 10 Jan in UTC', () => {
    const now = new Date('2022-01-10T04:30:00Z');
    expect(localDay(now, 'America/New_York')).toBe('2022-01-09');
    const ny = buildDigest(lib, { now, since: new Date('2022-01-08T04:30:00Z'), zone: 'America/New_York' });
    const utc = buildDigest(lib, { now, since: new Date('2022-01-08T04:30:00Z'), zone: 'UTC' });
    expect(ny).toBeUndefined();
    expect(utc?.title).toBe('Daily briefing — 10 Jan 2022');
  });

  it('skips an empty window, or says so in one line when asked', () => {
    const opts = { now: new Date('2022-01-20T08:00:00Z'), since: new Date('2022-01-19T08:00:00Z'), zone: 'UTC' };
    expect(buildDigest(lib, opts)).toBeUndefined();
    const r = buildDigest(lib, { ...opts, announceEmpty: true })!;
    expect(r.blocks).toEqual([{ type: 'text', text: 'No new coverage since 19 Jan 2022.' }]);
  });

  it('does not repeat what the previous digest had', () => {
    const r = buildDigest(lib, { now: new Date('2022-02-16T08:00:00Z'), since: new Date('2022-02-15T08:00:00Z'), zone: 'UTC' });
    expect(r).toBeUndefined();
  });
});
