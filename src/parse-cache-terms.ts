// A cached row's terms, (term, count) pairs, as compact text: each number in base 32, least significant digit first,
// one printable ASCII character per digit. Decimal "id,count," took ~1,900 characters a row and 35 µs to write with
// `join`; this takes ~550 and ~10 µs, and reading walks a third of the characters.
import { grow, unitsText } from './core/typed-arrays.ts';

/** A digit that ends its number: '0' (48) plus 0–31; a digit that more follow: 'P' (80) plus 0–31. */
const LAST = 48;
const MORE = LAST + 32;
const DIGIT_MASK = 31;
const DIGIT_BITS = 5;
/** Numbers are term ids and counts, each below 2^32 (they go into Uint32Arrays). */
const LIMIT = 2 ** 32;
/** Digits of a number below 2^32. */
const MAX_DIGITS = 7;

let units: Uint16Array<ArrayBuffer> = new Uint16Array(4096);

export function termsText(numbers: readonly number[]): string {
  if (numbers.length * MAX_DIGITS > units.length) units = grow(units, numbers.length * MAX_DIGITS);
  let n = 0;
  for (const number of numbers) {
    let rest = number >>> 0;
    for (; rest > DIGIT_MASK; rest >>>= DIGIT_BITS) units[n++] = MORE + (rest & DIGIT_MASK);
    units[n++] = LAST + rest;
  }
  return unitsText(units, n);
}

/** Refuses a damaged text: a character outside the digits, a number cut off, or one of 2^32 or more. */
export function termsFromText(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let scale = 1;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - LAST;
    if (digit < 0 || digit > 2 * DIGIT_MASK + 1 || scale >= LIMIT) throw new Error('the parse cache holds malformed terms');
    value += (digit & DIGIT_MASK) * scale;
    if (digit > DIGIT_MASK) scale *= DIGIT_MASK + 1;
    else {
      if (value >= LIMIT) throw new Error('the parse cache holds malformed terms');
      out.push(value);
      [value, scale] = [0, 1];
    }
  }
  if (scale !== 1) throw new Error('the parse cache holds malformed terms');
  return out;
}
