// Growing typed arrays by doubling, for the builders that fill them (index, term counts, word table).

type Growable = Uint16Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Int32Array<ArrayBuffer>;

/** A copy of `a` with room for at least `size` elements. */
export function grow<T extends Growable>(a: T, size: number): T {
  let capacity = a.length || 4;
  while (capacity < size) capacity *= 2;
  const bigger = new (a.constructor as new (length: number) => T)(capacity);
  bigger.set(a);
  return bigger;
}
