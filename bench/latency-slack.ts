// B1 (Slack): correctly signed /brief requests from autocannon to the real Bolt HTTP receiver, ours vs the bare framework.
import autocannon from 'autocannon';
import { FakeSlack, sign, slashCommand } from '../test/fakes/slack/api.ts';
import { freePort } from '../test/helpers/net.ts';
import { SIGNING_SECRET, startBot, type Variant } from './bot-process.ts';
import type { LatencyRun } from './latency-discord.ts';

async function load(port: number, responseUrl: string, seconds: number, perSecond: number): Promise<LatencyRun> {
  // Signed now: valid for Bolt's 5-minute window, longer than a run.
  const requests = ['actor putin', 'search sanctions'].map((text) => {
    const body = slashCommand(text, { responseUrl });
    return { method: 'POST' as const, path: '/slack/events', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body, SIGNING_SECRET) } };
  });
  const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections: 10, overallRate: perSecond, duration: seconds, requests });
  if (result.non2xx) throw new Error(`${result.non2xx} requests were not answered 2xx`);
  return { p50: result.latency.p50, p99: result.latency.p99, n: result.requests.total };
}

/** Each variant in a fresh process on its own port, warmed up for 2 s, then timed. */
export async function slackLatency(seconds: number, perSecond: number, variants: Variant[]): Promise<Record<Variant, LatencyRun>> {
  const fake = await new FakeSlack().start();
  const responseUrl = `${fake.url}/respond/bench`;
  const runs: Partial<Record<Variant, LatencyRun>> = {};
  for (const variant of variants) {
    const port = await freePort();
    const bot = await startBot('slack', variant, `${fake.url}/api/`, String(port));
    await load(port, responseUrl, 2, perSecond);
    runs[variant] = await load(port, responseUrl, seconds, perSecond);
    await bot.stop();
  }
  await fake.stop();
  return runs as Record<Variant, LatencyRun>;
}
