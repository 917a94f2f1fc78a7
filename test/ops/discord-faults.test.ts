// Discord through the real adapter and app handler: random input never crashes or pings; faults are recovered from.
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../src/adapters/discord/index.ts';
import type { ChatAdapter } from '../../src/adapters/types.ts';
import { autocomplete } from '../../src/app/autocomplete.ts';
import { createHandler } from '../../src/app/handler.ts';
import type { Library } from '../../src/core/library.ts';
import { createLogger } from '../../src/log.ts';
import { BOT_USER, briefInteraction, messageCreate, STRING, SUB, GROUP, BOOLEAN } from '../fakes/discord/payloads.ts';
import { FakeDiscord } from '../fakes/discord/server.ts';
import { shippedLibrary } from '../helpers/library.ts';
import { expectWithinLimits } from '../adapters/discord/limits.ts';

let fake: FakeDiscord;
let adapter: ChatAdapter;
let library: Library;
const logs: string[] = [];
const rejections: unknown[] = [];
const onRejection = (e: unknown) => rejections.push(e);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  library = await shippedLibrary();
  fake = await new FakeDiscord().start();
  fake.gateway.heartbeatInterval = 300;
  const logger = createLogger('info', new Writable({ write: (c, _e, cb) => (logs.push(String(c)), cb()) }));
  adapter = createDiscordAdapter({ token: fake.rest.validToken, apiUrl: fake.apiUrl }, { logger, autocomplete: (f, t) => autocomplete(library, f, t) });
  await adapter.start(createHandler({ library: () => library, now: () => new Date(), logger, limits: { perUserPerMinute: 1e9, perChannelPerMinute: 1e9 } }));
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await adapter?.stop();
  await fake?.stop();
});

const PING = /@everyone|@here|<@!?\d+>|<@&\d+>/;
const hostile = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 150 }),
  fc.constantFrom('@everyone', '@here', '<@53908232506183680>', '<@&123456789012345678>', '**__~~||x||~~__**', '```js\n@everyone\n```', '\u202e\u200b\u0000'),
  fc.string({ minLength: 1000, maxLength: 6000 }),
);
const subcommand = fc.oneof(
  hostile.map((v) => [{ type: SUB, name: 'actor', options: [{ type: STRING, name: 'name', value: v }] }]),
  hostile.map((v) => [{ type: SUB, name: 'search', options: [{ type: STRING, name: 'query', value: v }] }]),
  hostile.map((v) => [{ type: SUB, name: 'ask', options: [{ type: STRING, name: 'question', value: v }] }]),
  hostile.map((v) => [{ type: SUB, name: 'topic', options: [{ type: STRING, name: 'name', value: v }] }]),
  fc.tuple(hostile, hostile).map(([a, b]) => [{ type: SUB, name: 'timeline', options: [{ type: STRING, name: 'from', value: a }, { type: STRING, name: 'to', value: b }] }]),
  fc.tuple(hostile, hostile).map(([t, z]) => [{ type: GROUP, name: 'digest', options: [{ type: SUB, name: 'subscribe', options: [{ type: STRING, name: 'time', value: t }, { type: STRING, name: 'zone', value: z }] }] }]),
  hostile.map((v) => [{ type: SUB, name: v.slice(0, 30) || 'x', options: [] }]),
  fc.constant([{ type: SUB, name: 'latest', options: [{ type: BOOLEAN, name: 'public', value: 'yes' as unknown as boolean }] }]),
);

describe('Discord under random input', () => {
  it('answers every interaction within limits, with no mention and empty allowed mentions', async () => {
    await fc.assert(
      fc.asyncProperty(subcommand, async (options) => {
        const payload = briefInteraction(options as Parameters<typeof briefInteraction>[0]);
        fake.gateway.dispatch('INTERACTION_CREATE', payload);
        const callback = await fake.rest.waitFor((r) => r.path === `/interactions/${payload.id}/${payload.token}/callback`);
        const data = callback.body?.data ?? {};
        expect(data.allowed_mentions).toMatchObject({ parse: [] });
        expectWithinLimits(data.embeds ?? []);
        expect(JSON.stringify(data.embeds ?? [])).not.toMatch(PING);
      }),
      { numRuns: 250 },
    );
  });

  it('answers random mentions without pinging anyone', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        const m = messageCreate(`<@${BOT_USER.id}> ${text}`, { mentions: [BOT_USER] });
        fake.gateway.dispatch('MESSAGE_CREATE', m);
        const reply = await fake.rest.waitFor((r) => r.method === 'POST' && r.path === `/channels/${m.channel_id}/messages` && r.body?.message_reference?.message_id === m.id);
        expect(reply.body.allowed_mentions).toMatchObject({ parse: [] });
        expect(JSON.stringify(reply.body.embeds ?? [])).not.toMatch(PING);
      }),
      { numRuns: 100 },
    );
    expect(rejections).toEqual([]);
  });
});

describe('Discord faults', () => {
  it('a 5xx on a channel post is retried and the post arrives once', async () => {
    fake.rest.failNext('POST', /^\/channels\/\d+\/messages$/, 502, { message: 'Bad Gateway' });
    const before = fake.rest.messages.length;
    await adapter.post('645027906669510667', { intent: 'help', title: 'x', blocks: [], citations: [] });
    expect(fake.rest.messages.length - before).toBe(1);
  });

  it('INVALID_SESSION (not resumable): a fresh IDENTIFY, then answering goes on', async () => {
    const identifies = fake.gateway.received.filter((f) => f.op === 2).length;
    fake.gateway.invalidSession(false);
    await fake.gateway.waitForOp(2, fake.gateway.received.length);
    expect(fake.gateway.received.filter((f) => f.op === 2).length).toBe(identifies + 1);
    const payload = briefInteraction([{ type: SUB, name: 'help', options: [] }]);
    fake.gateway.dispatch('INTERACTION_CREATE', payload);
    await fake.rest.waitFor((r) => r.path === `/interactions/${payload.id}/${payload.token}/callback`);
  }, 15_000);

  it('never logs the bot token or an interaction token', () => {
    const all = logs.join('');
    expect(all).not.toContain(fake.rest.validToken);
    expect(all).not.toMatch(/interaction-token-\d+/);
  });
});
