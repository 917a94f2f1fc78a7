import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/adapters/console.ts';
import type { Handler } from '../../src/adapters/types.ts';
import { answer } from '../../src/core/answers.ts';
import type { Library } from '../../src/core/library.ts';
import { shippedLibrary } from '../helpers/library.ts';

let lib: Library;
beforeAll(async () => {
  lib = await shippedLibrary();
});

async function session(lines: string[], handle?: Handler): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d));
  const adapter = new ConsoleAdapter({ input, output, interactive: false, greeting: 'hello' });
  await adapter.start(handle ?? (async (cmd) => answer(cmd, lib, { asOf: '2022-03-01' })));
  for (const l of lines) input.write(l + '\n');
  input.end();
  await adapter.closed;
  return text;
}

describe('the local console', () => {
  it('answers /brief commands and free questions like a chat user gets them, in order', async () => {
    const out = await session(['/brief actor lavrov', 'what did Blinken say?', 'timeline']);
    const lavrov = out.indexOf('Sergei Lavrov — Foreign Minister of Russia');
    const blinken = out.indexOf("we're not looking at troop levels");
    const timeline = out.indexOf('30 Dec 2021 — Biden calls Putin');
    expect(out.startsWith('hello\n')).toBe(true);
    expect(lavrov).toBeGreaterThan(0);
    expect(blinken).toBeGreaterThan(lavrov);
    expect(timeline).toBeGreaterThan(blinken);
  });

  it('keeps going after a handler failure', async () => {
    let calls = 0;
    const out = await session(['one', 'two'], async (cmd) => {
      if (calls++ === 0) throw new Error('boom');
      return answer(cmd, lib, { asOf: '2022-03-01' });
    });
    expect(out).toContain('Sorry, that failed: boom');
    expect(out).toContain('Search: “two”');
  });

  it('stops reading on "exit"', async () => {
    const out = await session(['exit', 'help']);
    expect(out).not.toContain('briefbot: curated');
  });
});
