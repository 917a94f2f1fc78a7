// Parses a share of a large briefings folder off the main thread: reads each file, parses and validates it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parseBriefingFile, type ParsedBriefing } from './core/library.ts';
import { Locator } from './core/parse-files.ts';

/** Results go back in batches: fewer messages than one per file, and the main thread unpacks them while the rest is parsed. */
const BATCH = 500;

const { dir, names } = workerData as { dir: string; names: string[] };
let batch: ParsedBriefing[] = [];
for (const name of names) {
  let text: string;
  try {
    text = readFileSync(path.join(dir, name), 'utf8');
  } catch (err) {
    batch.push({ file: name, errors: [{ file: name, message: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` }] });
    continue;
  }
  const file = { path: name, text };
  batch.push(parseBriefingFile(file, new Locator((p) => (p === name ? file : undefined))));
  if (batch.length === BATCH) {
    parentPort!.postMessage(JSON.stringify(batch));
    batch = [];
  }
}
parentPort!.postMessage(JSON.stringify(batch));
