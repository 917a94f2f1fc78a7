// Live reload: watch the briefings folder and swap in a new Library only when the whole folder validates.
import { watch, type FSWatcher } from 'node:fs';
import type { Library } from './core/library.ts';
import { formatError, type LoadError } from './core/parse-files.ts';
import { loadLibrary } from './library-loader.ts';
import type { Logger } from './log.ts';

export type WatchOptions = {
  logger: Logger;
  onLibrary: (library: Library, added: string[]) => void;
  onErrors?: (errors: LoadError[]) => void;
  /** Editors save in bursts (temp file, rename, chmod): wait for quiet before reloading. */
  debounceMs?: number;
  /** The parse cache's folder (see loadLibrary). */
  cacheDir?: string;
};

/** Returns a function that stops watching. `current` is the library being served, to tell what is new. */
export function watchLibrary(dir: string, current: () => Library, opts: WatchOptions): () => void {
  const { logger } = opts;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const reload = async () => {
    const result = await loadLibrary(dir, { cacheDir: opts.cacheDir });
    if (closed) return;
    if (!result.library) {
      for (const e of result.errors) logger.error({ file: e.file, line: e.line, field: e.field }, `briefing not reloaded: ${formatError(e)}`);
      logger.warn({ errors: result.errors.length }, 'briefings did not validate; still serving the last good library');
      opts.onErrors?.(result.errors);
      return;
    }
    const before = new Set(current().briefings.map((b) => b.id));
    const added = result.library.briefings.filter((b) => !before.has(b.id)).map((b) => b.id);
    opts.onLibrary(result.library, added);
    logger.info({ briefings: result.library.briefings.length, added }, 'briefings reloaded');
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, (_event, name) => {
      if (name && !/\.(md|ya?ml)$/.test(String(name))) return;
      clearTimeout(timer);
      // One reload at a time, after the burst settles.
      timer = setTimeout(() => (running = running.then(reload, reload)), opts.debounceMs ?? 300);
    });
  } catch (err) {
    logger.error({ err: (err as Error).message, dir }, 'cannot watch the briefings folder; live reload is off');
  }
  return () => {
    closed = true;
    clearTimeout(timer);
    watcher?.close();
  };
}
