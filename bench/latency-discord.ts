// B1 (Discord): INTERACTION_CREATE from the fake gateway until the callback reaches the fake REST, ours vs a bare discord.js bot.
import { Writable } from 'node:stream';
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { createDiscordAdapter } from '../src/adapters/discord/index.ts';
import type { ChatAdapter } from '../src/adapters/types.ts';
import { autocomplete } from '../src/app/autocomplete.ts';
import { createHandler } from '../src/app/handler.ts';
import { loadLibrary } from '../src/library-loader.ts';
import { createLogger } from '../src/log.ts';
import { briefInteraction, STRING, SUB } from '../test/fakes/discord/payloads.ts';
import { FakeDiscord } from '../test/fakes/discord/server.ts';
import { percentile } from './report.ts';

const silent = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));

export type LatencyRun = { p50: number; p99: number; n: number };

/** Sends `n` interactions at `perSecond` and times each until its callback arrives. */
async function drive(fake: FakeDiscord, n: number, perSecond: number, options: () => Parameters<typeof briefInteraction>[0]): Promise<LatencyRun> {
  const times: number[] = [];
  const sent = new Map<string, number>();
  const done = new Promise<void>((resolve) => {
    fake.rest.on('request', (r: { path: string }) => {
      const m = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(r.path);
      const t0 = m && sent.get(m[1]!);
      if (t0 === undefined || t0 === null) return;
      times.push(performance.now() - t0);
      if (times.length === n) resolve();
    });
  });
  for (let i = 0; i < n; i++) {
    const payload = briefInteraction(options());
    sent.set(payload.id, performance.now());
    fake.gateway.dispatch('INTERACTION_CREATE', payload);
    await new Promise((r) => setTimeout(r, 1000 / perSecond));
  }
  await done;
  fake.rest.requests.length = 0;
  return { p50: percentile(times, 50), p99: percentile(times, 99), n };
}

const LOOKUPS = [
  () => [{ type: SUB, name: 'actor', options: [{ type: STRING, name: 'name', value: 'putin' }] }],
  () => [{ type: SUB, name: 'search', options: [{ type: STRING, name: 'query', value: 'sanctions' }] }],
];

export async function discordLatency(n: number, perSecond: number): Promise<{ ours: LatencyRun; bare: LatencyRun }> {
  const { library } = await loadLibrary('briefings');
  let i = 0;
  const options = () => LOOKUPS[i++ % LOOKUPS.length]!();

  const fake = await new FakeDiscord().start();
  const adapter: ChatAdapter = createDiscordAdapter(
    { token: fake.rest.validToken, apiUrl: fake.apiUrl },
    { logger: silent, autocomplete: (f, t) => autocomplete(library!, f, t) },
  );
  // High limits: the benchmark measures latency, not the abuse limits.
  await adapter.start(createHandler({ library: () => library!, now: () => new Date(), logger: silent, limits: { perUserPerMinute: 1e9, perChannelPerMinute: 1e9 } }));
  await drive(fake, 50, perSecond, options);
  const ours = await drive(fake, n, perSecond, options);
  await adapter.stop();
  await fake.stop();

  const bareFake = await new FakeDiscord().start();
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: bareFake.apiUrl } });
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void interaction.reply('ok');
  });
  await client.login(bareFake.rest.validToken);
  await drive(bareFake, 50, perSecond, options);
  const bare = await drive(bareFake, n, perSecond, options);
  await client.destroy();
  await bareFake.stop();
  return { ours, bare };
}
