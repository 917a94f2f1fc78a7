// Loads the shipped briefings once per test file.
import type { Library } from '../../src/core/library.ts';
import { formatError } from '../../src/core/parse-files.ts';
import { loadLibrary } from '../../src/library-loader.ts';

let cached: Promise<Library> | undefined;

export function shippedLibrary(): Promise<Library> {
  cached ??= loadLibrary('briefings').then((r) => {
    if (!r.library) throw new Error(r.errors.map(formatError).join('\n'));
    return r.library;
  });
  return cached;
}
