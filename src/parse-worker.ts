// Parses a share of a large briefings folder off the main thread: reads each file, parses and validates it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parseBriefingFile, type ParsedBriefing } from './core/parse-briefing.ts';
import { Locator } from './core/parse-files.ts';
import { numberOwnTexts } from './core/briefing-terms.ts';
import { packIdLists } from './core/id-lists.ts';
import { TermCounts } from './core/term-counts.ts';
import { TermDictionary } from './core/terms.ts';
import { contentHash, ParseCache, type CachedParse, type CacheTarget } from './parse-cache.ts';

/**
 * Results go back in batches of about this many characters of JSON: fewer messages than one per file, yet each batch
 * stays below V8's large-object size (128 KB). Batches of 500 files (2.5 MB) were each a fresh mapping on both threads,
 * and touching fresh memory is costly on this VM: at 100k briefings 500-file batches faulted in ~1.3 GB per worker, these ~160 MB.
 */
const BATCH_CHARS = 64_000;
/** New results are written to the cache this many at a time: each commit syncs the file, and committing each batch (~15 rows) made a first 100k load 37-38 s instead of 31-33. */
const SAVE_ROWS = 500;

/**
 * One message: the parsed briefings as a JSON array; their search terms, numbered by this worker's own dictionary
 * (the stems it numbered since its last message come along) and counted: briefing i's distinct terms are
 * terms[offsets[i]] … terms[offsets[i + 1] - 1], each occurring counts[k] times; and a warning when the parse cache
 * failed (parsing goes on without it).
 */
export type ParsedBatch = {
  json: string;
  stems: string[];
  terms: Uint32Array<ArrayBuffer>;
  counts: Uint32Array<ArrayBuffer>;
  offsets: Uint32Array<ArrayBuffer>;
  warning?: string;
};

export type ParseWorkerData = {
  dir: string;
  names: string[];
  cache?: CacheTarget;
  /** How many batches the main thread has handled; it adds 1 after each and notifies. */
  handled: Int32Array<SharedArrayBuffer>;
  /** How many batches may be sent and not yet handled before this worker waits. */
  ahead: number;
};

const { dir, names, cache: target, handled, ahead } = workerData as ParseWorkerData;
// Numbering the search terms here takes the costliest part of indexing off the main thread; it translates the numbers.
const dictionary = new TermDictionary();
const found = new TermCounts();
let stemsSent = 0;
let batchesSent = 0;
let cache: ParseCache | undefined;
let warning: string | undefined;
/** Each result as JSON: a cached one is already JSON. */
let batch: string[] = [];
let batchChars = 0;
let terms: number[] = [];
let counts: number[] = [];
let offsets: number[] = [0];
let unsaved: [name: string, parse: CachedParse][] = [];

/** The cache is an optimisation: any failure of it turns it off, never the parse. */
const cached = <T>(use: (c: ParseCache) => T): T | undefined => {
  if (!cache) return undefined;
  try {
    return use(cache);
  } catch (err) {
    warning ??= `briefing parse cache turned off: ${String(err)}`;
    cache = undefined;
    return undefined;
  }
};
if (target) {
  try {
    cache = ParseCache.open(target, dictionary);
  } catch (err) {
    warning = `briefing parse cache not opened: ${String(err)}`;
  }
}

const save = () => {
  cached((c) => c.putMany(unsaved));
  unsaved = [];
};

const send = () => {
  for (let seen = Atomics.load(handled, 0); batchesSent - seen >= ahead; seen = Atomics.load(handled, 0)) Atomics.wait(handled, 0, seen, 1000);
  const message: ParsedBatch = {
    json: `[${batch.join(',')}]`,
    stems: dictionary.stemsFrom(stemsSent),
    terms: new Uint32Array(terms),
    counts: new Uint32Array(counts),
    offsets: new Uint32Array(offsets),
    warning,
  };
  stemsSent = dictionary.size;
  warning = undefined;
  parentPort!.postMessage(message, [message.terms.buffer, message.counts.buffer, message.offsets.buffer]);
  batchesSent++;
  [batch, terms, counts, offsets, batchChars] = [[], [], [], [0], 0];
};

const withBriefing = (name: string, briefingJson: string) => `{"file":${JSON.stringify(name)},"briefing":${briefingJson},"errors":[]}`;

/**
 * A file's result as JSON (its id lists packed, see packIdLists), its counted terms into the batch; from the cache when
 * the same bytes and parser produced it before.
 */
function parse(name: string, text: string): string {
  const hash = cache ? contentHash(text) : undefined;
  // Names come in sorted order, as the cache's key: lookups walk its B-tree in step and read few pages.
  const hit = hash && !target!.empty && cached((c) => c.get(name));
  if (hit && hit.hash === hash) {
    for (let i = 0; i < hit.terms.length; i += 2) {
      terms.push(hit.terms[i]!);
      counts.push(hit.terms[i + 1]!);
    }
    return withBriefing(name, hit.briefing);
  }
  const file = { path: name, text };
  const parsed = parseBriefingFile(file, new Locator((p) => (p === name ? file : undefined)));
  if (parsed.briefing) for (const n of numberOwnTexts(parsed.briefing, dictionary)) found.add(n);
  const pairs: number[] = [];
  for (const term of found.terms) {
    terms.push(term);
    counts.push(found.count(term));
    pairs.push(term, found.count(term));
  }
  found.clear();
  if (parsed.briefing) packIdLists(parsed.briefing);
  // Only clean results are kept: a file with errors needs its text again to point at lines.
  if (!hash || !parsed.briefing || parsed.errors.length) return JSON.stringify(parsed);
  const briefing = JSON.stringify(parsed.briefing);
  unsaved.push([name, { hash, briefing, terms: pairs }]);
  if (unsaved.length >= SAVE_ROWS) save();
  return withBriefing(name, briefing);
}

for (const name of names) {
  let text: string | undefined;
  try {
    text = readFileSync(path.join(dir, name), 'utf8');
  } catch (err) {
    const unreadable: ParsedBriefing = { file: name, errors: [{ file: name, message: `cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}` }] };
    batch.push(JSON.stringify(unreadable));
  }
  if (text !== undefined) batch.push(parse(name, text));
  batchChars += batch[batch.length - 1]!.length;
  offsets.push(terms.length);
  if (batchChars >= BATCH_CHARS) send();
}
send();
save();
cached((c) => c.close());
