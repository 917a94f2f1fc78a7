// Reads the briefings folder from disk and hands the files to the core; a large folder is parsed by worker threads.
import { mkdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { assembleLibrary, buildLibrary, parseRegistries, REGISTRY_FILES, type BuildResult, type LoadedFile } from './core/library.ts';
import { parseBriefingFile, type ParsedBriefing } from './core/parse-briefing.ts';
import { Locator } from './core/parse-files.ts';
import { IdListPool } from './core/id-lists.ts';
import { grow } from './core/typed-arrays.ts';
import { actorNames, SearchIndexBuilder } from './core/search.ts';
import type { ParsedBatch, ParseWorkerData } from './parse-worker.ts';
import { PARSE_CACHE_FILE, ParseCache, parserVersion, type CacheTarget } from './parse-cache.ts';

const OPEN_AT_ONCE = 64;
/** Below this many briefings, starting workers (~0.3 s each) costs more than it saves. */
export const PARALLEL_FROM = 2_000;
const MAX_WORKERS = 4;
/**
 * Batches (~64 KB each) a worker may send before the main thread has handled them: a warm worker outpaces it, and the
 * backlog of messages, malloc'd in the worker's arena, stayed resident after the worker ended (~+120 MB at 100k).
 */
const MAX_AHEAD = 64;
/**
 * A parse worker's heap limit. Its live data is tens of MB (its term dictionary, unsaved cache rows), but under the
 * default limit (a quarter of RAM, up to 4 GB) V8 let each worker's heap fill with garbage before collecting: a first
 * 100k load peaked at 1,019-1,068 MiB RSS, capped 962-985. A worker that runs out fails the parallel parse, and the
 * main thread parses instead.
 */
export const WORKER_HEAP_MB = 256;

const isBriefing = (name: string) => name.endsWith('.md') && name.toLowerCase() !== 'readme.md';
const isRegistry = (name: string) => Object.values<string>(REGISTRY_FILES).includes(name);

async function listFolder(dir: string): Promise<{ names: string[]; error?: string }> {
  try {
    return { names: (await readdir(dir)).filter((n) => isBriefing(n) || isRegistry(n)).sort() };
  } catch (err) {
    return { names: [], error: `cannot read the briefings folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
}

async function readFiles(dir: string, names: string[]): Promise<LoadedFile[]> {
  const files: LoadedFile[] = [];
  // A bounded number of files open at once: a large archive would otherwise run out of file descriptors.
  for (let i = 0; i < names.length; i += OPEN_AT_ONCE) {
    const batch = names.slice(i, i + OPEN_AT_ONCE);
    files.push(...(await Promise.all(batch.map(async (name) => ({ path: name, text: await readFile(path.join(dir, name), 'utf8') })))));
  }
  return files;
}

/** The registries and the top-level *.md briefings; briefings/drafts/ is the curators' and is never served. */
export async function readBriefingFiles(dir: string): Promise<{ files: LoadedFile[]; error?: string }> {
  const { names, error } = await listFolder(dir);
  return error ? { files: [], error } : { files: await readFiles(dir, names) };
}

export type LoadOptions = {
  parallelFrom?: number;
  /** A folder for the parse cache (the data folder): a large folder's unchanged files are not parsed again. */
  cacheDir?: string;
  /** Each parse worker's heap limit, in MB (WORKER_HEAP_MB). */
  workerHeapMb?: number;
};

export async function loadLibrary(dir: string, opts: LoadOptions = {}): Promise<BuildResult> {
  const { names, error } = await listFolder(dir);
  if (error) return { errors: [{ file: dir, message: error }] };
  const briefingNames = names.filter(isBriefing);
  if (briefingNames.length < (opts.parallelFrom ?? PARALLEL_FROM)) return buildLibrary(await readFiles(dir, names));

  const registryFiles = await readFiles(dir, names.filter(isRegistry));
  // Lines are looked up only for errors; a briefing's text is read again then.
  const locator = new Locator((name) => registryFiles.find((f) => f.path === name) ?? readAgain(dir, name));
  const pool = new IdListPool();
  // Speakers are indexed by name, so the index is filled once the registries are parsed: below, before any batch arrives.
  let search: SearchIndexBuilder | undefined;
  const cache = opts.cacheDir ? prepareCache(opts.cacheDir, briefingNames.length) : undefined;
  const parsing = parseInWorkers(dir, briefingNames, { pool, search: () => search!, cache, heapMb: opts.workerHeapMb ?? WORKER_HEAP_MB });
  // Parsed while the workers start; no worker message is handled before this synchronous part ends.
  const registries = parseRegistries(registryFiles, locator);
  search = new SearchIndexBuilder(actorNames(registries.actors ?? []));
  const parsed = await parsing.catch(async (err) => {
    // Workers could not start (an unusual runtime): parse here instead; slower, same result.
    process.emitWarning(`briefing files parsed without worker threads: ${String(err)}`);
    search = undefined;
    const files = await readFiles(dir, briefingNames);
    return files.map((f) => parseBriefingFile(f, locator, pool));
  });
  return assembleLibrary(registries, parsed, locator, search);
}

function prepareCache(cacheDir: string, files: number): CacheTarget | undefined {
  const target = { file: path.join(cacheDir, PARSE_CACHE_FILE), version: parserVersion() };
  try {
    mkdirSync(cacheDir, { recursive: true });
    return { ...target, empty: ParseCache.prepare(target, files) === 0 };
  } catch (err) {
    process.emitWarning(`briefing parse cache not used (${target.file}): ${String(err)}`);
    return undefined;
  }
}

function readAgain(dir: string, name: string): LoadedFile | undefined {
  try {
    return { path: name, text: readFileSync(path.join(dir, name), 'utf8') };
  } catch {
    return undefined;
  }
}

/** A parse worker (src/parse-worker.ts): TypeScript, so it registers tsx's loader in its own thread first. */
export function startParseWorker(data: ParseWorkerData, heapMb = WORKER_HEAP_MB): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = new URL('./parse-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(script)}); })`;
  return new Worker(boot, { eval: true, workerData: data, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: heapMb } });
}

type WorkerOutputs = { pool: IdListPool; search: () => SearchIndexBuilder; cache?: CacheTarget; heapMb: number };

/**
 * Contiguous shares of the file list, one per worker; each streams back its parsed briefings and their search terms,
 * numbered by its own dictionary. Each briefing goes into the search index as it arrives, its numbers translated into
 * the index's dictionary: the terms are not held until the end, and the index is built while the workers parse.
 */
async function parseInWorkers(dir: string, names: string[], { pool, search, cache, heapMb }: WorkerOutputs): Promise<ParsedBriefing[]> {
  const count = Math.max(1, Math.min(availableParallelism(), MAX_WORKERS));
  const size = Math.ceil(names.length / count);
  const shares = Array.from({ length: count }, (_, i) => names.slice(i * size, (i + 1) * size)).filter((s) => s.length);
  const workers: Worker[] = [];
  let failed = false;
  const results = Promise.all(
    shares.map(
      (share) =>
        new Promise<ParsedBriefing[]>((resolve, reject) => {
          const out: ParsedBriefing[] = [];
          let translate = new Uint32Array(1 << 12);
          let known = 0;
          const handled = new Int32Array(new SharedArrayBuffer(4));
          const worker = startParseWorker({ dir, names: share, cache, handled, ahead: MAX_AHEAD }, heapMb);
          workers.push(worker);
          // JSON: V8 parses it faster than it deserialises a structured clone of the same objects.
          worker.on('message', (batch: ParsedBatch) => {
            if (failed) return;
            if (batch.warning) process.emitWarning(batch.warning);
            const index = search();
            if (known + batch.stems.length > translate.length) translate = grow(translate, known + batch.stems.length);
            for (const stem of batch.stems) translate[known++] = index.dictionary.learnStem(stem);
            const local = batch.terms;
            for (let k = 0; k < local.length; k++) local[k] = translate[local[k]!]!;
            (JSON.parse(batch.json) as ParsedBriefing[]).forEach((parsed, i) => {
              if (parsed.briefing) {
                // Id lists come packed into strings (packIdLists): sharing makes them arrays again.
                pool.share(parsed.briefing);
                const [from, to] = [batch.offsets[i], batch.offsets[i + 1]];
                index.add(parsed.briefing, { terms: local.subarray(from, to), counts: batch.counts.subarray(from, to) });
              }
              out.push(parsed);
            });
            Atomics.add(handled, 0, 1);
            Atomics.notify(handled, 0);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 && out.length === share.length ? resolve(out) : reject(new Error(`parse worker exited with code ${code}`))));
        }),
    ),
  );
  return results.then(
    (parts) => parts.flat(),
    (err: unknown) => {
      // The caller parses everything itself then: the other workers' results are not wanted.
      failed = true;
      for (const w of workers) void w.terminate();
      throw err;
    },
  );
}
