// Daily digests: /brief digest commands, node-cron schedules per zone, and exactly-once delivery through the ledger.
import cron from 'node-cron';
import { DateTime } from 'luxon';
import pThrottle from 'p-throttle';
import type { ChatAdapter, Platform, RequestContext } from '../adapters/types.ts';
import type { DigestCommands } from '../app/handler.ts';
import type { Command } from '../core/command.ts';
import { buildDigest } from '../core/digest.ts';
import type { Library } from '../core/library.ts';
import type { Reply } from '../core/reply.ts';
import { splitSentences } from '../core/search.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../ops/metrics.ts';
import { addDay, cronExpression, dayIn, isValidZone, lastSlot, nextSlot, normalizeTime, slotOn } from './slots.ts';
import type { DigestStore, Subscription } from './store.ts';

/** After this many failed deliveries in a row a subscription is paused (stop hitting a channel that keeps failing). */
export const MAX_FAILURES = 3;
/** How far back missed days are recorded after a long outage. */
const MAX_MISSED_DAYS = 7;
/** Posts per second per platform: Discord allows 50 requests/s per bot (10% left for answers); Slack "a few hundred messages a minute" per workspace (270/min). */
export const POSTS_PER_SECOND: Record<Platform, number> = { discord: 45, slack: 4.5, console: 1000 };
/** A sweep that catches any schedule node-cron did not fire (a DST gap, a stalled event loop). */
const SWEEP_MS = 5 * 60_000;

type Scheduled = { stop(): void | Promise<void> };
export type ScheduleFn = (expression: string, run: () => void, opts: { timezone: string }) => Scheduled;

export type DigestServiceDeps = {
  store: DigestStore;
  logger: Logger;
  now: () => Date;
  metrics?: Metrics;
  /** node-cron by default; tests pass a fake to fire schedules themselves. */
  schedule?: ScheduleFn;
  postsPerSecond?: Partial<Record<Platform, number>>;
};

type DigestCommand = Extract<Command, { kind: 'digest' | 'alerts' }>;

const keyOf = (s: { platform: Platform; channel: string }) => `${s.platform}:${s.channel}`;
export const idempotencyKey = (s: { platform: Platform; channel: string }, period: string) => `digest:${s.platform}:${s.channel}:${period}`;

export class DigestService implements DigestCommands {
  private readonly adapters = new Map<Platform, ChatAdapter>();
  private readonly tasks = new Map<string, Scheduled>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly pacers = new Map<Platform, () => Promise<void>>();
  private library?: () => Library;
  private sweep?: NodeJS.Timeout;
  private readonly schedule: ScheduleFn;

  constructor(private readonly deps: DigestServiceDeps) {
    this.schedule = deps.schedule ?? ((expr, run, opts) => cron.schedule(expr, run, { timezone: opts.timezone, noOverlap: true }));
  }

