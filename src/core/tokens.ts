// Word tokens that keep the original spelling beside the normalised one, and a longest-match phrase finder over them.
import { normalize } from './normalize.ts';

export type Token = { raw: string; norm: string; start: number; end: number };

/** Splits text into words; "U.S." stays one word "US", possessives are dropped ("Scholz’s" → "scholz"). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  const re = /(?:\p{L}\.){2,}|[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
  for (const m of text.matchAll(re)) {
    const raw = m[0].replace(/\./g, '').replace(/['’]s$/i, '');
    const norm = normalize(raw);
    if (norm) out.push({ raw, norm: norm.replace(/ /g, ''), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** A short all-capitals name ("US", "UK", "EU") only matches when written in capitals, so "us" is not the United States. */
export function isAcronym(name: string): boolean {
  const letters = name.replace(/\./g, '');
  return /^\p{Lu}{2,4}$/u.test(letters);
}

export type Phrase<T> = { words: string[]; value: T; caseSensitive: boolean };
export type PhraseMatch<T> = { value: T; start: number; end: number; tokens: Token[] };

/** Longest-match lookup of multi-word phrases in a token stream (a trie keyed on the first word). */
export class PhraseFinder<T> {
  private byFirst = new Map<string, Phrase<T>[]>();

  add(phrase: string, value: T): void {
    const toks = tokenize(phrase);
    const first = toks[0];
    if (!first) return;
    const entry: Phrase<T> = { words: toks.map((t) => t.norm), value, caseSensitive: isAcronym(phrase) };
    const list = this.byFirst.get(first.norm) ?? [];
    list.push(entry);
    list.sort((a, b) => b.words.length - a.words.length);
    this.byFirst.set(first.norm, list);
  }

  /** Every match, longest first at each position, not overlapping. */
  find(text: string): PhraseMatch<T[]>[] {
    const toks = tokenize(text);
    const out: PhraseMatch<T[]>[] = [];
    for (let i = 0; i < toks.length; ) {
      const candidates = this.byFirst.get(toks[i]!.norm) ?? [];
      let best: Phrase<T>[] = [];
      let bestLen = 0;
      for (const p of candidates) {
        if (p.words.length < bestLen) break;
        if (i + p.words.length > toks.length) continue;
        const ok = p.words.every((w, k) => {
          const t = toks[i + k]!;
          return t.norm === w && (!p.caseSensitive || isAcronym(t.raw));
        });
        if (ok) {
          bestLen = p.words.length;
          best.push(p);
        }
      }
      if (bestLen) {
        const span = toks.slice(i, i + bestLen);
        const values = [...new Set(best.map((p) => p.value))];
        out.push({ value: values, start: span[0]!.start, end: span[span.length - 1]!.end, tokens: span });
        i += bestLen;
      } else i++;
    }
    return out;
  }
}
