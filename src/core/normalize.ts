// Text normalisation shared by actor resolution, topics and search: case, accents, possessives, punctuation.

const PLAIN_ASCII = /^[\x00-\x7f]*$/;

/** Plain ASCII (most text) has no accents to fold: callers skip the costly Unicode paths for it. */
export const isPlainAscii = (text: string): boolean => PLAIN_ASCII.test(text);

/** "Russia’s President Zelenskyy!" → "russia president zelenskyy" */
export function normalize(text: string): string {
  const folded = isPlainAscii(text) ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '');
  return folded
    .toLowerCase()
    .replace(/['’`´]s\b/g, '')
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function words(text: string): string[] {
  const n = normalize(text);
  return n ? n.split(' ') : [];
}

const STOP = new Set(['the', 'a', 'an', 'of', 'mr', 'mrs', 'ms', 'dr']);

/** The words that identify a name, without articles and honorifics. */
export function keyWords(text: string): string[] {
  return words(text).filter((w) => !STOP.has(w));
}

/** Code-point order: right for ISO days, ids and file names, and far cheaper than localeCompare on large archives. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
