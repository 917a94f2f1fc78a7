// B1 (Slack): correctly signed /brief requests to the real Bolt HTTP receiver, ours vs the bare framework,
// evenly paced (one request every 1/rate s) and in autocannon's per-second bursts.
import http from 'node:http';
import autocannon from 'autocannon';
import { FakeSlack, sign, slashCommand } from '../test/fakes/slack/api.ts';
import { freePort } from '../test/helpers/net.ts';
import { SIGNING_SECRET, startBot, type Variant } from './bot-process.ts';
import type { LatencyRun } from './latency-discord.ts';
import { percentile } from './report.ts';

/** As many keep-alive connections as autocannon is given. */
const CONNECTIONS = 10;

type SignedRequest = { body: string; headers: Record<string, string> };

function requests(responseUrl: string): SignedRequest[] {
  // Signed now: valid for Bolt's 5-minute window, longer than a run.
  return ['actor putin', 'search sanctions'].map((text) => {
    const body = slashCommand(text, { responseUrl });
    return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body, SIGNING_SECRET) } };
  });
}

/**
 * Open loop at a fixed rate: request i leaves at start + i/rate whatever the answers before it did, and is timed
 * (hrtime, sub-millisecond) until its response has been read.
 */
async function paced(port: number, reqs: SignedRequest[], seconds: number, perSecond: number): Promise<LatencyRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const send = (r: SignedRequest) =>
    new Promise<number>((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const req = http.request({ host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent, headers: r.headers }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`answered ${res.statusCode}`));
        res.resume();
        res.on('end', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
      });
      req.on('error', reject);
      req.end(r.body);
    });
  const n = Math.round(seconds * perSecond);
  const start = performance.now();
  const pending: Promise<number>[] = [];
  for (let i = 0; i < n; i++) {
    const wait = start + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(reqs[i % reqs.length]!));
  }
  const times = await Promise.all(pending);
  agent.destroy();
  return { p50: percentile(times, 50), p99: percentile(times, 99), n };
}

/**
 * autocannon's `overallRate` is a budget per second: each connection sends its share back to back when the second
 * starts, so 100/s arrives as a burst of 100 and p99 is the time to drain it. Its coordinated-omission correction
 * assumes a 1 ms interval between requests (it takes 1/rate for milliseconds) and adds made-up samples to any answer
 * slower than that; it is turned off. Whole milliseconds.
 */
async function bursts(port: number, reqs: SignedRequest[], seconds: number, perSecond: number): Promise<LatencyRun> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    overallRate: perSecond,
    duration: seconds,
    ignoreCoordinatedOmission: true,
    requests: reqs.map((r) => ({ method: 'POST' as const, path: '/slack/events', ...r })),
  });
  if (result.non2xx) throw new Error(`${result.non2xx} requests were not answered 2xx`);
  return { p50: result.latency.p50, p99: result.latency.p99, n: result.requests.total };
}

export type SlackRuns = { paced: Record<Variant, LatencyRun>; bursts: Record<Variant, LatencyRun> };

/** Each variant in a fresh process on its own port, warmed up for 2 s, then timed evenly paced and in bursts. */
export async function slackLatency(seconds: number, perSecond: number, variants: Variant[]): Promise<SlackRuns> {
  const fake = await new FakeSlack().start();
  const reqs = requests(`${fake.url}/respond/bench`);
  const runs: SlackRuns = { paced: {} as SlackRuns['paced'], bursts: {} as SlackRuns['bursts'] };
  for (const variant of variants) {
    const port = await freePort();
    const bot = await startBot('slack', variant, `${fake.url}/api/`, String(port));
    await paced(port, reqs, 2, perSecond);
    runs.paced[variant] = await paced(port, reqs, seconds, perSecond);
    runs.bursts[variant] = await bursts(port, reqs, seconds, perSecond);
    await bot.stop();
  }
  await fake.stop();
  return runs;
}
