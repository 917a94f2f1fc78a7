// Live reload: a valid edit is served; a broken one never is, and the last good library keeps serving.
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Library } from '../src/core/library.ts';
import type { LoadError } from '../src/core/parse-files.ts';
import { loadLibrary } from '../src/library-loader.ts';
import { createLogger } from '../src/log.ts';
import { watchLibrary } from '../src/reload.ts';
import { tempDir } from './helpers/tmp.ts';

const stops: (() => void)[] = [];
afterEach(() => stops.splice(0).forEach((s) => s()));

async function watched() {
  const dir = path.join(tempDir('reload-'), 'briefings');
  cpSync('briefings', dir, { recursive: true });
  let library = (await loadLibrary(dir)).library!;
  const events: { added?: string[]; errors?: LoadError[] }[] = [];
  const logs: string[] = [];
  const logger = createLogger('info', new Writable({ write: (c, _e, cb) => (logs.push(String(c)), cb()) }));
  let notify: () => void = () => {};
  stops.push(
    watchLibrary(dir, () => library, {
      logger,
      debounceMs: 50,
      onLibrary: (next, added) => {
        library = next;
        events.push({ added });
        notify();
      },
      onErrors: (errors) => {
        events.push({ errors });
        notify();
      },
    }),
  );
  const nextEvent = () => new Promise<void>((r) => (notify = r));
  return { dir, events, logs, nextEvent, current: () => library as Library };
}

const NEW = `---
id: test-new-briefing
title: A new development
published: 2022-02-15
status: published
topics: [diplomacy]
actors: [olaf-scholz]
sources: [gzero-2022-02-14-diplomacy-failed]
---
Our own summary of a new development.
`;

describe('live reload', () => {
  it('serves a new valid briefing and reports it as added', async () => {
    const w = await watched();
    const next = w.nextEvent();
    writeFileSync(path.join(w.dir, '2022-02-15-new.md'), NEW);
    await next;
    expect(w.events.at(-1)).toEqual({ added: ['test-new-briefing'] });
    expect(w.current().briefingById.has('test-new-briefing')).toBe(true);
  });

  it('never serves a broken edit: logs each error with file and line, keeps the last good library', async () => {
    const w = await watched();
    const before = w.current();
    for (const broken of ['wrong-type-status.md', 'unknown-actor.md', 'binary-junk.md']) {
      const next = w.nextEvent();
      copyFileSync(path.join('test/fixtures/broken', broken), path.join(w.dir, broken));
      await next;
      expect(w.current()).toBe(before);
    }
    expect(w.events.every((e) => e.errors && e.errors.length > 0)).toBe(true);
    expect(w.logs.join('')).toMatch(/briefing not reloaded: wrong-type-status\.md:5 status/);
    expect(readFileSync(path.join(w.dir, 'actors.yaml'), 'utf8')).toBe(readFileSync('briefings/actors.yaml', 'utf8'));
  });
});
