import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../src/app/handler.ts';
import type { RequestContext } from '../../src/adapters/types.ts';
import type { Library } from '../../src/core/library.ts';
import { createLogger } from '../../src/log.ts';
import { createMetrics } from '../../src/ops/metrics.ts';
import { shippedLibrary } from '../helpers/library.ts';

let lib: Library;
beforeAll(async () => {
  lib = await shippedLibrary();
});

const ctx = (userId = 'U1', channelId = 'C1'): RequestContext => ({ platform: 'slack', channelId, userId, canManageChannel: false });
const quiet = () => createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

describe('the command handler', () => {
  it('answers lookups as of today and counts them by platform and intent', async () => {
    const metrics = createMetrics('test');
    const handle = createHandler({ library: () => lib, now: () => new Date('2022-02-14T12:00:00Z'), logger: quiet(), metrics });
    const reply = await handle({ kind: 'timeline' }, ctx());
    expect(reply.intent).toBe('timeline');
    expect(JSON.stringify(reply)).toContain('(scheduled)');
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/briefbot_commands_total\{platform="slack",intent="timeline"\} 1/);
    expect(text).toMatch(/briefbot_command_seconds_count\{platform="slack"\} 1/);
  });

  it('refuses politely past the per-user limit, without blocking other users', async () => {
    const handle = createHandler({ library: () => lib, now: () => new Date(), logger: quiet(), limits: { perUserPerMinute: 3, perChannelPerMinute: 100 } });
    for (let i = 0; i < 3; i++) expect((await handle({ kind: 'help' }, ctx('U1'))).intent).toBe('help');
    const refused = await handle({ kind: 'help' }, ctx('U1'));
    expect(refused.intent).toBe('error');
    expect(JSON.stringify(refused.blocks)).toMatch(/try again in \d+ s/);
    expect((await handle({ kind: 'help' }, ctx('U2'))).intent).toBe('help');
  });

  it('limits a whole channel too', async () => {
    const handle = createHandler({ library: () => lib, now: () => new Date(), logger: quiet(), limits: { perUserPerMinute: 100, perChannelPerMinute: 2 } });
    await handle({ kind: 'help' }, ctx('U1', 'C9'));
    await handle({ kind: 'help' }, ctx('U2', 'C9'));
    expect(JSON.stringify(await handle({ kind: 'help' }, ctx('U3', 'C9')))).toContain('for this channel');
  });

  it('routes digest and alerts commands to the digest service', async () => {
    const seen: string[] = [];
    const handle = createHandler({
      library: () => lib,
      now: () => new Date('2022-02-15T07:00:00Z'),
      logger: quiet(),
      digests: { handleCommand: async (c, _ctx, now) => (seen.push(`${c.kind}@${now.toISOString()}`), { intent: 'digest', title: 'ok', blocks: [], citations: [] }) },
    });
    await handle({ kind: 'digest', action: 'status' }, ctx());
    await handle({ kind: 'alerts', on: true }, ctx());
    expect(seen).toEqual(['digest@2022-02-15T07:00:00.000Z', 'alerts@2022-02-15T07:00:00.000Z']);
  });

  it('turns an internal failure into a short apology and logs it', async () => {
    const lines: string[] = [];
    const logger = createLogger('error', new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    const handle = createHandler({ library: () => { throw new Error('disk on fire'); }, now: () => new Date(), logger });
    const reply = await handle({ kind: 'latest' }, ctx());
    expect(reply.intent).toBe('error');
    expect(JSON.stringify(reply)).not.toContain('disk on fire');
    expect(lines.join('')).toContain('disk on fire');
  });
});

describe('draining for shutdown', () => {
  it('finishes the answers in flight and refuses new work', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const handle = createHandler({
      library: () => lib,
      now: () => new Date(),
      logger: quiet(),
      digests: { handleCommand: async () => (await gate, { intent: 'digest', title: 'slow', blocks: [], citations: [] }) },
    });
    const slow = handle({ kind: 'digest', action: 'preview' }, ctx());
    const drained = handle.drain(5_000);
    expect((await handle({ kind: 'help' }, ctx('U2'))).title).not.toContain('briefbot: curated');
    release();
    expect((await slow).title).toBe('slow');
    expect(await drained).toBe(true);
  });

  it('gives up waiting after the timeout', async () => {
    const handle = createHandler({
      library: () => lib,
      now: () => new Date(),
      logger: quiet(),
      digests: { handleCommand: () => new Promise(() => {}) },
    });
    void handle({ kind: 'digest', action: 'preview' }, ctx());
    expect(await handle.drain(20)).toBe(false);
  });
});
