// B1's variants timed in turns, one slice each in rotation, so a slow spell of the machine falls on all of them alike.
import { percentile } from './report.ts';

export type LatencyRun = { p50: number; p99: number; n: number };

export const summarize = (times: number[]): LatencyRun => ({ p50: percentile(times, 50), p99: percentile(times, 99), n: times.length });

/**
 * `slices` rounds; in each, every variant gets one `slice` (which returns its latencies in ms), the round's first
 * variant rotating so none always follows the same one. Each variant's latencies are pooled over the rounds.
 */
export async function inTurns<V extends string>(variants: readonly V[], slices: number, slice: (variant: V) => Promise<number[]>): Promise<Record<V, LatencyRun>> {
  const times = new Map<V, number[]>(variants.map((v) => [v, []]));
  for (let round = 0; round < slices; round++) {
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(round + k) % variants.length]!;
      times.get(variant)!.push(...(await slice(variant)));
    }
  }
  return Object.fromEntries(variants.map((v) => [v, summarize(times.get(v)!)])) as Record<V, LatencyRun>;
}
