// Term numbers for search: words folded (case, accents) and stemmed, so "sanction", "sanctions" and "sanctioned" meet.
import { stemmer } from 'stemmer';
import { isPlainAscii, words } from './normalize.ts';
import { grow, unitsText } from './typed-arrays.ts';
import { HASH_SEED, hashStep, WordTable } from './word-table.ts';

/** Search words: `normalize`d words (case and accents folded, possessives and apostrophes dropped), at least two long. */
export function wordsOf(text: string): string[] {
  return words(text).filter((t) => t.length > 1);
}

const isAsciiAlnum = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
/** What `\b` counts as a word character: `normalize` drops "'s" only before one of these does not follow. */
const isRegexWordChar = (c: number) => isAsciiAlnum(c) || c === 95;
/** ' and `, the ASCII apostrophes `normalize` drops. */
const isApostrophe = (c: number) => c === 39 || c === 96;
const LOWER_S = 115;
const UPPER_S = 83;
/** Plain ASCII by code: a word character lower-cased, APOSTROPHE for ' and `, 0 for anything else. */
const APOSTROPHE = 1;
const FOLDED = (() => {
  const table = new Uint8Array(128);
  for (let c = 0; c < 128; c++) table[c] = isAsciiAlnum(c) ? (c >= 65 && c <= 90 ? c + 32 : c) : isApostrophe(c) ? APOSTROPHE : 0;
  return table;
})();

/** Numbers each stem 0, 1, 2…; a word is stemmed once, the first time it is met. */
export class TermDictionary {
  private readonly byStem = new Map<string, number>();
  private readonly byWord = new WordTable();
  /** Stems by number, so another thread's numbers can be translated (see `stemsFrom`). */
  private readonly stems: string[] = [];
  /** The word being read, lower-cased. */
  private word: Uint16Array<ArrayBuffer> = new Uint16Array(64);

  /**
   * A text's term numbers (its `wordsOf`, stemmed), appended to `out`; with `learn` false (queries) a stem the archive
   * lacks is -1 and nothing is added.
   */
  numbers(text: string, learn: boolean, out: number[] = []): number[] {
    if (!isPlainAscii(text)) {
      // Accents to fold: rare enough that making each word a string first costs little.
      for (const w of wordsOf(text)) {
        let hash = HASH_SEED;
        if (w.length > this.word.length) this.word = grow(this.word, w.length);
        for (let i = 0; i < w.length; i++) hash = hashStep(hash, (this.word[i] = w.charCodeAt(i)));
        out.push(this.numberWord(w.length, hash, learn));
      }
      return out;
    }
    // The same words as `wordsOf` (a test compares them), read straight from the text.
    let length = 0;
    let hash = HASH_SEED;
    // A local copy: the loop then reads no field per character (it is replaced only when it grows).
    let word = this.word;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? FOLDED[text.charCodeAt(i)]! : 0;
      if (c > APOSTROPHE) {
        if (length === word.length) word = this.word = grow(word, length + 1);
        word[length++] = c;
        hash = hashStep(hash, c);
      } else if (c === APOSTROPHE) {
        // Dropped, joining its neighbours ("don't" → "dont"); a possessive "'s" is dropped whole.
        const next = text.charCodeAt(i + 1);
        if ((next === LOWER_S || next === UPPER_S) && !isRegexWordChar(text.charCodeAt(i + 2))) i++;
      } else {
        if (length > 1) out.push(this.numberWord(length, hash, learn));
        length = 0;
        hash = HASH_SEED;
      }
    }
    return out;
  }

  /** The number of the word in `this.word`, stemming it the first time. */
  private numberWord(length: number, hash: number, learn: boolean): number {
    let id = this.byWord.get(this.word, length, hash);
    if (id < 0) {
      id = this.stemNumber(stemmer(unitsText(this.word, length)), learn);
      if (id >= 0) this.byWord.add(this.word, length, hash, id);
    }
    return id;
  }

  /** The number of a stem, learning it if new. */
  learnStem(stem: string): number {
    return this.stemNumber(stem, true);
  }

  /** The stems numbered `from` and after, in order. */
  stemsFrom(from: number): string[] {
    return this.stems.slice(from);
  }

  /** The stem numbered `n`. */
  stem(n: number): string {
    return this.stems[n]!;
  }

  get size(): number {
    return this.stems.length;
  }

  private stemNumber(stem: string, learn: boolean): number {
    let id = this.byStem.get(stem);
    if (id === undefined) {
      if (!learn) return -1;
      this.byStem.set(stem, (id = this.stems.length));
      this.stems.push(stem);
    }
    return id;
  }
}
