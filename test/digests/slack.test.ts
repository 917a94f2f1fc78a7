// Digests through the real Slack adapter: posted with metadata, found again after a crash, never posted twice.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../src/adapters/slack/index.ts';
import type { ChatAdapter } from '../../src/adapters/types.ts';
import type { Library } from '../../src/core/library.ts';
import { DigestService } from '../../src/digests/service.ts';
import { SqliteDigestStore } from '../../src/digests/store.ts';
import { createLogger } from '../../src/log.ts';
import { FakeSlack } from '../fakes/slack/api.ts';
import { shippedLibrary } from '../helpers/library.ts';

const quiet = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));
let fake: FakeSlack;
let slack: ChatAdapter;
let lib: Library;

beforeAll(async () => {
  lib = await shippedLibrary();
  fake = await new FakeSlack().start();
  slack = createSlackAdapter({ botToken: 'xoxb-d', appToken: 'xapp-d', apiUrl: `${fake.url}/api/`, digestAdmins: [] }, { logger: quiet, port: 0 });
  await slack.start(async () => ({ intent: 'help', title: '', blocks: [], citations: [] }));
});

afterAll(async () => {
  await slack?.stop();
  await fake?.stop();
});

function service(store: SqliteDigestStore, now: string) {
  return new DigestService({ store, logger: quiet, now: () => new Date(now), schedule: () => ({ stop() {} }), postsPerSecond: { slack: 100 } });
}

describe('digests on Slack', () => {
  it('posts the digest with its key in message metadata, once', async () => {
    const store = new SqliteDigestStore(':memory:');
    store.upsertSubscription({ platform: 'slack', channel: 'CDESK', time: '08:00', zone: 'Europe/Berlin', announceEmpty: false, createdBy: 'U1', createdAt: '2022-02-01T00:00:00Z', failures: 0 });
    await service(store, '2022-02-15T07:30:00Z').start([slack], () => lib);
    await service(store, '2022-02-15T09:00:00Z').start([slack], () => lib);
    const posts = fake.messages.filter((m) => m.channel === 'CDESK');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.metadata).toEqual({ event_type: 'briefbot_post', event_payload: { key: 'digest:slack:CDESK:2022-02-15' } });
    expect(JSON.stringify(posts[0]!.args.blocks)).toContain('Daily briefing — 15 Feb 2022');
  });

  it('after a crash between post and ledger, finds the message in the channel history instead of posting again', async () => {
    const store = new SqliteDigestStore(':memory:');
    store.upsertSubscription({ platform: 'slack', channel: 'CCRASH', time: '08:00', zone: 'UTC', announceEmpty: false, createdBy: 'U1', createdAt: '2022-02-01T00:00:00Z', failures: 0 });
    await service(store, '2022-02-14T08:05:00Z').start([slack], () => lib);
    store.setDelivery({ platform: 'slack', channel: 'CCRASH', period: '2022-02-14', state: 'claimed', updatedAt: 'x' });
    await service(store, '2022-02-14T08:10:00Z').start([slack], () => lib);
    expect(fake.messages.filter((m) => m.channel === 'CCRASH')).toHaveLength(1);
    expect(store.delivery('slack', 'CCRASH', '2022-02-14')).toMatchObject({ state: 'sent', messageId: fake.messages.find((m) => m.channel === 'CCRASH')!.ts });
  });
});
