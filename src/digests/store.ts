// Durable digest state behind one interface; the SQLite implementation (better-sqlite3) applies plain-SQL migrations on open.
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Platform } from '../adapters/types.ts';

export type Subscription = {
  platform: Platform;
  channel: string;
  workspace?: string;
  time: string;
  zone: string;
  announceEmpty: boolean;
  createdBy: string;
  createdAt: string;
  failures: number;
  pausedReason?: string;
};

export type DeliveryState = 'claimed' | 'sent' | 'skipped' | 'failed' | 'missed';
export type Delivery = { platform: Platform; channel: string; period: string; state: DeliveryState; messageId?: string; error?: string; updatedAt: string };

/** What the digest service needs from storage; a Postgres implementation can follow for several replicas. */
export interface DigestStore {
  subscriptions(): Subscription[];
  subscription(platform: Platform, channel: string): Subscription | undefined;
  upsertSubscription(sub: Subscription): void;
  removeSubscription(platform: Platform, channel: string): boolean;
  setFailures(platform: Platform, channel: string, failures: number, pausedReason?: string): void;
  /** Claims the period for posting; false when a row already exists (claimed, sent, skipped, …). */
  claim(platform: Platform, channel: string, period: string, at: string): boolean;
  delivery(platform: Platform, channel: string, period: string): Delivery | undefined;
  setDelivery(d: Delivery): void;
  /** The newest digest delivery in one of `states`, for "last sent" and "since". */
  lastDelivery(platform: Platform, channel: string, states: DeliveryState[]): Delivery | undefined;
  setAlerts(platform: Platform, channel: string, on: boolean, by: string, at: string): void;
  alertChannels(): { platform: Platform; channel: string }[];
  close(): void;
}

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

type SubRow = { platform: Platform; channel: string; workspace: string | null; time: string; zone: string; announce_empty: number; created_by: string; created_at: string; failures: number; paused_reason: string | null };
type DeliveryRow = { platform: Platform; channel: string; period: string; state: DeliveryState; message_id: string | null; error: string | null; updated_at: string };

const toSub = (r: SubRow): Subscription => ({
  platform: r.platform,
  channel: r.channel,
  workspace: r.workspace ?? undefined,
  time: r.time,
  zone: r.zone,
  announceEmpty: r.announce_empty === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
  failures: r.failures,
  pausedReason: r.paused_reason ?? undefined,
});
const toDelivery = (r: DeliveryRow): Delivery => ({
  platform: r.platform,
  channel: r.channel,
  period: r.period,
  state: r.state,
  messageId: r.message_id ?? undefined,
  error: r.error ?? undefined,
  updatedAt: r.updated_at,
});

export class SqliteDigestStore implements DigestStore {
  private readonly db: Database.Database;

  /** `file` ":memory:" for tests; otherwise the folder is created. A locked database is waited for `busyTimeoutMs`. */
  constructor(file: string, opts: { busyTimeoutMs?: number } = {}) {
    if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file, { timeout: opts.busyTimeoutMs ?? 5_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.migrate();
  }

  static inDataDir(dataDir: string): SqliteDigestStore {
    return new SqliteDigestStore(path.join(dataDir, 'briefbot.db'));
  }

  /** Applies migrations/NNN_*.sql above PRAGMA user_version, each in its own transaction. */
  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    for (const file of readdirSync(MIGRATIONS).filter((f) => /^\d+_.*\.sql$/.test(f)).sort()) {
      const version = Number(file.split('_')[0]);
      if (version <= current) continue;
      const sql = readFileSync(path.join(MIGRATIONS, file), 'utf8');
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.pragma(`user_version = ${version}`);
      })();
    }
  }

  subscriptions(): Subscription[] {
    return (this.db.prepare('SELECT * FROM subscriptions ORDER BY platform, channel').all() as SubRow[]).map(toSub);
  }

  subscription(platform: Platform, channel: string): Subscription | undefined {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE platform = ? AND channel = ?').get(platform, channel) as SubRow | undefined;
    return row && toSub(row);
  }

  upsertSubscription(s: Subscription): void {
    this.db
      .prepare(
        `INSERT INTO subscriptions (platform, channel, workspace, time, zone, announce_empty, created_by, created_at, failures, paused_reason)
         VALUES (@platform, @channel, @workspace, @time, @zone, @announceEmpty, @createdBy, @createdAt, @failures, @pausedReason)
         ON CONFLICT (platform, channel) DO UPDATE SET workspace = excluded.workspace, time = excluded.time, zone = excluded.zone,
           announce_empty = excluded.announce_empty, failures = excluded.failures, paused_reason = excluded.paused_reason`,
      )
      .run({ ...s, workspace: s.workspace ?? null, announceEmpty: s.announceEmpty ? 1 : 0, pausedReason: s.pausedReason ?? null });
  }

  removeSubscription(platform: Platform, channel: string): boolean {
    return this.db.prepare('DELETE FROM subscriptions WHERE platform = ? AND channel = ?').run(platform, channel).changes > 0;
  }

  setFailures(platform: Platform, channel: string, failures: number, pausedReason?: string): void {
    this.db.prepare('UPDATE subscriptions SET failures = ?, paused_reason = ? WHERE platform = ? AND channel = ?').run(failures, pausedReason ?? null, platform, channel);
  }

  claim(platform: Platform, channel: string, period: string, at: string): boolean {
    const r = this.db
      .prepare(`INSERT INTO deliveries (platform, channel, period, state, updated_at) VALUES (?, ?, ?, 'claimed', ?) ON CONFLICT DO NOTHING`)
      .run(platform, channel, period, at);
    return r.changes === 1;
  }

  delivery(platform: Platform, channel: string, period: string): Delivery | undefined {
    const row = this.db.prepare('SELECT * FROM deliveries WHERE platform = ? AND channel = ? AND period = ?').get(platform, channel, period) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  setDelivery(d: Delivery): void {
    this.db
      .prepare(
        `INSERT INTO deliveries (platform, channel, period, state, message_id, error, updated_at) VALUES (@platform, @channel, @period, @state, @messageId, @error, @updatedAt)
         ON CONFLICT (platform, channel, period) DO UPDATE SET state = excluded.state, message_id = excluded.message_id, error = excluded.error, updated_at = excluded.updated_at`,
      )
      .run({ ...d, messageId: d.messageId ?? null, error: d.error ?? null });
  }

  lastDelivery(platform: Platform, channel: string, states: DeliveryState[]): Delivery | undefined {
    const row = this.db
      // Digest days only (YYYY-MM-DD), not the alerts that share the ledger ('briefing:<id>').
      .prepare(`SELECT * FROM deliveries WHERE platform = ? AND channel = ? AND period GLOB '[0-9][0-9][0-9][0-9]-*' AND state IN (${states.map(() => '?').join(',')}) ORDER BY period DESC LIMIT 1`)
      .get(platform, channel, ...states) as DeliveryRow | undefined;
    return row && toDelivery(row);
  }

  setAlerts(platform: Platform, channel: string, on: boolean, by: string, at: string): void {
    if (on) this.db.prepare('INSERT INTO alert_channels (platform, channel, created_by, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING').run(platform, channel, by, at);
    else this.db.prepare('DELETE FROM alert_channels WHERE platform = ? AND channel = ?').run(platform, channel);
  }

  alertChannels(): { platform: Platform; channel: string }[] {
    return this.db.prepare('SELECT platform, channel FROM alert_channels ORDER BY platform, channel').all() as { platform: Platform; channel: string }[];
  }

  close(): void {
    this.db.close();
  }
}
