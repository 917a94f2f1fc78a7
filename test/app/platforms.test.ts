// `briefbot start` wiring: platform adapters come up beside each other, and one failing never stops the rest.
import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { platformFactories } from '../../src/app/platforms.ts';
import type { Config } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { startBot, type Running } from '../../src/main.ts';
import { briefInteraction, STRING, SUB } from '../fakes/discord/payloads.ts';
import { FakeDiscord } from '../fakes/discord/server.ts';
import { FakeSlack, sign, slashCommand } from '../fakes/slack/api.ts';
import { tempDir } from '../helpers/tmp.ts';
import { freePort } from '../helpers/net.ts';

const logs: string[] = [];
const logger = createLogger('info', new Writable({ write: (c, _e, cb) => (logs.push(String(c)), cb()) }));
const base: Config = { briefingsDir: 'briefings', dataDir: tempDir('data-'), logLevel: 'info', port: 0 };
let running: Running | undefined;
let fake: FakeDiscord | undefined;
let slack: FakeSlack | undefined;

afterEach(async () => {
  await running?.stop();
  await fake?.stop();
  await slack?.stop();
  running = fake = slack = undefined;
  logs.length = 0;
});


const start = (config: Config) =>
  startBot({ config, logger, input: new PassThrough(), output: new PassThrough(), interactive: false, platforms: platformFactories });

async function health(r: Running) {
  return (await fetch(`http://127.0.0.1:${r.opsPort}/healthz`)).json() as Promise<{ adapters: Record<string, { state: string; detail?: string }> }>;
}

describe('briefbot start with platforms', () => {
  it('starts Discord when its token is set and answers /brief through the app handler', async () => {
    fake = await new FakeDiscord().start();
    running = await start({ ...base, discord: { token: fake.rest.validToken, apiUrl: fake.apiUrl } });
    expect((await health(running)).adapters.discord).toEqual({ state: 'connected' });
    const interaction = briefInteraction([{ type: SUB, name: 'actor', options: [{ type: STRING, name: 'name', value: 'lavrov' }] }]);
    fake.gateway.dispatch('INTERACTION_CREATE', interaction);
    const callback = await fake.rest.waitFor((r) => r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(JSON.stringify(callback.body)).toContain('Sergei Lavrov');
    expect(await (await fetch(`http://127.0.0.1:${running.opsPort}/metrics`)).text()).toMatch(/briefbot_commands_total\{platform="discord",intent="actor"\} 1/);
  });

  it('keeps serving when Discord fails to start, and says why in health and the log', async () => {
    fake = await new FakeDiscord().start();
    running = await start({ ...base, discord: { token: 'wrong-token', apiUrl: fake.apiUrl } });
    const state = (await health(running)).adapters.discord!;
    expect(state.state).toBe('failed');
    expect(state.detail).toBeTruthy();
    expect(logs.join('')).toContain('adapter failed to start; the others keep running');
    expect(logs.join('')).not.toContain('wrong-token');
  });

  it('runs Slack and Discord side by side; Slack serves /slack/events, /healthz and /metrics on PORT', async () => {
    fake = await new FakeDiscord().start();
    slack = await new FakeSlack().start();
    const port = await freePort();
    running = await start({
      ...base,
      port,
      discord: { token: fake.rest.validToken, apiUrl: fake.apiUrl },
      slack: { botToken: 'xoxb-wired', signingSecret: 'wired-secret', apiUrl: `${slack.url}/api/`, digestAdmins: [] },
    });
    expect(running.opsPort).toBe(port);
    expect((await health(running)).adapters).toEqual({ slack: { state: 'connected' }, discord: { state: 'connected' } });
    const body = slashCommand('who is Ryabkov', { responseUrl: `${slack.url}/respond/1` });
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body, 'wired-secret') }, body });
    expect(JSON.stringify(await res.json())).toContain('Sergei Ryabkov');
  });

  it('keeps Discord serving when Slack cannot start (a revoked token), with health on our own server', async () => {
    fake = await new FakeDiscord().start();
    slack = await new FakeSlack().start();
    slack.failNext('auth.test', 200, { ok: false, error: 'invalid_auth' });
    running = await start({
      ...base,
      port: 0,
      discord: { token: fake.rest.validToken, apiUrl: fake.apiUrl },
      slack: { botToken: 'xoxb-revoked-9z', signingSecret: 's', apiUrl: `${slack.url}/api/`, digestAdmins: [] },
    });
    const h = await health(running);
    expect(h.adapters.slack).toMatchObject({ state: 'failed', detail: expect.stringContaining('invalid_auth') });
    expect(h.adapters.discord).toEqual({ state: 'connected' });
    expect(logs.join('')).not.toContain('xoxb-revoked-9z');
  });
});
