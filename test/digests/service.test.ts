import { Writable } from 'node:stream';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestContext } from '../../src/adapters/types.ts';
import type { Library } from '../../src/core/library.ts';
import { DigestService, MAX_FAILURES, type ScheduleFn } from '../../src/digests/service.ts';
import { SqliteDigestStore } from '../../src/digests/store.ts';
import { createLogger } from '../../src/log.ts';
import { FakeChatAdapter } from '../fakes/chat/adapter.ts';
import { shippedLibrary } from '../helpers/library.ts';

let lib: Library;
beforeAll(async () => {
  lib = await shippedLibrary();
});

const quiet = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));
const admin = (channel = 'C1'): RequestContext => ({ platform: 'discord', channelId: channel, userId: 'U1', canManageChannel: true });
const member = (channel = 'C1'): RequestContext => ({ ...admin(channel), canManageChannel: false });

/** A controllable clock and a scheduler the test fires by hand. */
function setup() {
  let now = new Date('2022-02-14T12:00:00Z');
  const tasks = new Map<string, { expression: string; zone: string; run: () => void; stopped: boolean }>();
  let n = 0;
  const schedule: ScheduleFn = (expression, run, { timezone }) => {
    const t = { expression, zone: timezone, run, stopped: false };
    tasks.set(String(++n), t);
    return { stop: () => void (t.stopped = true) };
  };
  const store = new SqliteDigestStore(':memory:');
  const adapter = new FakeChatAdapter('discord');
  const service = new DigestService({ store, logger: quiet, now: () => now, schedule, postsPerSecond: { discord: 1000 } });
  return {
    store,
    adapter,
    service,
    tasks: () => [...tasks.values()].filter((t) => !t.stopped),
    at: (iso: string) => (now = new Date(iso)),
    /** Fires every live task (as node-cron would at their minute) and waits for the deliveries. */
    async fire() {
      for (const t of [...tasks.values()].filter((x) => !x.stopped)) t.run();
      await new Promise((r) => setTimeout(r, 20));
      await service.catchUp(); // idempotent: also proves a second trigger posts nothing more
    },
  };
}

describe('digest commands', () => {
  it('refuses people who cannot manage the channel', async () => {
    const { service } = setup();
    await service.start([], () => lib);
    const r = await service.handleCommand({ kind: 'digest', action: 'subscribe' }, member(), new Date());
    expect(r.intent).toBe('error');
    expect(JSON.stringify(r)).toContain('Manage Channels');
    expect((await service.handleCommand({ kind: 'digest', action: 'unsubscribe' }, member(), new Date())).intent).toBe('error');
  });

  it('validates the time and the zone', async () => {
    const { service } = setup();
    expect(JSON.stringify(await service.handleCommand({ kind: 'digest', action: 'subscribe', time: '25:00' }, admin(), new Date()))).toContain('not a time of day');
    expect(JSON.stringify(await service.handleCommand({ kind: 'digest', action: 'subscribe', zone: 'Mars/Olympus' }, admin(), new Date()))).toContain('not a time zone');
  });

  it('subscribes at runtime with node-cron in the channel’s zone, and unsubscribes', async () => {
    const t = setup();
    await t.service.start([t.adapter], () => lib);
    const r = await t.service.handleCommand({ kind: 'digest', action: 'subscribe', time: '08:00', zone: 'Europe/Berlin' }, admin(), new Date('2022-02-14T12:00:00Z'));
    expect(JSON.stringify(r)).toContain('15 Feb 2022 08:00 GMT+1');
    expect(t.tasks()).toEqual([expect.objectContaining({ expression: '0 8 * * *', zone: 'Europe/Berlin' })]);
    const status = JSON.stringify(await t.service.handleCommand({ kind: 'digest', action: 'status' }, member(), new Date('2022-02-14T12:00:00Z')));
    expect(status).toContain('Europe/Berlin');
    expect(status).toContain('not yet');
    await t.service.handleCommand({ kind: 'digest', action: 'unsubscribe' }, admin(), new Date());
    expect(t.tasks()).toEqual([]);
  });
});

