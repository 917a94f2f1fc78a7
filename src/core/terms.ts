// Term numbers for search: words folded (case, accents) and stemmed, so "sanction", "sanctions" and "sanctioned" meet.
import { stemmer } from 'stemmer';
import { words } from './normalize.ts';

const PLAIN_ASCII = /^[\x00-\x7f]*$/;

const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);

/** Lower-case runs of letters and digits, at least two long; accents are folded (`words`) when the text has any. */
export function wordsOf(text: string): string[] {
  if (!PLAIN_ASCII.test(text)) return words(text).filter((t) => t.length > 1);
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && isWordChar(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start > 1) out.push(text.slice(start, i).toLowerCase());
      start = -1;
    }
  }
  return out;
}

/** Numbers each stem 0, 1, 2…; a word is stemmed once, the first time it is met. */
export class TermDictionary {
  private readonly byStem = new Map<string, number>();
  private readonly byWord = new Map<string, number>();
  /** Stems by number, so another thread's numbers can be translated (see `stemsFrom`). */
  private readonly stems: string[] = [];

  /** A text's term numbers, appended to `out`; with `learn` false (queries) a stem the archive lacks is -1 and nothing is added. */
  numbers(text: string, learn: boolean, out: number[] = []): number[] {
    for (const word of wordsOf(text)) {
      let id = this.byWord.get(word);
      if (id === undefined) {
        id = this.stemNumber(stemmer(word), learn);
        if (id >= 0) this.byWord.set(word, id);
      }
      out.push(id);
    }
    return out;
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
