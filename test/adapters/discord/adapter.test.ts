import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter, nonceFor, registerCommands } from '../../../src/adapters/discord/index.ts';
import { briefCommand } from '../../../src/adapters/discord/commands.ts';
import type { ChatAdapter, Handler, RequestContext } from '../../../src/adapters/types.ts';
import { answer } from '../../../src/core/answers.ts';
import type { Command } from '../../../src/core/command.ts';
import type { Library } from '../../../src/core/library.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { createLogger } from '../../../src/log.ts';
import { APPLICATION_ID, BOT_USER, BOOLEAN, briefInteraction, CHANNEL_ID, GROUP, GUILD_ID, messageCreate, STRING, SUB, type Option } from '../../fakes/discord/payloads.ts';
import type { RecordedRequest } from '../../fakes/discord/rest.ts';
import { FakeDiscord } from '../../fakes/discord/server.ts';
import { shippedLibrary } from '../../helpers/library.ts';
import { embedStrings, expectWithinLimits } from './limits.ts';

const TOKEN = 'fake-token';
const EPHEMERAL = 64;
let fake: FakeDiscord;
let adapter: ChatAdapter;
let library: Library;
const asked: { command: Command; ctx: RequestContext }[] = [];
/** When set, the handler waits for it before answering (to take the deferred path). */
let gate: Promise<void> | undefined;
/** When set, the handler answers with this instead of the core (for answers the shipped briefings do not produce). */
let override: (() => Reply) | undefined;
/** Everything the adapter logged, one JSON line each. */
const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _encoding, done) {
    logLines.push(...String(chunk).split('\n').filter(Boolean));
    done();
  },
});

const handle: Handler = async (command, ctx) => {
  asked.push({ command, ctx });
  if (gate) await gate;
  if (override) return override();
  return answer(command, library, { asOf: '2022-03-01' });
};

beforeAll(async () => {
  library = await shippedLibrary();
  fake = await new FakeDiscord().start();
  fake.gateway.heartbeatInterval = 300;
  adapter = createDiscordAdapter(
    { token: TOKEN, applicationId: APPLICATION_ID, apiUrl: fake.apiUrl },
    {
      logger: createLogger('info', logStream),
      // What the lead wires: the actor and topic resolvers' completions.
      autocomplete: (field, typed) =>
        field === 'actor'
          ? library.actorResolver.complete(typed, 50).map((a) => ({ name: a.name, value: a.name }))
          : field === 'topic'
            ? library.topicResolver.complete(typed, 25).map((t) => ({ name: t.name, value: t.name }))
            : Intl.supportedValuesOf('timeZone').filter((z) => z.toLowerCase().includes(typed.toLowerCase())).map((z) => ({ name: z, value: z })),
      deferAfterMs: 50,
    },
  );
  await adapter.start(handle);
});

afterAll(async () => {
  await fake?.stop();
});

/** Pushes a /brief interaction and resolves with its callback request. */
async function interact(options: Option[], opts: Parameters<typeof briefInteraction>[1] = {}): Promise<{ callback: RecordedRequest; token: string }> {
  const payload = briefInteraction(options, opts);
  fake.gateway.dispatch('INTERACTION_CREATE', payload);
  const callback = await fake.rest.waitFor((r) => r.path === `/interactions/${payload.id}/${payload.token}/callback`);
  return { callback, token: payload.token };
}

