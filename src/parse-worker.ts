// Parses a share of a large briefings folder off the main thread: reads each file, parses and validates it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parseBriefingFile, type ParsedBriefing } from './core/library.ts';
import { Locator } from './core/parse-files.ts';
import { numberOwnTexts } from './core/search.ts';
import { TermDictionary } from './core/terms.ts';

/** Results go back in batches: fewer messages than one per file, and the main thread unpacks them while the rest is parsed. */
const BATCH = 500;

/** One message: the parsed briefings as JSON, and their search terms numbered by this worker's own dictionary. */
export type ParsedBatch = { json: string; stems: string[]; terms: Uint32Array<ArrayBuffer>; offsets: Uint32Array<ArrayBuffer> };

const { dir, names } = workerData as { dir: string; names: string[] };
// Numbering the search terms here takes the costliest part of indexing off the main thread; it translates the numbers.
const dictionary = new TermDictionary();
let stemsSent = 0;
let batch: ParsedBriefing[] = [];
let terms: number[] = [];
let offsets: number[] = [0];
const send = () => {
  const message: ParsedBatch = { json: JSON.stringify(batch), stems: dictionary.stemsFrom(stemsSent), terms: new Uint32Array(terms), offsets: new Uint32Array(offsets) };
  stemsSent = dictionary.size;
  parentPort!.postMessage(message, [message.terms.buffer, message.offsets.buffer]);
  [batch, terms, offsets] = [[], [], [0]];
};
for (const name of names) {
  let text: string;
  try {
    text = readFileSync(path.join(dir, name), 'utf8');
  } catch (err) {
    batch.push({ file: name, errors: [{ file: name, message: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` }] });
    offsets.push(terms.length);
    continue;
  }
  const file = { path: name, text };
  const parsed = parseBriefingFile(file, new Locator((p) => (p === name ? file : undefined)));
  batch.push(parsed);
  if (parsed.briefing) numberOwnTexts(parsed.briefing, dictionary, terms);
  offsets.push(terms.length);
  if (batch.length === BATCH) send();
}
send();
