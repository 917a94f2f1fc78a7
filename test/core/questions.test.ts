import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_CHARS } from '../../src/core/command.ts';
import type { Library } from '../../src/core/library.ts';
import { classify, parseCommand, parseDay } from '../../src/core/questions.ts';
import { shippedLibrary } from '../helpers/library.ts';

describe('the /brief grammar', () => {
  it.each([
    ['', { kind: 'latest' }],
    ['/brief', { kind: 'latest' }],
    ['latest', { kind: 'latest' }],
    ['actor lavrov', { kind: 'actor', name: 'lavrov', focus: 'profile' }],
    ['/brief actor  Sergei   Lavrov ', { kind: 'actor', name: 'Sergei Lavrov', focus: 'profile' }],
    ['topic nord stream', { kind: 'topic', name: 'nord stream' }],
    ['timeline', { kind: 'timeline' }],
    ['timeline 2022-01-01 2022-02-01', { kind: 'timeline', from: '2022-01-01', to: '2022-02-01' }],
    ['timeline from 1 Feb 2022 to 15 Feb 2022', { kind: 'timeline', from: '2022-02-01', to: '2022-02-15' }],
    ['timeline until 2022-01-15', { kind: 'timeline', to: '2022-01-15' }],
    ['timeline since February 12, 2022', { kind: 'timeline', from: '2022-02-12' }],
    ['search nord stream', { kind: 'search', query: 'nord stream' }],
    ['sources', { kind: 'sources' }],
    ['help', { kind: 'help' }],
    ['ask who is Ryabkov?', { kind: 'ask', question: 'who is Ryabkov?' }],
    ['what has Scholz done?', { kind: 'ask', question: 'what has Scholz done?' }],
    ['digest subscribe', { kind: 'digest', action: 'subscribe', announceEmpty: false }],
    ['digest subscribe 7:30 Europe/Berlin always', { kind: 'digest', action: 'subscribe', time: '07:30', zone: 'Europe/Berlin', announceEmpty: true }],
    ['digest status', { kind: 'digest', action: 'status' }],
    ['alerts on', { kind: 'alerts', on: true }],
  ])('%j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it.each([
    'actor',
    'search',
    'topic',
    'timeline from yesterday',
    'timeline 2022-02-30',
    'timeline 2022-02-15 2022-02-01',
    'digest frobnicate',
    'alerts maybe',
  ])('%j is invalid, with a short reason', (text) => {
    const c = parseCommand(text);
    expect(c.kind).toBe('invalid');
    if (c.kind === 'invalid') expect(c.problem.length).toBeLessThan(200);
  });

  it('refuses input longer than the cap without processing it', () => {
    const c = parseCommand('x'.repeat(MAX_INPUT_CHARS + 1));
    expect(c).toMatchObject({ kind: 'invalid', problem: expect.stringContaining(String(MAX_INPUT_CHARS)) });
  });

  it('reads days only when the year is given', () => {
    expect(parseDay('14 Feb 2022')).toBe('2022-02-14');
    expect(parseDay('Feb 14')).toBeUndefined();
    expect(parseDay('banana')).toBeUndefined();
  });
});

describe('free questions', () => {
  let lib: Library;
  beforeAll(async () => {
    lib = await shippedLibrary();
  });

  it.each([
    ['who is Lavrov?', { kind: 'actor', name: 'Lavrov', focus: 'profile' }],
    ["what did Russia's president say", { kind: 'actor', name: "Russia's president", focus: 'said' }],
    ['What has Scholz done?', { kind: 'actor', name: 'Scholz', focus: 'did' }],
    ['tell me about the Normandy Four', { kind: 'actor', name: 'the Normandy Four', focus: 'profile' }],
    ['who is Donald Trump', { kind: 'actor', name: 'Donald Trump', focus: 'profile' }],
    ['Zelensky', { kind: 'actor', name: 'Volodymyr Zelenskyy', focus: 'profile' }],
    ['nord stream 2', { kind: 'topic', name: 'Nord Stream 2' }],
    ['anything new on sanctions?', { kind: 'topic', name: 'Sanctions' }],
    ["what's new", { kind: 'latest' }],
    ['what happened', { kind: 'timeline' }],
    ['reserve fund ruble', { kind: 'search', query: 'reserve fund ruble' }],
  ])('%j', (q, command) => {
    expect(classify(q, lib)).toEqual(command);
  });
});
