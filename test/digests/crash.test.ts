// Kill -9 during a 50-channel fan-out, restart, repeat: every channel gets exactly one digest for the day.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayIn } from '../../src/digests/slots.ts';
import { SqliteDigestStore } from '../../src/digests/store.ts';
import { FakeDiscord } from '../fakes/discord/server.ts';
import { tempDir } from '../helpers/tmp.ts';

const CHANNELS = 50;
const TRIALS = 20;
const PARALLEL = 2;
const channelId = (i: number) => String(900000000000000000n + BigInt(i));

/** A zone where it is now mid-day, and a slot a minute ago: the digest is due as soon as the bot starts. */
function dueSlot(now: Date): { zone: string; time: string } {
  for (const zone of ['UTC', 'Asia/Tokyo', 'America/New_York', 'Asia/Kolkata', 'America/Los_Angeles', 'Pacific/Auckland']) {
    const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now).split(':').map(Number);
    if (h! >= 2 && h! <= 21) {
      const minutes = h! * 60 + m! - 1;
      return { zone, time: `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}` };
    }
  }
  throw new Error('no zone at mid-day (cannot happen)');
}

function startBot(fake: FakeDiscord, dataDir: string): ChildProcess {
  return spawn(process.execPath, ['bin/briefbot.js', 'start'], {
    env: { PATH: process.env.PATH ?? '', DISCORD_TOKEN: fake.rest.validToken, DISCORD_API_URL: fake.apiUrl, BRIEFBOT_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', BRIEFBOT_DIGEST_POSTS_PER_SECOND: '200' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())));
const posts = (fake: FakeDiscord) => fake.rest.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path)).length;

async function trial(seed: number): Promise<{ perChannel: number[]; posts: number; killedAfter: number }> {
  const fake = await new FakeDiscord().start();
  fake.rest.honourNonce = false; // the bot's own ledger must prevent duplicates
  const dataDir = path.join(tempDir('crash-'), 'data');
  const { zone, time } = dueSlot(new Date());
  const store = SqliteDigestStore.inDataDir(dataDir);
  for (let i = 0; i < CHANNELS; i++) {
    store.upsertSubscription({ platform: 'discord', channel: channelId(i), time, zone, announceEmpty: false, createdBy: 'U1', createdAt: '2022-02-01T00:00:00.000Z', failures: 0 });
  }
  store.close();

  // Kill the first run right after its k-th post reached the platform (k random, 0 = before any post).
  const killedAfter = (seed * 7919) % CHANNELS;
  const first = startBot(fake, dataDir);
  await new Promise<void>((resolve) => {
    const check = () => {
      if (posts(fake) >= killedAfter) {
        fake.rest.off('request', check);
        resolve();
      }
    };
    fake.rest.on('request', check);
    check();
  });
  first.kill('SIGKILL');
  await exited(first);

  // Restart until every channel is settled in the ledger.
  const second = startBot(fake, dataDir);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const check = new SqliteDigestStore(path.join(dataDir, 'briefbot.db'));
    const period = dayIn(new Date(), zone);
    const settled = Array.from({ length: CHANNELS }, (_, i) => check.delivery('discord', channelId(i), period)?.state).filter((s) => s === 'sent').length;
    check.close();
    if (settled === CHANNELS || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  second.kill('SIGTERM');
  await exited(second);
  const perChannel = Array.from({ length: CHANNELS }, (_, i) => fake.rest.messages.filter((m) => m.channel_id === channelId(i)).length);
  const result = { perChannel, posts: posts(fake), killedAfter };
  await fake.stop();
  return result;
}

describe('exactly-once digests across SIGKILL', () => {
  const results: Awaited<ReturnType<typeof trial>>[] = [];

  beforeAll(async () => {
    for (let t = 0; t < TRIALS; t += PARALLEL) {
      results.push(...(await Promise.all(Array.from({ length: Math.min(PARALLEL, TRIALS - t) }, (_, k) => trial(t + k + 1)))));
    }
  }, 240_000);

  afterAll(() => {
    results.length = 0;
  });

  it(`runs ${TRIALS} trials, killed at different points of the fan-out`, () => {
    expect(results).toHaveLength(TRIALS);
    expect(new Set(results.map((r) => r.killedAfter)).size).toBeGreaterThan(10);
  });

  it('every channel received exactly one digest in every trial', () => {
    for (const r of results) expect(r.perChannel, `killed after ${r.killedAfter} posts`).toEqual(Array(CHANNELS).fill(1));
  });
});
