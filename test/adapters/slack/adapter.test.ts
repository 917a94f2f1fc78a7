import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/adapters/slack/index.ts';
import type { ChatAdapter, Handler } from '../../../src/adapters/types.ts';
import { answer } from '../../../src/core/answers.ts';
import type { Command } from '../../../src/core/command.ts';
import type { Library } from '../../../src/core/library.ts';
import { createLogger } from '../../../src/log.ts';
import { appMention, BOT_USER_ID, directMessage, FakeSlack, sign, slashCommand } from '../../fakes/slack/api.ts';
import { shippedLibrary } from '../../helpers/library.ts';
import { freePort } from '../../helpers/net.ts';

const SECRET = 'test-signing-secret-8f3a';
const TOKEN = 'xoxb-test-token-77aa';
let fake: FakeSlack;
let adapter: ChatAdapter;
let library: Library;
let port: number;
let handlerRuns = 0;
let gate: Promise<void> | undefined;
const asked: { command: Command; canManage: boolean }[] = [];
const logs: string[] = [];

const handle: Handler = async (command, ctx) => {
  handlerRuns++;
  asked.push({ command, canManage: ctx.canManageChannel });
  if (gate) await gate;
  return answer(command, library, { asOf: '2022-03-01' });
};


beforeAll(async () => {
  library = await shippedLibrary();
  fake = await new FakeSlack().start();
  port = await freePort();
  adapter = createSlackAdapter(
    { botToken: TOKEN, signingSecret: SECRET, apiUrl: `${fake.url}/api/`, digestAdmins: ['UADMINLIST'] },
    { logger: createLogger('info', new Writable({ write: (c, _e, cb) => (logs.push(String(c)), cb()) })), port, ackWithinMs: 300 },
  );
  await adapter.start(handle);
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.stop();
});

async function send(body: string, contentType: string, headers = sign(body, SECRET)) {
  return fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
}
const FORM = 'application/x-www-form-urlencoded';

describe('/brief over HTTP', () => {
  it('answers privately with Block Kit and a plain-text fallback, in the acknowledgement', async () => {
    const res = await send(slashCommand('actor lavrov', { responseUrl: `${fake.url}/respond/1` }), FORM);
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.response_type).toBe('ephemeral');
    expect(body.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Sergei Lavrov — Foreign Minister of Russia', emoji: false } });
    expect(JSON.stringify(body.blocks)).toContain('the mute with the deaf');
    expect(body.text).toContain('Sergei Lavrov');
  });

  it('posts to the channel with --public', async () => {
    const body = (await (await send(slashCommand('timeline --public', { responseUrl: `${fake.url}/respond/2` }), FORM)).json()) as any;
    expect(body.response_type).toBe('in_channel');
    expect(JSON.stringify(body.blocks)).toContain('30 Dec 2021');
  });

  it('acknowledges at once when the answer is slow, then delivers through response_url', async () => {
    let release!: () => void;
    gate = new Promise((r) => (release = r));
    const res = await send(slashCommand('who is Scholz', { responseUrl: `${fake.url}/respond/3` }), FORM);
    expect(((await res.json()) as any).text).toBe('Working on it…');
    release();
    gate = undefined;
    const delivered = await fake.waitForResponse('/respond/3');
    expect(delivered.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(delivered.body.blocks)).toContain('Olaf Scholz');
  });

  it('answers empty text, junk and unknown words with something short and helpful', async () => {
    for (const text of ['', 'x'.repeat(4000), 'frobnicate the widgets']) {
      const body = (await (await send(slashCommand(text, { responseUrl: `${fake.url}/respond/4` }), FORM)).json()) as any;
      expect(body.blocks.length).toBeGreaterThan(0);
      expect(JSON.stringify(body).length).toBeLessThan(12_000);
    }
  });

  it('never lets an answer mention anyone', async () => {
    const body = (await (await send(slashCommand('search <!channel> <!here> <@U123> @everyone', { responseUrl: `${fake.url}/respond/5` }), FORM)).json()) as any;
    const all = JSON.stringify(body);
    expect(all).not.toMatch(/<!channel>|<!here>|<!everyone>|<@U|<!subteam/);
    expect(all).toContain('&lt;!channel&gt;');
  });

  it('asks Slack whether the user is an admin for digest commands, and takes SLACK_DIGEST_ADMINS', async () => {
    fake.admins.add('UWORKSPACEADMIN');
    asked.length = 0;
    await send(slashCommand('digest status', { responseUrl: `${fake.url}/respond/6`, user: 'UWORKSPACEADMIN' }), FORM);
    await send(slashCommand('digest status', { responseUrl: `${fake.url}/respond/7`, user: 'UNOBODY' }), FORM);
    await send(slashCommand('digest status', { responseUrl: `${fake.url}/respond/8`, user: 'UADMINLIST' }), FORM);
    expect(asked.map((a) => a.canManage)).toEqual([true, false, true]);
  });
});

