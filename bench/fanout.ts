// B3 digest fan-out: 1,000 subscribed Discord channels against a fake that enforces Discord's global 50 requests/s.
import { Writable } from 'node:stream';
import { createDiscordAdapter } from '../src/adapters/discord/index.ts';
import { DigestService, POSTS_PER_SECOND } from '../src/digests/service.ts';
import { dayIn } from '../src/digests/slots.ts';
import { SqliteDigestStore } from '../src/digests/store.ts';
import { loadLibrary } from '../src/library-loader.ts';
import { createLogger } from '../src/log.ts';
import { FakeDiscord } from '../test/fakes/discord/server.ts';
import { fmt, publish, stat, table } from './report.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CHANNELS = Number(process.env.BENCH_FANOUT_CHANNELS ?? 1000);
const DISCORD_GLOBAL_PER_SECOND = 50;
const silent = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

type Run = { seconds: number; bound: number; duplicates: number; missing: number; rateLimited: number };

async function once(): Promise<Run> {
  const { library } = await loadLibrary('briefings');
  const fake = await new FakeDiscord().start();
  fake.rest.honourNonce = false;
  fake.rest.globalPerSecond = DISCORD_GLOBAL_PER_SECOND;
  const adapter = createDiscordAdapter({ token: fake.rest.validToken, apiUrl: fake.apiUrl }, { logger: silent, autocomplete: () => [] });
  await adapter.start(async () => ({ intent: 'help', title: '', blocks: [], citations: [] }));
  const store = new SqliteDigestStore(':memory:');
  const now = new Date('2022-02-15T12:00:00Z');
  for (let i = 0; i < CHANNELS; i++) {
    store.upsertSubscription({ platform: 'discord', channel: String(800000000000000000n + BigInt(i)), time: '08:00', zone: 'UTC', announceEmpty: false, createdBy: 'U', createdAt: '2022-02-01T00:00:00Z', failures: 0 });
  }
  const service = new DigestService({ store, logger: silent, now: () => now, schedule: () => ({ stop() {} }) });
  const requestsBefore = fake.rest.requests.length;
  const t0 = performance.now();
  await service.start([adapter], () => library!);
  const seconds = (performance.now() - t0) / 1000;
  const period = dayIn(now, 'UTC');
  let missing = 0;
  for (const sub of store.subscriptions()) if (store.delivery('discord', sub.channel, period)?.state !== 'sent') missing++;
  const perChannel = new Map<string, number>();
  for (const m of fake.rest.messages) perChannel.set(m.channel_id, (perChannel.get(m.channel_id) ?? 0) + 1);
  const duplicates = [...perChannel.values()].reduce((n, c) => n + c - 1, 0);
  const run = { seconds, bound: CHANNELS / DISCORD_GLOBAL_PER_SECOND, duplicates, missing, rateLimited: fake.rest.rateLimited };
  process.stdout.write(`fan-out run: ${JSON.stringify({ ...run, requests: fake.rest.requests.length - requestsBefore })}\n`);
  await service.stop();
  await adapter.stop();
  await fake.stop();
  return run;
}

export async function benchFanout(): Promise<void> {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once());
  const s = (f: (r: Run) => number, d = 2) => fmt(stat(runs.map(f)), d);
  publish(
    'B3 digest fan-out',
    `${RUNS} runs; ${CHANNELS} Discord channels due at once, posted by the digest service through the real discord.js REST client to a fake ` +
      `that answers a global 429 past ${DISCORD_GLOBAL_PER_SECOND} requests/s (Discord's documented per-bot limit). Our pace: ${POSTS_PER_SECOND.discord} posts/s.\n\n` +
      table(
        ['channels', 'total s', 'lower bound s', 'ratio', 'duplicates', 'not delivered', '429s answered'],
        [[String(CHANNELS), s((r) => r.seconds), s((r) => r.bound), s((r) => r.seconds / r.bound), s((r) => r.duplicates, 0), s((r) => r.missing, 0), s((r) => r.rateLimited, 0)]],
      ) +
      '\n\nTarget: within 1.2× of the bound, zero duplicates, every 429 retried to delivery. Slack fan-out: not measured yet.',
  );
}
