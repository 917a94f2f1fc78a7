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

  /** A text's term numbers; with `learn` false (queries) a stem the archive lacks is -1 and nothing is added. */
  numbers(text: string, learn: boolean): number[] {
    return wordsOf(text).map((word) => {
      let id = this.byWord.get(word);
      if (id === undefined) {
        id = this.stemNumber(word, learn);
        if (id >= 0) this.byWord.set(word, id);
      }
      return id;
    });
  }

  private stemNumber(word: string, learn: boolean): number {
    const stem = stemmer(word);
    let id = this.byStem.get(stem);
    if (id === undefined) {
      if (!learn) return -1;
      this.byStem.set(stem, (id = this.byStem.size));
    }
    return id;
  }
}