describe('request verification', () => {
  it('rejects a bad signature with 401 and runs no handler', async () => {
    const before = handlerRuns;
    const body = slashCommand('help', { responseUrl: `${fake.url}/respond/9` });
    const res = await send(body, FORM, sign(body, 'not-the-secret'));
    expect(res.status).toBe(401);
    expect(handlerRuns).toBe(before);
  });

  it('rejects a request signed more than 5 minutes ago', async () => {
    const before = handlerRuns;
    const body = slashCommand('help', { responseUrl: `${fake.url}/respond/10` });
    const res = await send(body, FORM, sign(body, SECRET, Math.floor(Date.now() / 1000) - 6 * 60));
    expect(res.status).toBe(401);
    expect(handlerRuns).toBe(before);
  });
});

describe('mentions and posts', () => {
  it('answers @briefbot in a thread', async () => {
    const res = await send(appMention(`<@${BOT_USER_ID}> what has Macron done?`, { ts: '1644800999.000300' }), 'application/json');
    expect(res.status).toBe(200);
    const call = await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === '1644800999.000300');
    expect(JSON.stringify(call.args.blocks)).toContain('Emmanuel Macron');
    expect(call.token).toBe(TOKEN);
  });

  it('answers a direct message in the DM', async () => {
    const res = await send(directMessage('who is Zelenskiy'), 'application/json');
    expect(res.status).toBe(200);
    const call = await fake.waitForCall('chat.postMessage', (c) => c.args.channel === 'D024BE91L');
    expect(JSON.stringify(call.args.blocks)).toContain('Volodymyr Zelenskyy');
    expect(call.args.thread_ts).toBeUndefined();
  });

  it('posts with metadata and finds the post again by its key; updates it', async () => {
    const reply = answer({ kind: 'latest' }, library, { asOf: '2022-03-01' });
    const posted = await adapter.post('CDIGEST', reply, { idempotencyKey: 'digest:slack:CDIGEST:2022-02-15' });
    expect(await adapter.findPosted('CDIGEST', 'digest:slack:CDIGEST:2022-02-15')).toEqual(posted);
    expect(await adapter.findPosted('CDIGEST', 'digest:slack:CDIGEST:2022-02-16')).toBeUndefined();
    await adapter.update(posted, reply);
    expect((await fake.waitForCall('chat.update')).args.ts).toBe(posted.id);
  });

  it('waits out a 429 and then posts', async () => {
    fake.rateLimitNext('chat.postMessage', 1);
    const before = fake.calls.filter((c) => c.method === 'chat.postMessage').length;
    const posted = await adapter.post('C429', answer({ kind: 'help' }, library, { asOf: '2022-03-01' }));
    expect(posted.id).toBeTruthy();
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage').length - before).toBe(2);
  });

  it('retries a 500 from the Web API and posts once', async () => {
    fake.failNext('chat.postMessage', 500, { ok: false, error: 'internal_error' });
    const before = fake.messages.length;
    await adapter.post('C500', answer({ kind: 'help' }, library, { asOf: '2022-03-01' }));
    expect(fake.messages.length - before).toBe(1);
  });

  it('reports ok:false to the caller and keeps serving', async () => {
    fake.failNext('chat.postMessage', 200, { ok: false, error: 'channel_not_found' });
    await expect(adapter.post('CGONE', answer({ kind: 'help' }, library, { asOf: '2022-03-01' }))).rejects.toThrow(/channel_not_found/);
    const body = (await (await send(slashCommand('help', { responseUrl: `${fake.url}/respond/11` }), FORM)).json()) as any;
    expect(body.blocks.length).toBeGreaterThan(0);
  });

  it('never logs the bot token or the signing secret', () => {
    const all = logs.join('');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(SECRET);
  });
});
