// B1 command latency against the platforms' 3-second deadlines, each beside the bare framework in the same run.
import { discordLatency, type LatencyRun } from './latency-discord.ts';
import { slackLatency } from './latency-slack.ts';
import { fmt, publish, stat, table } from './report.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const N = Number(process.env.BENCH_LATENCY_N ?? 1000);
const RATE = Number(process.env.BENCH_LATENCY_RATE ?? 100);

type Pair = { ours: LatencyRun; bare: LatencyRun };

function rows(name: string, runs: Pair[]): string[][] {
  const s = (f: (p: Pair) => number) => fmt(stat(runs.map(f)));
  return [[name, s((p) => p.ours.p50), s((p) => p.ours.p99), s((p) => p.bare.p50), s((p) => p.bare.p99), s((p) => p.ours.p99 / p.bare.p99)]];
}

export async function benchLatency(): Promise<void> {
  const discord: Pair[] = [];
  const slack: Pair[] = [];
  for (let i = 0; i < RUNS; i++) {
    slack.push(await slackLatency(N / RATE, RATE));
    discord.push(await discordLatency(N, RATE));
  }
  publish(
    'B1 command latency',
    `${RUNS} runs; each ${N} commands (/brief actor putin and /brief search sanctions, alternating) at ${RATE}/s after 50 warm-up, ` +
      'Slack: autocannon (10 connections, fixed rate) sends correctly signed slash-command requests to the Bolt HTTP receiver; latency until the acknowledgement carrying the answer. ' +
      'Discord: from INTERACTION_CREATE on the fake gateway until the interaction callback reaches the fake REST, all on 127.0.0.1. Bare: the same framework replying a constant string.\n\n' +
      table(['platform', 'ours p50 ms', 'ours p99 ms', 'bare p50 ms', 'bare p99 ms', 'p99 ours/bare'], [...rows('Slack (Bolt HTTP)', slack), ...rows('Discord (discord.js)', discord)]) +
      '\n\nTarget: p99 < 20 ms and within 1.25× of the bare framework, against a 3,000 ms platform deadline.',
  );
}
