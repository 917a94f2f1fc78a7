// B2 archive scale: synthetic archives of growing size; load + validate + index time, memory, query latency.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateArchive } from './generate-archive.ts';
import { fmt, publish, stat, table } from './report.ts';

type Child = { loadMs: number; rssMb: number; peakRssMb: number; briefings: number; queries: Record<string, { p50: number; p99: number }> };

const SIZES = (process.env.BENCH_ARCHIVE_SIZES ?? '1000,10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

export async function benchArchive(): Promise<void> {
  const rows: string[][] = [];
  for (const size of SIZES) {
    const dir = path.join(tmpdir(), 'briefbot-bench', `archive-${size}`);
    if (!existsSync(path.join(dir, 'sources.yaml'))) generateArchive(dir, size);
    // Cold: no parse cache (a first start, or the first after the parser changed); warm: a restart with the files unchanged.
    const cacheDir = path.join(tmpdir(), 'briefbot-bench', `cache-${size}`);
    const child = () => {
      const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/archive-child.ts', dir, cacheDir], { encoding: 'utf8', maxBuffer: 1 << 20 });
      return JSON.parse(out.trim().split('\n').at(-1)!) as Child;
    };
    const cold: Child[] = [];
    for (let i = 0; i < RUNS; i++) {
      rmSync(cacheDir, { recursive: true, force: true });
      cold.push(child());
    }
    const runs: Child[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(child());
    const s = (f: (c: Child) => number) => fmt(stat(runs.map(f)));
    rows.push([
      String(size),
      fmt(stat(cold.map((c) => c.loadMs / 1000))),
      fmt(stat(cold.map((c) => c.peakRssMb))).replace(/\.\d+/g, ''),
      s((c) => c.loadMs / 1000),
      s((c) => c.rssMb).replace(/\.\d+/g, ''),
      s((c) => c.peakRssMb).replace(/\.\d+/g, ''),
      ...['actor', 'search', 'timeline'].flatMap((q) => [s((c) => c.queries[q]!.p50), s((c) => c.queries[q]!.p99)]),
    ]);
    process.stdout.write(`archive ${size}: done\n`);
  }
  publish(
    'B2 archive scale',
    `Per size ${RUNS} cold runs (no parse cache) and ${RUNS} warm ones (a restart, files unchanged; the cache serves folders of 2,000+ briefings), each in a fresh process; memory and queries are the warm runs', but for the cold runs' peak. Queries: 1,000 timed after 50 warm-up. RSS serving: after load and two collections a second apart; peak: the most the process held, during load.\n\n` +
      table(['briefings', 'load+validate+index cold s', 'peak RSS cold MB', 'load warm s', 'RSS serving MB', 'peak RSS warm MB', 'actor p50 ms', 'actor p99 ms', 'search p50 ms', 'search p99 ms', 'timeline p50 ms', 'timeline p99 ms'], rows) +
      '\n\nTargets at 100k: start < 20 s, query p99 < 5 ms, memory < 1 GB.',
  );
}
