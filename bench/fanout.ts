// B3 digest fan-out: 1,000 subscribed Discord channels against a fake that enforces Discord's global 50 requests/s.
import { Writable } from 'node:stream';
import { createDiscordAdapter } from '../src/adapters/discord/index.ts';
import { DigestService, POSTS_PER_SECOND } from '../src/digests/service.ts';
import { dayIn } from '../src/digests/slots.ts';
import { SqliteDigestStore } from '../src/digests/store.ts';
import { loadLibrary } from '../src/library-loader.ts';
import { createLogger } from '../src/log.ts';
import { FakeDiscord } from '../test/fakes/discord/server.ts';
import { FakeSlack } from '../test/fakes/slack/api.ts';
import { SlidingWindow } from '../test/fakes/window.ts';
import { createSlackAdapter } from '../src/adapters/slack/index.ts';
import type { ChatAdapter, Platform } from '../src/adapters/types.ts';
import { fmt, publish, stat, table } from './report.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHANNELS = Number(process.env.BENCH_FANOUT_CHANNELS ?? 1000);
const DISCORD_GLOBAL_PER_SECOND = 50;
/** Slack documents "a few hundred messages a minute" per workspace; the fake enforces 300 (5/s, sliding). */
const SLACK_PER_SECOND = 5;
const SLACK_CHANNELS = Number(process.env.BENCH_FANOUT_SLACK_CHANNELS ?? 200);
const silent = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

type Run = { seconds: number; bound: number; duplicates: number; missing: number; rateLimited: number };

/** Posts the digest for `channels` subscriptions through `adapter`, timed; the fake's messages count the outcome. */
async function fanOut(platform: Platform, adapter: ChatAdapter, channels: number, perSecondBound: number, messages: () => { channel: string }[], rateLimited: () => number): Promise<Run> {
  const { library } = await loadLibrary('briefings');
  const store = new SqliteDigestStore(':memory:');
  const now = new Date('2022-02-15T12:00:00Z');
  for (let i = 0; i < channels; i++) {
    store.upsertSubscription({ platform, channel: String(800000000000000000n + BigInt(i)), time: '08:00', zone: 'UTC', announceEmpty: false, createdBy: 'U', createdAt: '2022-02-01T00:00:00Z', failures: 0 });
  }
  const service = new DigestService({ store, logger: silent, now: () => now, schedule: () => ({ stop() {} }) });
  const t0 = performance.now();
  await service.start([adapter], () => library!);
  const seconds = (performance.now() - t0) / 1000;
  const period = dayIn(now, 'UTC');
  let missing = 0;
  for (const sub of store.subscriptions()) if (store.delivery(platform, sub.channel, period)?.state !== 'sent') missing++;
  const perChannel = new Map<string, number>();
  for (const m of messages()) perChannel.set(m.channel, (perChannel.get(m.channel) ?? 0) + 1);
  const duplicates = [...perChannel.values()].reduce((n, c) => n + c - 1, 0);
  await service.stop();
  const run = { seconds, bound: channels / perSecondBound, duplicates, missing, rateLimited: rateLimited() };
  process.stdout.write(`${platform} fan-out run: ${JSON.stringify(run)}\n`);
  return run;
}

async function discordOnce(): Promise<Run> {
  const fake = await new FakeDiscord().start();
  fake.rest.honourNonce = false;
  const limit = new SlidingWindow(DISCORD_GLOBAL_PER_SECOND);
  fake.rest.globalLimit = limit;
  const adapter = createDiscordAdapter({ token: fake.rest.validToken, apiUrl: fake.apiUrl }, { logger: silent, autocomplete: () => [] });
  await adapter.start(async () => ({ intent: 'help', title: '', blocks: [], citations: [] }));
  const run = await fanOut('discord', adapter, CHANNELS, DISCORD_GLOBAL_PER_SECOND, () => fake.rest.messages.map((m) => ({ channel: m.channel_id })), () => limit.refused);
  await adapter.stop();
  await fake.stop();
  return run;
}

async function slackOnce(): Promise<Run> {
  const fake = await new FakeSlack().start();
  const limit = new SlidingWindow(SLACK_PER_SECOND);
  fake.postLimit = limit;
  const adapter = createSlackAdapter({ botToken: 'xoxb-bench', appToken: 'xapp-bench', apiUrl: `${fake.url}/api/`, digestAdmins: [] }, { logger: silent, port: 0 });
  await adapter.start(async () => ({ intent: 'help', title: '', blocks: [], citations: [] }));
  const run = await fanOut('slack', adapter, SLACK_CHANNELS, SLACK_PER_SECOND, () => fake.messages, () => limit.refused);
  await adapter.stop();
  await fake.stop();
  return run;
}

export async function benchFanout(): Promise<void> {
  const discord: Run[] = [];
  const slack: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    discord.push(await discordOnce());
    slack.push(await slackOnce());
  }
  const row = (name: string, channels: number, runs: Run[]) => {
    const s = (f: (r: Run) => number, d = 2) => fmt(stat(runs.map(f)), d);
    return [name, String(channels), s((r) => r.seconds), s((r) => r.bound), s((r) => r.seconds / r.bound), s((r) => r.duplicates, 0), s((r) => r.missing, 0), s((r) => r.rateLimited, 0)];
  };
  publish(
    'B3 digest fan-out',
    `${RUNS} runs. All channels due at once, posted by the digest service through the real platform clients to fakes that enforce the limits: ` +
      `Discord, a global 429 past ${DISCORD_GLOBAL_PER_SECOND} requests/s (the documented per-bot limit); Slack, a 429 with Retry-After past ${SLACK_PER_SECOND} chat.postMessage/s ` +
      `(300 a minute, smoothed; Slack documents "a few hundred a minute" per workspace). Our pace: ${POSTS_PER_SECOND.discord}/s on Discord, ${POSTS_PER_SECOND.slack}/s on Slack, evenly spaced.\n\n` +
      table(['platform', 'channels', 'total s', 'lower bound s', 'ratio', 'duplicates', 'not delivered', '429s answered'], [row('Discord', CHANNELS, discord), row('Slack', SLACK_CHANNELS, slack)]) +
      '\n\nTarget: within 1.2× of the bound, zero duplicates, every 429 retried to delivery.',
  );
}
