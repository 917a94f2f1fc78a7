import { describe, expect, it } from 'vitest';
import { buildContentIndex } from '../../src/core/content-index.ts';
import type { Briefing, BriefingEvent, Quote } from '../../src/core/model.ts';

const event = (date: string, text: string, precision: BriefingEvent['precision'] = 'day'): BriefingEvent => ({ date, text, precision, actors: ['putin'], topics: [], sources: ['s1'] });
const quote = (speaker: string, text: string, date: string): Quote => ({ speaker, text, said: { date, precision: 'day' }, context: 'c', source: 's1' });
const briefing = (id: string, published: string, events: BriefingEvent[], quotes: Quote[] = []): Briefing =>
  ({ id, title: id, published, status: 'published', topics: [], actors: [], sources: ['s1'], key_points: [], events, quotes, watch: [], summary: 's', file: `${id}.md` }) as Briefing;

describe('buildContentIndex', () => {
  const first = briefing('b1', '2022-02-01', [event('2022-02-01', 'Talks held.'), event('2022-01-30', 'Call made.', 'approximate')], [quote('putin', 'No.', '2022-02-01')]);
  const second = briefing('b2', '2022-02-03', [event('2022-02-01', 'Talks held.'), event('2022-02-02', 'Talks held.'), event('2022-01-30', 'Call confirmed.'), event('2022-01-30', 'Call made.')], [quote('putin', 'No.', '2022-02-02'), quote('lavrov', 'No.', '2022-02-02')]);
  const index = buildContentIndex([first, second], () => '2022-01-01');

  it('lists an event two briefings report (same day, same words) once, from the first (whatever its precision); the same words on another day stay', () => {
    expect(index.events.map((e) => [e.date, e.text, e.briefing.id])).toEqual([
      ['2022-01-30', 'Call made.', 'b1'],
      ['2022-01-30', 'Call confirmed.', 'b2'],
      ['2022-02-01', 'Talks held.', 'b1'],
      ['2022-02-02', 'Talks held.', 'b2'],
    ]);
    // An approximate day sorts before an exact one on the same date.
    expect(index.events.slice(0, 2).map((e) => e.precision)).toEqual(['approximate', 'day']);
  });

  it('lists a quote once per speaker and words, and groups items by actor', () => {
    expect(index.quotes.map((q) => [q.speaker, q.briefing.id])).toEqual([
      ['putin', 'b1'],
      ['lavrov', 'b2'],
    ]);
    expect(index.byActor.get('putin')!.events).toHaveLength(4);
    expect(index.byActor.get('lavrov')!.quotes).toHaveLength(1);
  });

  it('links items to their briefing without changing how they serialise', () => {
    const e = index.events[0]!;
    expect(e.visibleFrom).toBe('2022-02-01');
    expect(JSON.parse(JSON.stringify(e))).toEqual(event('2022-01-30', 'Call made.', 'approximate'));
  });
});
