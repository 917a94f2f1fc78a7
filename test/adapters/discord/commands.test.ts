import { ApplicationCommandOptionType } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { autocompleteField, briefCommand, toCommand } from '../../../src/adapters/discord/commands.ts';

describe('the /brief definition', () => {
  const def = briefCommand();
  const sub = (name: string) => def.options!.find((o) => o.name === name)!;

  it('has every subcommand of the issue, and the digest group', () => {
    expect(def.name).toBe('brief');
    expect(def.options!.map((o) => o.name)).toEqual(['latest', 'actor', 'topic', 'timeline', 'search', 'sources', 'ask', 'help', 'digest', 'alerts']);
    const digest = sub('digest') as { type: number; options: { name: string }[] };
    expect(digest.type).toBe(ApplicationCommandOptionType.SubcommandGroup);
    expect(digest.options.map((o) => o.name)).toEqual(['subscribe', 'unsubscribe', 'status', 'preview']);
  });

  it('autocompletes actor and topic names and the digest zone; lookups have a public switch', () => {
    const opts = (name: string) => (sub(name) as { options?: { name: string; autocomplete?: boolean; type: number }[] }).options ?? [];
    expect(opts('actor').find((o) => o.name === 'name')!.autocomplete).toBe(true);
    expect(opts('topic').find((o) => o.name === 'name')!.autocomplete).toBe(true);
    for (const name of ['latest', 'actor', 'topic', 'timeline', 'search', 'sources', 'ask', 'help']) {
      expect(opts(name).find((o) => o.name === 'public')?.type, name).toBe(ApplicationCommandOptionType.Boolean);
    }
    expect(autocompleteField({ subcommand: 'actor' }, 'name')).toBe('actor');
    expect(autocompleteField({ subcommand: 'topic' }, 'name')).toBe('topic');
    expect(autocompleteField({ group: 'digest', subcommand: 'subscribe' }, 'zone')).toBe('zone');
    expect(autocompleteField({ subcommand: 'search' }, 'query')).toBeUndefined();
  });
});

describe('toCommand', () => {
  it('maps lookups', () => {
    expect(toCommand({ subcommand: 'latest', options: { public: true } })).toEqual({ kind: 'latest' });
    expect(toCommand({ subcommand: 'actor', options: { name: '  Sergei   Lavrov ' } })).toEqual({ kind: 'actor', name: 'Sergei Lavrov', focus: 'profile' });
    expect(toCommand({ subcommand: 'topic', options: { name: 'sanctions' } })).toEqual({ kind: 'topic', name: 'sanctions' });
    expect(toCommand({ subcommand: 'search', options: { query: 'nord stream' } })).toEqual({ kind: 'search', query: 'nord stream' });
    expect(toCommand({ subcommand: 'ask', options: { question: 'who is Ryabkov?' } })).toEqual({ kind: 'ask', question: 'who is Ryabkov?' });
  });

  it('reads timeline days with parseDay and refuses unreadable or reversed ones', () => {
    expect(toCommand({ subcommand: 'timeline', options: {} })).toEqual({ kind: 'timeline' });
    expect(toCommand({ subcommand: 'timeline', options: { from: '1 Feb 2022', to: '2022-02-15' } })).toEqual({ kind: 'timeline', from: '2022-02-01', to: '2022-02-15' });
    expect(toCommand({ subcommand: 'timeline', options: { to: 'February 3, 2022' } })).toEqual({ kind: 'timeline', to: '2022-02-03' });
    expect(toCommand({ subcommand: 'timeline', options: { from: 'next tuesday' } }).kind).toBe('invalid');
    expect(toCommand({ subcommand: 'timeline', options: { from: '2022-02-30' } }).kind).toBe('invalid');
    expect(toCommand({ subcommand: 'timeline', options: { from: '2022-02-15', to: '2022-02-01' } })).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('before the start') });
  });

  it('answers empty, over-long and unknown input with a short problem', () => {
    expect(toCommand({ subcommand: 'search', options: { query: '   ' } })).toMatchObject({ kind: 'invalid' });
    expect(toCommand({ subcommand: 'actor', options: {} })).toMatchObject({ kind: 'invalid' });
    expect(toCommand({ subcommand: 'ask', options: { question: 'x'.repeat(6000) } })).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('6000 characters') });
    expect(toCommand({ subcommand: 'nope', options: {} }).kind).toBe('invalid');
  });

  it('maps the digest group and alerts', () => {
    expect(toCommand({ group: 'digest', subcommand: 'subscribe', options: { time: '8:00', zone: 'Europe/Berlin', always: true } })).toEqual({
      kind: 'digest', action: 'subscribe', time: '08:00', zone: 'Europe/Berlin', announceEmpty: true,
    });
    expect(toCommand({ group: 'digest', subcommand: 'subscribe', options: {} })).toEqual({ kind: 'digest', action: 'subscribe', announceEmpty: false });
    expect(toCommand({ group: 'digest', subcommand: 'subscribe', options: { time: '25:00' } }).kind).toBe('invalid');
    expect(toCommand({ group: 'digest', subcommand: 'subscribe', options: { zone: 'Mars/Olympus' } }).kind).toBe('invalid');
    for (const action of ['unsubscribe', 'status', 'preview'] as const) expect(toCommand({ group: 'digest', subcommand: action, options: {} })).toEqual({ kind: 'digest', action });
    expect(toCommand({ subcommand: 'alerts', options: { state: 'off' } })).toEqual({ kind: 'alerts', on: false });
    expect(toCommand({ subcommand: 'alerts', options: { state: 'maybe' } }).kind).toBe('invalid');
  });
});
