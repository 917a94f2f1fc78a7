// B4 ingest: whole-pipeline throughput on one core, and the duplicate check's time as the archive grows.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { archived, DuplicateIndex } from '../src/ingest/duplicates.ts';
import { ingest } from '../src/ingest/pipeline.ts';
import { loadLibrary } from '../src/library-loader.ts';
import { WORDS } from './generate-archive.ts';
import { fmt, publish, stat, table } from './report.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SIZES = (process.env.BENCH_INGEST_SIZES ?? '1000,10000,100000').split(',').map(Number);

/** A deterministic synthetic article of ~300 words (Zipf vocabulary), distinct per seed. */
function article(seed: number): string {
  let s = seed * 2654435761;
  const next = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const word = () => WORDS[Math.floor(next() ** 3 * WORDS.length)]!;
  const sentence = () => Array.from({ length: 15 }, word).join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
  return Array.from({ length: 5 }, () => Array.from({ length: 4 }, sentence).join(' ')).join('\n\n');
}

export async function benchIngest(): Promise<void> {
  const { library } = await loadLibrary('briefings');
  const dir = path.join(tmpdir(), 'briefbot-bench', 'ingest');
  mkdirSync(path.join(dir, 'in'), { recursive: true });
  const N = 200;
  for (let i = 0; i < N; i++) writeFileSync(path.join(dir, 'in', `a${i}.txt`), `Synthetic article ${i} about talks\n\nPublished: 2022-02-15\n\n${article(i)}\n\nMore from Example\n\nUnrelated story text here.`);
  const throughput: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    ingest([path.join(dir, 'in')], { library: library!, draftsDir: path.join(dir, `drafts-${r}-${Date.now()}`), indexFile: path.join(dir, `index-${r}-${Date.now()}.json`) });
    throughput.push(N / ((performance.now() - t0) / 1000));
  }

  const rows: string[][] = [];
  for (const size of SIZES) {
    const index = new DuplicateIndex();
    const t0 = performance.now();
    for (let i = 0; i < size; i++) index.add(archived(`s${i}`, article(i)));
    const buildS = (performance.now() - t0) / 1000;
    const times: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      // Half new articles, half copies of archived ones.
      for (let q = 0; q < 50; q++) index.find(article(q % 2 ? size + q : q));
      times.push((performance.now() - t) / 50);
    }
    rows.push([String(size), buildS.toFixed(1), fmt(stat(times), 3)]);
    process.stdout.write(`duplicates at ${size}: done\n`);
  }
  publish(
    'B4 ingest',
    `Whole pipeline (read, clean, duplicate check, actors, dates, quotes, summary, draft) on ${N} synthetic ~300-word articles, one process: ` +
      `${fmt(stat(throughput), 0)} articles/s (${RUNS} runs).\n\nDuplicate check (MinHash 128, LSH 32×4, exact confirmation) as the archive grows, ms per article (half copies, half new):\n\n` +
      table(['archived articles', 'index build s', 'check ms per article'], rows),
  );
}
