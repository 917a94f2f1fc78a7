// Faults around digests: a database locked by another process, a platform answering 500 — nothing lost, nothing twice.
import path from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/core/library.ts';
import { DigestService } from '../../src/digests/service.ts';
import { SqliteDigestStore } from '../../src/digests/store.ts';
import { createLogger } from '../../src/log.ts';
import { FakeChatAdapter } from '../fakes/chat/adapter.ts';
import { shippedLibrary } from '../helpers/library.ts';
import { tempDir } from '../helpers/tmp.ts';

let lib: Library;
beforeAll(async () => {
  lib = await shippedLibrary();
});

describe('digest faults', () => {
  it('a database locked by another process delays the digest, logs why, and it is delivered once when the lock goes', async () => {
    const file = path.join(tempDir('locked-'), 'briefbot.db');
    const store = new SqliteDigestStore(file, { busyTimeoutMs: 50 });
    store.upsertSubscription({ platform: 'discord', channel: 'C1', time: '08:00', zone: 'UTC', announceEmpty: false, createdBy: 'U', createdAt: '2022-02-01T00:00:00Z', failures: 0 });
    const other = new Database(file, { timeout: 50 });
    other.exec('BEGIN EXCLUSIVE');
    const lines: string[] = [];
    const adapter = new FakeChatAdapter('discord');
    const service = new DigestService({
      store,
      logger: createLogger('info', new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) })),
      now: () => new Date('2022-02-15T09:00:00Z'),
      schedule: () => ({ stop() {} }),
    });
    await service.start([adapter], () => lib);
    expect(adapter.posts).toHaveLength(0);
    expect(lines.join('')).toMatch(/the next sweep retries/);
    other.exec('ROLLBACK');
    other.close();
    await service.catchUp();
    await service.catchUp();
    expect(adapter.postsTo('C1')).toHaveLength(1);
    expect(store.delivery('discord', 'C1', '2022-02-15')?.state).toBe('sent');
    await service.stop();
    store.close();
  });

  it('a failed post is retried on the next sweep the same day, and counted', async () => {
    const store = new SqliteDigestStore(':memory:');
    store.upsertSubscription({ platform: 'discord', channel: 'C1', time: '08:00', zone: 'UTC', announceEmpty: false, createdBy: 'U', createdAt: '2022-02-01T00:00:00Z', failures: 0 });
    const adapter = new FakeChatAdapter('discord');
    adapter.failing.set('C1', '500 Internal Server Error');
    const service = new DigestService({ store, logger: createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() })), now: () => new Date('2022-02-15T09:00:00Z'), schedule: () => ({ stop() {} }) });
    await service.start([adapter], () => lib);
    expect(store.delivery('discord', 'C1', '2022-02-15')?.state).toBe('failed');
    adapter.failing.delete('C1');
    await service.catchUp();
    expect(adapter.postsTo('C1')).toHaveLength(1);
    expect(store.subscription('discord', 'C1')?.failures).toBe(0);
    await service.stop();
  });
});
