import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startParseWorker } from '../src/library-loader.ts';
import type { ParsedBatch } from '../src/parse-worker.ts';
import { tempDir } from './helpers/tmp.ts';

/** The shipped briefings copied `times` times under other names: enough text for several ~64 KB batches. */
function manyBriefings(times: number): { dir: string; names: string[] } {
  const dir = tempDir();
  const names: string[] = [];
  for (const file of readdirSync('briefings').filter((n) => n.endsWith('.md') && n !== 'README.md')) {
    const text = readFileSync(path.join('briefings', file), 'utf8');
    for (let i = 0; i < times; i++) {
      const name = `${String(i).padStart(3, '0')}-${file}`;
      writeFileSync(path.join(dir, name), text);
      names.push(name);
    }
  }
  return { dir, names: names.sort() };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('parse worker', () => {
  it('waits while the main thread is `ahead` batches behind, and goes on as it catches up', async () => {
    const { dir, names } = manyBriefings(40);
    const handled = new Int32Array(new SharedArrayBuffer(4));
    const worker = startParseWorker({ dir, names, handled, ahead: 2 });
    const batches: ParsedBatch[] = [];
    worker.on('message', (b: ParsedBatch) => batches.push(b));
    const exited = new Promise<number>((resolve) => worker.on('exit', resolve));

    // Nothing handled yet: it stops after two batches.
    await expect.poll(() => batches.length, { timeout: 15_000 }).toBe(2);
    await sleep(300);
    expect(batches.length).toBe(2);

    // One handled: one more may go.
    Atomics.add(handled, 0, 1);
    Atomics.notify(handled, 0);
    await expect.poll(() => batches.length, { timeout: 5_000 }).toBe(3);
    await sleep(300);
    expect(batches.length).toBe(3);

    // Caught up for good: every file arrives, once.
    Atomics.add(handled, 0, 1_000_000);
    Atomics.notify(handled, 0);
    expect(await exited).toBe(0);
    const files = batches.flatMap((b) => (JSON.parse(b.json) as { file: string }[]).map((p) => p.file));
    expect(files).toEqual(names);
  }, 30_000);
});