/** Resolves once `probe` returns something, checking again after each event-loop turn (no fixed waits). */
async function until<T>(probe: () => T | undefined): Promise<T> {
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const sub = (name: string, options: Option[] = []): Option => ({ type: SUB, name, options });
const str = (name: string, value: string): Option => ({ type: STRING, name, value });

describe('connecting', () => {
  it('identifies with only Guilds, GuildMessages and DirectMessages (no privileged message-content intent)', async () => {
    const identify = await fake.gateway.waitForOp(2);
    expect(identify.d.token).toBe(TOKEN);
    expect(identify.d.intents).toBe((1 << 0) | (1 << 9) | (1 << 12));
    expect(identify.d.compress).toBe(false);
  });

  it('a bad token fails start() with the reason, and nothing keeps running', async () => {
    const broken = createDiscordAdapter({ token: 'wrong', apiUrl: fake.apiUrl }, { logger: createLogger('silent'), autocomplete: () => [] });
    await expect(broken.start(handle)).rejects.toThrow(/Discord did not start: .*token/i);
  });
});

describe('/brief subcommands, end to end', () => {
  const cases: [string, Option, (reply: Reply) => void][] = [
    ['latest', sub('latest'), (r) => expect(r.intent).toBe('latest')],
    ['actor putin', sub('actor', [str('name', 'putin')]), (r) => expect(r.title).toMatch(/Putin/)],
    ['topic sanctions', sub('topic', [str('name', 'sanctions')]), (r) => expect(r.intent).toBe('topic')],
    ['timeline from/to', sub('timeline', [str('from', '1 Feb 2022'), str('to', '2022-02-15')]), (r) => expect(r.title).toContain('1 Feb 2022')],
    ['search', sub('search', [str('query', 'nord stream')]), (r) => expect(r.intent).toBe('search')],
    ['sources', sub('sources'), (r) => expect(r.intent).toBe('sources')],
    ['ask', sub('ask', [str('question', 'who is Ryabkov?')]), (r) => expect(r.title).toMatch(/Ryabkov/)],
    ['help', sub('help'), (r) => expect(r.intent).toBe('help')],
  ];

  it.each(cases)('%s: answered at once, ephemerally, with the core’s answer as embeds', async (_name, option, check) => {
    const { callback } = await interact([option]);
    const last = asked.at(-1)!;
    const expected = answer(last.command, library, { asOf: '2022-03-01' });
    check(expected);
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags).toBe(EPHEMERAL);
    expect(callback.body.data.embeds[0].title).toBe(expected.title.slice(0, 256));
    expectWithinLimits(callback.body.data.embeds);
    expect(last.ctx).toEqual({ platform: 'discord', channelId: CHANNEL_ID, userId: expect.any(String), workspaceId: GUILD_ID, canManageChannel: false });
  });

  it('public: true posts the answer for the channel', async () => {
    const { callback } = await interact([sub('latest', [{ type: BOOLEAN, name: 'public', value: true }])]);
    expect(callback.body.data.flags ?? 0).toBe(0);
  });

  it('the digest group reaches the handler as a digest command, with Manage Channels read from the member', async () => {
    await interact([{ type: GROUP, name: 'digest', options: [sub('subscribe', [str('time', '8:00'), str('zone', 'Europe/Berlin')])] }], { permissions: String(1 << 4) });
    expect(asked.at(-1)!.command).toEqual({ kind: 'digest', action: 'subscribe', time: '08:00', zone: 'Europe/Berlin', announceEmpty: false });
    expect(asked.at(-1)!.ctx.canManageChannel).toBe(true);
  });

  it('in a DM the user manages their own conversation', async () => {
    await interact([sub('help')], { dm: true });
    expect(asked.at(-1)!.ctx).toMatchObject({ channelId: expect.any(String), workspaceId: undefined, canManageChannel: true });
  });

  it('autocomplete offers matching actors, and never more than 25 choices', async () => {
    const { callback } = await interact([sub('actor', [{ type: STRING, name: 'name', value: 'lav', focused: true }])], { type: 4 });
    expect(callback.body.type).toBe(8);
    const names = callback.body.data.choices.map((c: { name: string }) => c.name);
    expect(names.some((n: string) => /Lavrov/.test(n))).toBe(true);
    const zone = { type: GROUP, name: 'digest', options: [sub('subscribe', [{ type: STRING, name: 'zone', value: 'europe', focused: true }])] };
    const { callback: zones } = await interact([zone], { type: 4 });
    expect(Intl.supportedValuesOf('timeZone').filter((z) => z.startsWith('Europe/')).length).toBeGreaterThan(25);
    expect(zones.body.data.choices).toHaveLength(25);
    expect(zones.body.data.choices[0]).toEqual({ name: 'Europe/Amsterdam', value: 'Europe/Amsterdam' });
  });

  it('hostile input gets a short answer that pings nobody', async () => {
    for (const question of ['x'.repeat(6000), '@everyone <@&123456789> <@53908232506183680> **now** ||x||', '   ']) {
      const { callback } = await interact([sub('ask', [str('question', question)])]);
      const embeds = callback.body.data.embeds;
      expectWithinLimits(embeds);
      expect(embedStrings(embeds).join('').length).toBeLessThan(1500);
      expect(callback.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    }
  });
});

describe('slow answers', () => {
  it('are deferred first, then the original response is edited', async () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const payload = briefInteraction([sub('actor', [str('name', 'lavrov')])]);
    fake.gateway.dispatch('INTERACTION_CREATE', payload);
    const deferred = await fake.rest.waitFor((r) => r.path === `/interactions/${payload.id}/${payload.token}/callback`);
    expect(deferred.body).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    gate = undefined;
    open();
    const edit = await fake.rest.waitFor((r) => r.method === 'PATCH' && r.path.startsWith(`/webhooks/${APPLICATION_ID}/${payload.token}/messages/`));
    expect(edit.path).toMatch(/\/messages\/(%40|@)original$/);
    expect(edit.body.embeds[0].title).toMatch(/Lavrov/);
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});

describe('answers that do not fit one message, and failures', () => {
  it('a long answer continues in ephemeral follow-ups, each within the limits', async () => {
    const citations = Array.from({ length: 60 }, (_, i) => ({ id: `s${i}`, outlet: `Outlet ${i}`, author: 'not stated', title: 'A title '.repeat(10), date: '2022-02-01', kind: 'news' as const }));
    override = () => ({ intent: 'timeline', title: 'Timeline', citations, blocks: [{ type: 'list', items: citations.map((c, i) => ({ text: `Event ${i} ${'happened '.repeat(40)}`, cites: [c.id] })) }] });
    const { callback, token } = await interact([sub('timeline')]);
    override = undefined;
    expectWithinLimits(callback.body.data.embeds);
    const followUp = await fake.rest.waitFor((r) => r.method === 'POST' && r.path === `/webhooks/${APPLICATION_ID}/${token}`);
    expect(followUp.body.flags).toBe(EPHEMERAL);
    expectWithinLimits(followUp.body.embeds);
  });

  it('a handler that throws gets a short apology, not silence', async () => {
    override = () => {
      throw new Error('boom');
    };
    const { callback } = await interact([sub('latest')]);
    override = undefined;
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.embeds[0].description).toMatch(/went wrong/);
  });
});

describe('logs', () => {
  it('say why an answer could not be delivered, without the interaction token', async () => {
    fake.rest.failNext('POST', /^\/interactions\/\d+\/[^/]+\/callback$/, 404, { message: 'Unknown interaction', code: 10062 });
    const { token } = await interact([sub('help')]);
    const line = await until(() => logLines.find((l) => l.includes('could not be answered')));
    expect(line).toContain('Unknown interaction');
    expect(line).toContain('10062');
    expect(logLines.join('\n')).not.toContain(token);
    expect(logLines.join('\n')).not.toContain(TOKEN);
  });
});

describe('mentions', () => {
  it('a message naming the bot gets a reply to it; @everyone and role mentions are ignored', async () => {
    const ignored = messageCreate('@everyone who is Lavrov?', { mentionEveryone: true, mentionRoles: ['111111111111111111'] });
    const asking = messageCreate(`<@${BOT_USER.id}> who is Ryabkov?`, { mentions: [BOT_USER] });
    fake.gateway.dispatch('MESSAGE_CREATE', ignored);
    fake.gateway.dispatch('MESSAGE_CREATE', asking);
    const reply = await fake.rest.waitFor((r) => r.method === 'POST' && r.body?.message_reference?.message_id === asking.id);
    expect(reply.path).toBe(`/channels/${CHANNEL_ID}/messages`);
    expect(reply.body.embeds[0].title).toMatch(/Ryabkov/);
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(fake.rest.requests.some((r) => r.body?.message_reference?.message_id === ignored.id)).toBe(false);
  });

  it('a DM is answered without a mention', async () => {
    const dm = messageCreate('timeline 2022-02-10 2022-02-12', { dm: true });
    fake.gateway.dispatch('MESSAGE_CREATE', dm);
    const reply = await fake.rest.waitFor((r) => r.body?.message_reference?.message_id === dm.id);
    expect(reply.body.embeds[0].title).toContain('Timeline');
  });
});

describe('channel posts for the digest', () => {
  it('post sends embeds with a nonce; findPosted finds the message again; update edits it', async () => {
    const reply = answer({ kind: 'latest' }, library, { asOf: '2022-03-01' });
    const posted = await adapter.post(CHANNEL_ID, reply, { idempotencyKey: `digest:${CHANNEL_ID}:2022-02-15` });
    const sent = fake.rest.requests.find((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages` && r.body?.nonce)!;
    expect(sent.body).toMatchObject({ nonce: nonceFor(`digest:${CHANNEL_ID}:2022-02-15`), enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(sent.body.nonce.length).toBeLessThanOrEqual(25);
    expectWithinLimits(sent.body.embeds);
    // A retry after a crash gets the same message back from Discord, not a second one.
    const again = await adapter.post(CHANNEL_ID, reply, { idempotencyKey: `digest:${CHANNEL_ID}:2022-02-15` });
    expect(again).toEqual(posted);
    expect(await adapter.findPosted(CHANNEL_ID, `digest:${CHANNEL_ID}:2022-02-15`)).toEqual(posted);
    expect(await adapter.findPosted(CHANNEL_ID, `digest:${CHANNEL_ID}:2022-02-16`)).toBeUndefined();
    await adapter.update(posted, answer({ kind: 'help' }, library, { asOf: '2022-03-01' }));
    const edit = await fake.rest.waitFor((r) => r.method === 'PATCH' && r.path === `/channels/${CHANNEL_ID}/messages/${posted.id}`);
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('a 429 is honoured: the post waits Retry-After and then succeeds', async () => {
    fake.rest.rateLimitNext('POST', /^\/channels\/\d+\/messages$/, 0.2);
    const before = fake.rest.requests.length;
    const posted = await adapter.post(CHANNEL_ID, answer({ kind: 'sources' }, library, { asOf: '2022-03-01' }));
    const tries = fake.rest.requests.slice(before).filter((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`);
    expect(tries).toHaveLength(2);
    expect(posted.id).toMatch(/^\d+$/);
  });
});

describe('the gateway connection', () => {
  it('acknowledges heartbeats without reconnecting', async () => {
    const start = fake.gateway.received.length;
    await fake.gateway.waitForOp(1, start);
    await fake.gateway.waitForOp(1, fake.gateway.received.length);
    expect(fake.gateway.received.slice(start).filter((f) => f.op === 2 || f.op === 6)).toEqual([]);
  });

  it('after a dropped connection it resumes the session and keeps answering, events missed meanwhile included', async () => {
    const identifies = fake.gateway.received.filter((f) => f.op === 2).length;
    const closed = new Promise((resolve) => fake.gateway.once('closed', resolve));
    fake.gateway.drop();
    await closed;
    const missed = briefInteraction([sub('help')]);
    fake.gateway.dispatch('INTERACTION_CREATE', missed);
    const resume = await fake.gateway.waitForOp(6);
    expect(resume.d).toMatchObject({ token: TOKEN, session_id: fake.gateway.sessionId });
    expect(fake.connections.at(-1)).toBe('/resume');
    await fake.rest.waitFor((r) => r.path === `/interactions/${missed.id}/${missed.token}/callback`);
    const { callback } = await interact([sub('topic', [str('name', 'sanctions')])]);
    expect(callback.body.type).toBe(4);
    expect(fake.gateway.received.filter((f) => f.op === 2)).toHaveLength(identifies);
  });
});

describe('every message the bot sent', () => {
  it('carried empty allowed mentions', () => {
    const sending = fake.rest.requests.filter((r) => r.body?.embeds || r.body?.data?.embeds);
    expect(sending.length).toBeGreaterThan(20);
    for (const r of sending) {
      const mentions = r.body.data?.allowed_mentions ?? r.body.allowed_mentions;
      expect(mentions?.parse, `${r.method} ${r.path}`).toEqual([]);
      expect(mentions.replied_user ?? false).toBe(false);
    }
  });
});

describe('stop', () => {
  it('closes the gateway connection normally', async () => {
    const closed = new Promise((resolve) => fake.gateway.once('closed', resolve));
    await adapter.stop();
    expect(await closed).toBe(1000);
  });
});

describe('registerCommands', () => {
  it('puts the one command definition in a guild, or globally', async () => {
    const config = { token: TOKEN, applicationId: APPLICATION_ID, apiUrl: fake.apiUrl };
    expect(await registerCommands(config, { guildId: GUILD_ID })).toEqual({ scope: 'guild', commands: 1 });
    const guild = await fake.rest.waitFor((r) => r.method === 'PUT' && r.path === `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
    expect(guild.body).toEqual([briefCommand()]);
    expect(await registerCommands({ token: TOKEN, apiUrl: fake.apiUrl })).toEqual({ scope: 'global', commands: 1 });
    await fake.rest.waitFor((r) => r.method === 'PUT' && r.path === `/applications/${APPLICATION_ID}/commands`);
  });
});
