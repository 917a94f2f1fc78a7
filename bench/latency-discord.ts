// B1 (Discord): INTERACTION_CREATE from the fake gateway until the callback reaches the fake REST, ours vs the bare framework in turns.
import { briefInteraction, STRING, SUB } from '../test/fakes/discord/payloads.ts';
import { FakeDiscord } from '../test/fakes/discord/server.ts';
import { startBot, type Variant } from './bot-process.ts';
import { inTurns, type LatencyRun } from './interleave.ts';

/** Sends `n` interactions at `perSecond` and times each until its callback arrives. */
async function drive(fake: FakeDiscord, n: number, perSecond: number, options: () => Parameters<typeof briefInteraction>[0]): Promise<number[]> {
  const times: number[] = [];
  const sent = new Map<string, number>();
  const done = new Promise<void>((resolve) => {
    const onRequest = (r: { path: string }) => {
      const m = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(r.path);
      const t0 = m && sent.get(m[1]!);
      if (t0 === undefined || t0 === null) return;
      times.push(performance.now() - t0);
      if (times.length === n) {
        fake.rest.off('request', onRequest);
        resolve();
      }
    };
    fake.rest.on('request', onRequest);
  });
  for (let i = 0; i < n; i++) {
    const payload = briefInteraction(options());
    sent.set(payload.id, performance.now());
    fake.gateway.dispatch('INTERACTION_CREATE', payload);
    await new Promise((r) => setTimeout(r, 1000 / perSecond));
  }
  await done;
  fake.rest.requests.length = 0;
  return times;
}

const LOOKUPS = [
  () => [{ type: SUB, name: 'actor', options: [{ type: STRING, name: 'name', value: 'putin' }] }],
  () => [{ type: SUB, name: 'search', options: [{ type: STRING, name: 'query', value: 'sanctions' }] }],
];

/**
 * Every variant in its own process against its own fake Discord, warmed up with 50 interactions; then `n`
 * interactions each, one second's worth at a time in turns.
 */
export async function discordLatency(n: number, perSecond: number, variants: Variant[]): Promise<Record<Variant, LatencyRun>> {
  let i = 0;
  const options = () => LOOKUPS[i++ % LOOKUPS.length]!();
  const fakes = new Map<Variant, FakeDiscord>();
  const bots: { stop(): Promise<void> }[] = [];
  try {
    for (const variant of variants) {
      const fake = await new FakeDiscord().start();
      fakes.set(variant, fake);
      bots.push(await startBot('discord', variant, fake.apiUrl, fake.rest.validToken));
      await drive(fake, 50, perSecond, options);
    }
    return await inTurns(variants, Math.ceil(n / perSecond), (v) => drive(fakes.get(v)!, perSecond, perSecond, options));
  } finally {
    for (const bot of bots) await bot.stop();
    for (const fake of fakes.values()) await fake.stop();
  }
}
