// B1 (Slack): correctly signed /brief requests to the real Bolt HTTP receiver, ours vs the bare framework in turns,
// evenly paced (one request every 1/rate s) and in autocannon's per-second bursts.
import http from 'node:http';
import autocannon from 'autocannon';
import { FakeSlack, sign, slashCommand } from '../test/fakes/slack/api.ts';
import { freePort } from '../test/helpers/net.ts';
import { SIGNING_SECRET, startBot, type BotProcess, type Variant } from './bot-process.ts';
import { inTurns, summarize, type LatencyRun } from './interleave.ts';

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
 * Open loop at a fixed rate for one second: request i leaves at start + i/rate whatever the answers before it did,
 * and is timed (hrtime, sub-millisecond) until its response has been read. The agent keeps its connections between calls.
 */
async function pacedSecond(agent: http.Agent, port: number, reqs: SignedRequest[], perSecond: number): Promise<number[]> {
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
  const start = performance.now();
  const pending: Promise<number>[] = [];
  for (let i = 0; i < perSecond; i++) {
    const wait = start + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(send(reqs[i % reqs.length]!));
  }
  return Promise.all(pending);
}

/**
 * autocannon's `overallRate` is a budget per second: each connection sends its share back to back when the second
 * starts, so 100/s arrives as a burst of 100 and p99 is the time to drain it. Its coordinated-omission correction
 * assumes a 1 ms interval between requests (it takes 1/rate for milliseconds) and adds made-up samples to any answer
 * slower than that; it is turned off. One call for all `seconds`: a call opens its connections afresh.
 */
async function bursts(port: number, reqs: SignedRequest[], seconds: number, perSecond: number): Promise<LatencyRun> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        overallRate: perSecond,
        duration: seconds,
        ignoreCoordinatedOmission: true,
        requests: reqs.map((r) => ({ method: 'POST' as const, path: '/slack/events', ...r })),
      },
      (err, res) => (err ? reject(err as Error) : resolve(res)),
    );
    // Each response's own time (fractional ms): the result's histogram is in whole milliseconds.
    run.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => void (status === 200 && times.push(ms)));
  });
  if (result.non2xx) throw new Error(`${result.non2xx} requests were not answered 2xx`);
  return summarize(times);
}

export type SlackRuns = { paced: Record<Variant, LatencyRun>; bursts: Record<Variant, LatencyRun> };

/**
 * Every variant in its own process on its own port, warmed up for 2 s; then timed evenly paced, one second each in
 * turns for `seconds` rounds, and then in bursts, `seconds` for each variant in a row (autocannon cannot pause).
 */
export async function slackLatency(seconds: number, perSecond: number, variants: Variant[]): Promise<SlackRuns> {
  const fake = await new FakeSlack().start();
  const reqs = requests(`${fake.url}/respond/bench`);
  const bots = new Map<Variant, { port: number; agent: http.Agent; bot: BotProcess }>();
  try {
    for (const variant of variants) {
      const port = await freePort();
      const bot = await startBot('slack', variant, `${fake.url}/api/`, String(port));
      bots.set(variant, { port, agent: new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS }), bot });
    }
    const paced = (v: Variant) => pacedSecond(bots.get(v)!.agent, bots.get(v)!.port, reqs, perSecond);
    for (const variant of variants) for (let s = 0; s < 2; s++) await paced(variant);
    const runs: SlackRuns = { paced: await inTurns(variants, seconds, paced), bursts: {} as SlackRuns['bursts'] };
    for (const variant of variants) runs.bursts[variant] = await bursts(bots.get(variant)!.port, reqs, seconds, perSecond);
    return runs;
  } finally {
    for (const { agent, bot } of bots.values()) {
      agent.destroy();
      await bot.stop();
    }
    await fake.stop();
  }
}
