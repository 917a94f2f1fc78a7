import { describe, expect, it } from 'vitest';
import { IdListPool, packIdLists } from '../../src/core/id-lists.ts';
import type { Briefing } from '../../src/core/model.ts';

const item = (actors: string[], sources: string[]) => ({ text: 't', actors, topics: ['nato'], sources });
const briefing = (id: string): Briefing =>
  ({
    id,
    actors: ['a', 'b'],
    topics: ['nato'],
    sources: ['s1'],
    key_points: [item(['a', 'b'], ['s1']), item(['b', 'a'], ['s1'])],
    events: [{ ...item([], ['s1']), date: '2022-01-01', precision: 'day' }],
    quotes: [],
    watch: [item([], ['s2'])],
  }) as unknown as Briefing;

describe('IdListPool', () => {
  it('makes equal lists one array, keeps order-different lists apart and changes no contents', () => {
    const [one, two] = [briefing('x'), briefing('y')];
    const before = JSON.stringify([one, two]);
    const pool = new IdListPool();
    [one, two].forEach((b) => pool.share(b));
    expect(JSON.stringify([one, two])).toBe(before);
    expect(one.key_points[0]!.actors).toBe(two.actors);
    expect(one.key_points[1]!.actors).not.toBe(one.actors);
    expect(one.events[0]!.sources).toBe(one.sources);
    expect(one.events[0]!.actors).toBe(two.watch[0]!.actors);
    expect(one.watch[0]!.sources).not.toBe(one.sources);
  });

  it('freezes the shared lists, so a write to one cannot change another briefing', () => {
    const [one, two] = [briefing('x'), briefing('y')];
    const pool = new IdListPool();
    [one, two].forEach((b) => pool.share(b));
    expect(() => one.actors.push('c')).toThrow(TypeError);
    expect(two.actors).toEqual(['a', 'b']);
  });

  it('makes lists packed for another thread arrays again, shared with the same lists given as arrays', () => {
    const [sent, here] = [briefing('x'), briefing('y')];
    const expected = JSON.parse(JSON.stringify(sent));
    packIdLists(sent);
    const received = JSON.parse(JSON.stringify(sent)) as Briefing;
    expect(received.actors).toBe('a b');
    expect(received.events[0]!.actors).toBe('');
    const pool = new IdListPool();
    [here, received].forEach((b) => pool.share(b));
    expect(received).toEqual(expected);
    expect(received.key_points[0]!.actors).toBe(here.actors);
    expect(received.events[0]!.actors).toBe(here.events[0]!.actors);
    expect(received.watch[0]!.sources).toEqual(['s2']);
  });
});
