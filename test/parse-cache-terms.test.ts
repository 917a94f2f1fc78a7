import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termsFromText, termsText } from '../src/parse-cache-terms.ts';

describe('cached terms as text', () => {
  it('reads back every list of numbers below 2^32 it wrote', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 3000 }), (numbers) => {
      expect(termsFromText(termsText(numbers))).toEqual(numbers);
    }));
  });

  it('writes printable ASCII, one character for a number below 32', () => {
    expect(termsText([0, 31, 32, 1023, 1024])).toMatch(/^[0-o]+$/);
    expect(termsText([0, 5, 31])).toHaveLength(3);
    expect(termsText([2 ** 32 - 1])).toHaveLength(7);
    expect(termsText([])).toBe('');
  });

  it('refuses a damaged text', () => {
    for (const damaged of ['1,2', 'P', '00P', 'ppppppp0', '~', ' 1']) expect(() => termsFromText(damaged), damaged).toThrow(/malformed terms/);
    // 2^32 exactly: seven digits, yet too large for the Uint32Arrays terms go into.
    expect(() => termsFromText('PPPPPPD')).toThrow(/malformed terms/);
  });
});