describe('delivery', () => {
  let t: ReturnType<typeof setup>;
  beforeEach(async () => {
    t = setup();
    t.at('2022-02-01T12:00:00Z');
    await t.service.start([t.adapter], () => lib);
    await t.service.handleCommand({ kind: 'digest', action: 'subscribe', time: '08:00', zone: 'Europe/Berlin' }, admin('C1'), new Date('2022-02-01T12:00:00Z'));
  });

  it('posts the 15 Feb digest once at 08:00 Berlin, with its idempotency key, however often it is triggered', async () => {
    // Subscribed on 1 Feb and down until the morning of the 15th: the digest covers 1 → 15 Feb.
    t.at('2022-02-15T07:00:00Z');
    await t.fire();
    await t.fire();
    const posts = t.adapter.postsTo('C1');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.key).toBe('digest:discord:C1:2022-02-15');
    expect(posts[0]!.reply.title).toBe('Daily briefing — 15 Feb 2022');
    expect(JSON.stringify(posts[0]!.reply)).toContain('Biden and Putin speak by phone');
    expect(t.store.delivery('discord', 'C1', '2022-02-15')).toMatchObject({ state: 'sent', messageId: posts[0]!.id });
  });

  it('skips a day with nothing new, or says so when the subscription asks', async () => {
    t.at('2022-01-20T07:00:00Z');
    await t.fire();
    expect(t.adapter.posts).toHaveLength(0);
    expect(t.store.delivery('discord', 'C1', '2022-01-20')?.state).toBe('skipped');
    await t.service.handleCommand({ kind: 'digest', action: 'subscribe', time: '08:00', zone: 'Europe/Berlin', announceEmpty: true }, admin('C1'), new Date('2022-01-20T09:00:00Z'));
    t.at('2022-01-21T07:00:00Z');
    await t.fire();
    expect(JSON.stringify(t.adapter.posts[0]!.reply)).toContain('No new coverage since 20 Jan 2022');
  });

  it('after a crash between post and ledger, finds the post instead of posting again', async () => {
    t.at('2022-02-14T07:00:00Z');
    await t.fire();
    const first = t.adapter.postsTo('C1');
    expect(first).toHaveLength(1);
    // As if the process died after the post reached the platform but before "sent" was written.
    t.store.setDelivery({ platform: 'discord', channel: 'C1', period: '2022-02-14', state: 'claimed', updatedAt: 'x' });
    const restarted = new DigestService({ store: t.store, logger: quiet, now: () => new Date('2022-02-14T07:05:00Z'), schedule: () => ({ stop() {} }) });
    await restarted.start([t.adapter], () => lib);
    expect(t.adapter.postsTo('C1')).toHaveLength(1);
    expect(t.store.delivery('discord', 'C1', '2022-02-14')).toMatchObject({ state: 'sent', messageId: first[0]!.id });
  });

  it('after a crash before the post, posts once on restart the same day', async () => {
    t.store.claim('discord', 'C1', '2022-02-14', 'x');
    const restarted = new DigestService({ store: t.store, logger: quiet, now: () => new Date('2022-02-14T10:00:00Z'), schedule: () => ({ stop() {} }) });
    await restarted.start([t.adapter], () => lib);
    expect(t.adapter.postsTo('C1')).toHaveLength(1);
    expect(t.store.delivery('discord', 'C1', '2022-02-14')?.state).toBe('sent');
  });

  it('catches up a digest missed earlier the same day, and records older days as missed', async () => {
    const restarted = new DigestService({ store: t.store, logger: quiet, now: () => new Date('2022-02-14T15:00:00Z'), schedule: () => ({ stop() {} }) });
    await restarted.start([t.adapter], () => lib);
    expect(t.adapter.postsTo('C1').map((p) => p.key)).toEqual(['digest:discord:C1:2022-02-14']);
    expect(t.store.delivery('discord', 'C1', '2022-02-13')?.state).toBe('missed');
    // Down past the slot of a day with nothing sent: status says what was missed.
    const later = new DigestService({ store: t.store, logger: quiet, now: () => new Date('2022-02-16T06:00:00Z'), schedule: () => ({ stop() {} }) });
    await later.start([t.adapter], () => lib);
    expect(t.adapter.postsTo('C1')).toHaveLength(1);
    expect(t.store.delivery('discord', 'C1', '2022-02-15')?.state).toBe('missed');
    expect(JSON.stringify(await later.handleCommand({ kind: 'digest', action: 'status' }, member('C1'), new Date('2022-02-16T06:00:00Z')))).toContain('Missed');
  });

  it('a failing channel never blocks the others, and is paused after repeated failures', async () => {
    await t.service.handleCommand({ kind: 'digest', action: 'subscribe', time: '08:00', zone: 'Europe/Berlin' }, admin('C2'), new Date('2022-02-01T12:00:00Z'));
    // "always": a post every day, so every day is an attempt.
    await t.service.handleCommand({ kind: 'digest', action: 'subscribe', time: '08:00', zone: 'Europe/Berlin', announceEmpty: true }, admin('C1'), new Date('2022-02-01T12:00:00Z'));
    t.adapter.failing.set('C1', 'Unknown Channel');
    for (const day of ['2022-02-12', '2022-02-13', '2022-02-14']) {
      t.at(`${day}T07:00:00Z`);
      await t.fire();
    }
    expect(t.adapter.postsTo('C2').length).toBeGreaterThan(0);
    const sub = t.store.subscription('discord', 'C1')!;
    expect(sub.failures).toBe(MAX_FAILURES);
    expect(sub.pausedReason).toContain('Unknown Channel');
    expect(JSON.stringify(await t.service.handleCommand({ kind: 'digest', action: 'status' }, member('C1'), new Date()))).toContain('paused');
    // Paused: no more attempts.
    t.adapter.failing.delete('C1');
    t.at('2022-02-15T07:00:00Z');
    await t.fire();
    expect(t.adapter.postsTo('C1')).toHaveLength(0);
  });
});

describe('alerts on new briefings', () => {
  it('posts once per channel and briefing to channels that opted in, and not to others; refuses non-managers', async () => {
    const t = setup();
    t.at('2022-02-15T12:00:00Z');
    await t.service.start([t.adapter], () => lib);
    expect((await t.service.handleCommand({ kind: 'alerts', on: true }, member('C9'), new Date())).intent).toBe('error');
    await t.service.handleCommand({ kind: 'alerts', on: true }, admin('C1'), new Date('2022-02-15T12:00:00Z'));
    await t.service.announce(['scholz-kyiv-moscow']);
    await t.service.announce(['scholz-kyiv-moscow']);
    const posts = t.adapter.postsTo('C1');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.reply.title).toBe('New briefing: Scholz heads to Kyiv and Moscow with Nord Stream 2 in the balance');
    expect(posts[0]!.reply.citations[0]!.outlet).toBe('GZERO Media');
    expect(t.adapter.postsTo('C9')).toHaveLength(0);
    // An alert in the ledger is not a digest: the digest window is unaffected.
    expect(t.store.lastDelivery('discord', 'C1', ['sent'])).toBeUndefined();
    await t.service.handleCommand({ kind: 'alerts', on: false }, admin('C1'), new Date());
    await t.service.announce(['weekend-diplomacy-falls-flat']);
    expect(t.adapter.postsTo('C1')).toHaveLength(1);
  });
});
