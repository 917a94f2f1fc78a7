// Thousands of random and adversarial inputs through the core's whole command path: no crash, bounded answers.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/core/answers.ts';
import type { Library } from '../../src/core/library.ts';
import { parseCommand } from '../../src/core/questions.ts';
import { renderText } from '../../src/core/reply.ts';
import { shippedLibrary } from '../helpers/library.ts';

let lib: Library;
beforeAll(async () => {
  lib = await shippedLibrary();
});

const hostile = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 50 }),
  fc.constantFrom('<!channel>', '<!here>', '@everyone', '@here', '<@U123>', '<@&456>', '<#C1>', '**bold** `code` ||spoiler||', '\u202e\u200b', '%s%n', '${process.exit()}', '../../etc/passwd'),
  fc.tuple(fc.constantFrom('actor', 'topic', 'timeline', 'search', 'digest', 'alerts', 'ask', 'who is', 'what did', ''), fc.string({ maxLength: 80 })).map(([a, b]) => `${a} ${b}`),
  fc.string({ minLength: 900, maxLength: 6000 }),
);

describe('the core under random input', () => {
  it('always answers, with a bounded reply, for any text', () => {
    fc.assert(
      fc.property(hostile, fc.date({ min: new Date('2021-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), (text, day) => {
        const reply = answer(parseCommand(text), lib, { asOf: day.toISOString().slice(0, 10) });
        expect(reply.title.length).toBeGreaterThan(0);
        const rendered = renderText(reply);
        // The answer may quote the question back, but never more than the input cap allows.
        expect(rendered.length).toBeLessThan(20_000);
      }),
      { numRuns: 2000 },
    );
  });
});
