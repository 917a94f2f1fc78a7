// Random and adversarial input through Slack's whole command path (signed HTTP → Bolt → handler → Block Kit):
// no crash, no unhandled rejection, every reply within Slack's limits, no mention ever produced.
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../src/adapters/slack/index.ts';
import { SLACK_LIMITS } from '../../src/adapters/slack/render.ts';
import type { ChatAdapter } from '../../src/adapters/types.ts';
import { createHandler } from '../../src/app/handler.ts';
import { createLogger } from '../../src/log.ts';
import { appMention, BOT_USER_ID, FakeSlack, sign, slashCommand } from '../fakes/slack/api.ts';
import { shippedLibrary } from '../helpers/library.ts';
import { freePort } from '../helpers/net.ts';

const SECRET = 'fuzz-secret';
let fake: FakeSlack;
let adapter: ChatAdapter;
let port: number;
const rejections: unknown[] = [];
const onRejection = (err: unknown) => rejections.push(err);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  const library = await shippedLibrary();
  fake = await new FakeSlack().start();
  port = await freePort();
  const logger = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));
  adapter = createSlackAdapter({ botToken: 'xoxb-fuzz', signingSecret: SECRET, apiUrl: `${fake.url}/api/`, digestAdmins: [] }, { logger, port });
  await adapter.start(createHandler({ library: () => library, now: () => new Date(), logger, limits: { perUserPerMinute: 1e9, perChannelPerMinute: 1e9 } }));
});

afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await adapter?.stop();
  await fake?.stop();
});

const hostile = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.constantFrom('<!channel>', '<!here>', '<!everyone>', '@channel', '<@U0001>', '<!subteam^S01|@team>', '*_~`>', 'digest subscribe 99:99 Not/AZone', 'timeline 2022-02-30', '--public', 'alerts on'),
  fc.tuple(fc.constantFrom('actor', 'topic', 'timeline', 'search', 'digest', 'digest subscribe', 'ask', 'who is', 'help', 'sources', 'frob'), fc.string({ maxLength: 60 })).map(([a, b]) => `${a} ${b}`),
  fc.string({ minLength: 1000, maxLength: 4000 }),
);

function check(payload: { blocks?: any[]; text?: string }) {
  const all = JSON.stringify(payload);
  expect(all).not.toMatch(/<!(channel|here|everyone|subteam)|<@U/);
  expect((payload.blocks ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
  expect(all.length).toBeLessThan(40_000);
}

describe('Slack command path under random input', () => {
  it('slash commands: always a 200 with a bounded, mention-free answer', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        const body = slashCommand(text, { responseUrl: `${fake.url}/respond/fuzz` });
        const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body, SECRET) }, body });
        expect(res.status).toBe(200);
        check((await res.json()) as { blocks?: any[]; text?: string });
      }),
      { numRuns: 400 },
    );
  });

  it('mentions: always answered in a thread, mention-free', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        const ts = `1700000000.${String(++n).padStart(6, '0')}`;
        const body = appMention(`<@${BOT_USER_ID}> ${text}`, { ts });
        const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...sign(body, SECRET) }, body });
        expect(res.status).toBe(200);
        const call = await fake.waitForCall('chat.postMessage', (c) => c.args.thread_ts === ts);
        check(call.args);
      }),
      { numRuns: 150 },
    );
    expect(rejections).toEqual([]);
  });
});