  /** Catches up what was missed while down, then schedules every subscription. */
  async start(adapters: ChatAdapter[], library: () => Library): Promise<void> {
    for (const a of adapters) this.adapters.set(a.platform, a);
    this.library = library;
    await this.catchUp();
    for (const sub of this.deps.store.subscriptions()) this.plan(sub);
    this.sweep = setInterval(() => void this.catchUp(), SWEEP_MS);
    this.sweep.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.sweep);
    await Promise.all([...this.tasks.values()].map((t) => t.stop()));
    this.tasks.clear();
    await Promise.allSettled(this.running.values());
  }

  /** Delivers every due digest not yet delivered, resolves claims a crash left open, records missed days. */
  async catchUp(): Promise<void> {
    const now = this.deps.now();
    let subs: Subscription[];
    try {
      subs = this.deps.store.subscriptions().filter((s) => this.adapters.has(s.platform));
    } catch (err) {
      this.deps.logger.error({ err }, 'digest store unavailable; the next sweep retries');
      return;
    }
    await Promise.all(
      subs.map((s) =>
        // A locked or failing database delays a digest to the next sweep; it never stops the others or the bot.
        this.catchUpOne(s, now).catch((err: unknown) => this.deps.logger.error({ err, platform: s.platform, channel: s.channel }, 'digest catch-up failed; the next sweep retries')),
      ),
    );
  }

  private async catchUpOne(sub: Subscription, now: Date): Promise<void> {
    const { period } = lastSlot(sub.time, sub.zone, now);
    const today = dayIn(now, sub.zone);
    const created = dayIn(new Date(sub.createdAt), sub.zone);
    // Earlier days: an unfinished claim is settled against the platform; a day with nothing is recorded as missed.
    for (let day = addDay(period, -MAX_MISSED_DAYS); day < period || (day === period && period !== today); day = addDay(day, 1)) {
      if (day < created || slotOn(day, sub.time, sub.zone) < new Date(sub.createdAt)) continue;
      const row = this.deps.store.delivery(sub.platform, sub.channel, day);
      if (row?.state === 'claimed') await this.settleClaim(sub, day);
      else if (!row) this.record(sub, day, 'missed');
    }
    if (period === today && !sub.pausedReason) await this.deliver(sub, period);
  }

  private record(sub: Subscription, period: string, state: 'missed' | 'skipped', messageId?: string): void {
    this.deps.store.setDelivery({ platform: sub.platform, channel: sub.channel, period, state, messageId, updatedAt: this.deps.now().toISOString() });
    this.deps.metrics?.digests.inc({ platform: sub.platform, outcome: state });
  }

  /** A claim with no outcome: the post may or may not have reached the platform before a crash. */
  private async settleClaim(sub: Subscription, period: string): Promise<boolean> {
    const found = await this.adapters.get(sub.platform)?.findPosted(sub.channel, idempotencyKey(sub, period));
    if (found) {
      this.deps.store.setDelivery({ platform: sub.platform, channel: sub.channel, period, state: 'sent', messageId: found.id, updatedAt: this.deps.now().toISOString() });
      return true;
    }
    if (period !== dayIn(this.deps.now(), sub.zone)) this.record(sub, period, 'missed');
    return false;
  }

  /** Exactly once per (platform, channel, period): claim in the ledger, post, mark sent. */
  deliver(sub: Subscription, period: string): Promise<void> {
    const key = `${keyOf(sub)}:${period}`;
    const already = this.running.get(key);
    if (already) return already;
    const work = this.deliverOnce(sub, period).finally(() => this.running.delete(key));
    this.running.set(key, work);
    return work;
  }

  private async deliverOnce(sub: Subscription, period: string): Promise<void> {
    const { store, logger } = this.deps;
    const adapter = this.adapters.get(sub.platform);
    const library = this.library?.();
    if (!adapter || !library) return;
    const now = this.deps.now().toISOString();
    const row = store.delivery(sub.platform, sub.channel, period);
    if (row && row.state !== 'claimed' && row.state !== 'failed') return;
    if (row?.state === 'claimed' && (await this.settleClaim(sub, period))) return;
    if (row?.state === 'failed') store.setDelivery({ ...row, state: 'claimed', updatedAt: now });
    if (!row && !store.claim(sub.platform, sub.channel, period, now)) return;

    const reply = buildDigest(library, { since: this.since(sub, period), now: this.deps.now(), zone: sub.zone, announceEmpty: sub.announceEmpty });
    if (!reply) return this.record(sub, period, 'skipped');
    try {
      await this.pace(sub.platform);
      const posted = await adapter.post(sub.channel, reply, { idempotencyKey: idempotencyKey(sub, period) });
      store.setDelivery({ platform: sub.platform, channel: sub.channel, period, state: 'sent', messageId: posted.id, updatedAt: this.deps.now().toISOString() });
      if (sub.failures) store.setFailures(sub.platform, sub.channel, 0);
      this.deps.metrics?.digests.inc({ platform: sub.platform, outcome: 'sent' });
    } catch (err) {
      const failures = sub.failures + 1;
      const message = (err as Error).message.slice(0, 300);
      store.setDelivery({ platform: sub.platform, channel: sub.channel, period, state: 'failed', error: message, updatedAt: this.deps.now().toISOString() });
      const paused = failures >= MAX_FAILURES ? `paused after ${failures} failed deliveries in a row; last error: ${message}` : undefined;
      store.setFailures(sub.platform, sub.channel, failures, paused);
      if (paused) this.unplan(sub);
      this.deps.metrics?.digests.inc({ platform: sub.platform, outcome: 'failed' });
      logger.warn({ platform: sub.platform, channel: sub.channel, period, failures, error: message }, paused ? 'digest subscription paused' : 'digest delivery failed');
    }
  }

  /** A short post per new briefing to every channel that opted in: once per (channel, briefing), through the ledger. */
  async announce(briefingIds: string[]): Promise<void> {
    const library = this.library?.();
    if (!library || !briefingIds.length) return;
    for (const { platform, channel } of this.deps.store.alertChannels()) {
      const adapter = this.adapters.get(platform);
      if (!adapter) continue;
      for (const id of briefingIds) {
        const briefing = library.briefingById.get(id);
        const period = `briefing:${id}`;
        if (!briefing || !this.deps.store.claim(platform, channel, period, this.deps.now().toISOString())) continue;
        try {
          await this.pace(platform);
          const posted = await adapter.post(channel, alertReply(library, briefing), { idempotencyKey: `alert:${platform}:${channel}:${id}` });
          this.deps.store.setDelivery({ platform, channel, period, state: 'sent', messageId: posted.id, updatedAt: this.deps.now().toISOString() });
        } catch (err) {
          this.deps.store.setDelivery({ platform, channel, period, state: 'failed', error: (err as Error).message.slice(0, 300), updatedAt: this.deps.now().toISOString() });
          this.deps.logger.warn({ platform, channel, briefing: id, error: (err as Error).message }, 'alert not delivered');
        }
      }
    }
  }

  /**
   * The window starts at the previous digest the channel got (or skipped as empty), else at subscribing:
   * what a missed day would have said rolls into the next digest.
   */
  private since(sub: Subscription, period: string): Date {
    const last = this.deps.store.lastDelivery(sub.platform, sub.channel, ['sent', 'skipped']);
    if (last && last.period < period) return slotOn(last.period, sub.time, sub.zone);
    return new Date(sub.createdAt);
  }

  /** Strict throttling: never more than the rate in any one-second span, so the platform has no 429 to give. */
  private async pace(platform: Platform): Promise<void> {
    let wait = this.pacers.get(platform);
    if (!wait) {
      const perSecond = this.deps.postsPerSecond?.[platform] ?? POSTS_PER_SECOND[platform];
      // Strict: never more than the rate in any window. Fast rates per second (timers are too coarse to space
      // 45 posts evenly); slow or fractional rates one post per 1/rate seconds.
      const [limit, interval] = Number.isInteger(perSecond) && perSecond >= 10 ? [perSecond, 1000] : [1, 1000 / perSecond];
      wait = pThrottle({ limit, interval, strict: true })(async () => {});
      this.pacers.set(platform, wait);
    }
    await wait();
  }

  private plan(sub: Subscription): void {
    this.unplan(sub);
    if (sub.pausedReason || !this.adapters.has(sub.platform)) return;
    const task = this.schedule(cronExpression(sub.time), () => {
      try {
        const current = this.deps.store.subscription(sub.platform, sub.channel);
        if (current && !current.pausedReason) {
          this.deliver(current, lastSlot(current.time, current.zone, this.deps.now()).period).catch((err: unknown) =>
            this.deps.logger.error({ err, channel: sub.channel }, 'digest delivery failed; the next sweep retries'),
          );
        }
      } catch (err) {
        this.deps.logger.error({ err, channel: sub.channel }, 'digest store unavailable; the next sweep retries');
      }
    }, { timezone: sub.zone });
    this.tasks.set(keyOf(sub), task);
  }

  private unplan(sub: { platform: Platform; channel: string }): void {
    void this.tasks.get(keyOf(sub))?.stop();
    this.tasks.delete(keyOf(sub));
  }

  async handleCommand(command: DigestCommand, ctx: RequestContext, now: Date): Promise<Reply> {
    if (command.kind === 'alerts') {
      if (!ctx.canManageChannel) return refusal();
      if (ctx.platform === 'console') return note('Alerts', 'Alerts go to Slack and Discord channels.');
      this.deps.store.setAlerts(ctx.platform, ctx.channelId, command.on, ctx.userId, now.toISOString());
      return note('Alerts', command.on ? 'This channel gets a short post whenever a new briefing is published.' : 'Alerts on new briefings are off for this channel.');
    }
    const sub = this.deps.store.subscription(ctx.platform, ctx.channelId);
    if (ctx.platform === 'console' && (command.action === 'subscribe' || command.action === 'unsubscribe')) {
      return note('Digest', 'Daily digests go to Slack and Discord channels. Here, `/brief digest preview` shows today’s digest.');
    }
    switch (command.action) {
      case 'subscribe':
        return this.subscribe(command, ctx, now);
      case 'unsubscribe':
        if (!ctx.canManageChannel) return refusal();
        if (!this.deps.store.removeSubscription(ctx.platform, ctx.channelId)) return note('Digest', 'This channel has no daily digest to stop.');
        this.unplan({ platform: ctx.platform, channel: ctx.channelId });
        return note('Digest stopped', 'This channel will no longer get the daily digest.');
      case 'status':
        return sub ? this.status(sub, now) : note('Digest', 'This channel has no daily digest. Start one with `/brief digest subscribe 08:00 Europe/Berlin`.');
      case 'preview': {
        const zone = sub?.zone ?? 'UTC';
        const since = sub ? this.since(sub, dayIn(now, zone)) : new Date(now.getTime() - 86_400_000);
        return buildDigest(this.library?.() ?? this.noLibrary(), { since, now, zone, announceEmpty: true })!;
      }
    }
  }

  private noLibrary(): never {
    throw new Error('the digest service has not started');
  }

  private subscribe(command: Extract<DigestCommand, { kind: 'digest' }>, ctx: RequestContext, now: Date): Reply {
    if (!ctx.canManageChannel) return refusal();
    const time = normalizeTime(command.time ?? '08:00');
    if (!time) return note('Digest', `“${command.time}” is not a time of day; use HH:MM, e.g. 08:00.`, 'error');
    const zone = command.zone ?? 'UTC';
    if (!isValidZone(zone)) return note('Digest', `“${zone}” is not a time zone I know; use an IANA name such as Europe/Berlin or America/New_York.`, 'error');
    const sub: Subscription = {
      platform: ctx.platform,
      channel: ctx.channelId,
      workspace: ctx.workspaceId,
      time,
      zone,
      announceEmpty: command.announceEmpty ?? false,
      createdBy: ctx.userId,
      createdAt: now.toISOString(),
      failures: 0,
    };
    this.deps.store.upsertSubscription(sub);
    this.plan(sub);
    return {
      intent: 'digest',
      title: 'Daily digest on',
      blocks: [
        { type: 'text', text: `This channel gets the digest every day at ${time} (${zone}).${sub.announceEmpty ? ' Days without new coverage get a one-line note.' : ' Days without new coverage are skipped.'}` },
        { type: 'fields', fields: [{ label: 'Next digest', value: formatInstant(nextSlot(time, zone, now), zone) }] },
      ],
      citations: [],
    };
  }

  private status(sub: Subscription, now: Date): Reply {
    const last = this.deps.store.lastDelivery(sub.platform, sub.channel, ['sent']);
    const missed = this.deps.store.lastDelivery(sub.platform, sub.channel, ['missed']);
    const fields = [
      { label: 'Time', value: `${sub.time} every day` },
      { label: 'Time zone', value: sub.zone },
      { label: 'Last sent', value: last ? DateTime.fromISO(last.period).toFormat('d LLL yyyy') : 'not yet' },
      { label: 'Next due', value: sub.pausedReason ? 'paused' : formatInstant(nextSlot(sub.time, sub.zone, now), sub.zone) },
      { label: 'State', value: sub.pausedReason ? `paused — ${sub.pausedReason}. Subscribe again to resume.` : 'active' },
    ];
    if (missed && (!last || missed.period > last.period)) fields.push({ label: 'Missed', value: `${DateTime.fromISO(missed.period).toFormat('d LLL yyyy')} (the bot was down past that day)` });
    return { intent: 'digest', title: 'Daily digest', blocks: [{ type: 'fields', fields }], citations: [] };
  }
}

function alertReply(library: Library, b: Library['briefings'][number]): Reply {
  const cites = b.sources.map((id) => library.sourceById.get(id)).filter((s): s is NonNullable<typeof s> => Boolean(s));
  return {
    intent: 'latest',
    title: `New briefing: ${b.title}`,
    blocks: [{ type: 'list', items: [{ text: splitSentences(b.summary).slice(0, 2).join(' '), cites: cites.map((c) => c.id) }] }],
    citations: cites.map((s) => ({ id: s.id, outlet: s.outlet, author: s.author, title: s.title, date: s.published, kind: s.kind, ...(s.url ? { url: s.url } : {}) })),
    footer: 'More: `/brief latest`. Stop these: `/brief alerts off`.',
  };
}

function formatInstant(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('d LLL yyyy HH:mm ZZZZ');
}

function note(title: string, text: string, intent: Reply['intent'] = 'digest'): Reply {
  return { intent, title, blocks: [{ type: 'text', text }], citations: [] };
}

function refusal(): Reply {
  return note(
    'Not allowed',
    'Only people who can manage this channel can change its digest (Discord: Manage Channels or Manage Server; Slack: workspace admins and owners, or the users in SLACK_DIGEST_ADMINS).',
    'error',
  );
}
