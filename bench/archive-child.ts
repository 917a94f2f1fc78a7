// One measurement of B2 in a fresh process: load + validate + index a folder (with the parse cache in `cacheDir`), then time queries. Prints JSON.
import { performance } from 'node:perf_hooks';
import { answer } from '../src/core/answers.ts';
import { loadLibrary } from '../src/library-loader.ts';
import { WORDS } from './generate-archive.ts';
import { percentile } from './report.ts';

const [dir, cacheDir] = process.argv.slice(2) as [string, string | undefined];
const t0 = performance.now();
const { library, errors } = await loadLibrary(dir, { cacheDir });
const loadMs = performance.now() - t0;
if (!library) throw new Error(`invalid archive: ${errors.slice(0, 3).map((e) => e.message).join('; ')}`);
// Resident memory while serving: after load, once the collector has returned what building freed (index chunks, parse garbage).
const settle = () => new Promise((r) => setTimeout(r, 1000));
globalThis.gc?.();
await settle();
globalThis.gc?.();
await settle();
const rss = process.memoryUsage().rss;
const peakRss = process.resourceUsage().maxRSS * 1024;

const asOf = '2030-01-01';
/** Enough samples that p99 is the 10th-slowest, not the 2nd. */
const TIMED = 1000;
const WARM_UP = 50;
const SEARCHES = ['sanctions ruble', 'pipeline gas', 'ceasefire talks', WORDS[300]!, `${WORDS[2000]} ${WORDS[60]}`, WORDS[12000]!];
const queries = {
  actor: (i: number) => answer({ kind: 'actor', name: `Surname${i % 300}`, focus: 'profile' }, library, { asOf }),
  // Frequent, middling and rare words, alone and together.
  search: (i: number) => answer({ kind: 'search', query: SEARCHES[i % SEARCHES.length]! }, library, { asOf }),
  timeline: (i: number) => answer({ kind: 'timeline', from: `20${15 + (i % 9)}-03-01`, to: `20${15 + (i % 9)}-03-31` }, library, { asOf }),
};
const results: Record<string, { p50: number; p99: number }> = {};
for (const [name, run] of Object.entries(queries)) {
  for (let i = 0; i < WARM_UP; i++) run(i);
  const times: number[] = [];
  for (let i = 0; i < TIMED; i++) {
    const s = performance.now();
    run(i);
    times.push(performance.now() - s);
  }
  results[name] = { p50: percentile(times, 50), p99: percentile(times, 99) };
}
process.stdout.write(JSON.stringify({ loadMs, rssMb: rss / 2 ** 20, peakRssMb: peakRss / 2 ** 20, briefings: library.briefings.length, queries: results }) + '\n');
