// Growing typed arrays by doubling, for the builders that fill them (index, term counts, word table); code units as text.

type Growable = Uint16Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Int32Array<ArrayBuffer>;

/** A copy of `a` with room for at least `size` elements. */
export function grow<T extends Growable>(a: T, size: number): T {
  let capacity = a.length || 4;
  while (capacity < size) capacity *= 2;
  const bigger = new (a.constructor as new (length: number) => T)(capacity);
  bigger.set(a);
  return bigger;
}

/**
 * The first `length` code units as a string, in slices: one call with a very long array would overflow the stack.
 * `apply`, not a spread: spreading walks the typed array's iterator, ~5x slower (scratch measurement).
 */
export function unitsText(units: Uint16Array, length: number): string {
  let text = '';
  for (let i = 0; i < length; i += 4096) text += String.fromCharCode.apply(null, units.subarray(i, Math.min(length, i + 4096)) as unknown as number[]);
  return text;
}
