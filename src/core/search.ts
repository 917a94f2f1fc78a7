// Full-text search (BM25 over an inverted index): one document per briefing; the snippet is its passage that matches the query best.
import { stemmer } from 'stemmer';
import type { Actor, Briefing } from './model.ts';
import { InvertedIndex } from './inverted-index.ts';
import { normalize } from './normalize.ts';

/** A citable piece of a briefing: a key point, an event, a quote or a summary sentence. */
export type Passage = { text: string; sources: string[] };

export type SearchHit = { briefingId: string; passage: Passage; score: number };

export type SearchIndex = {
  query(text: string, opts: { asOf: string; visibleFrom: (briefingId: string) => string; limit?: number }): SearchHit[];
};

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

export function splitSentences(text: string): string[] {
  return [...sentences.segment(text.replace(/\s+/g, ' '))].map((s) => s.segment.trim()).filter(Boolean);
}

/** Key points first (crisp, item-cited), then events, quotes, the title and the summary's sentences. */
export function passages(b: Briefing, nameOf: (id: string) => string): Passage[] {
  return [
    ...b.key_points.map((p) => ({ text: p.text, sources: p.sources })),
    ...b.events.map((e) => ({ text: e.text, sources: e.sources })),
    ...b.quotes.map((q) => ({ text: `${nameOf(q.speaker)}: “${q.text}” (${q.context})`, sources: [q.source] })),
    { text: b.title, sources: b.sources },
    ...splitSentences(b.summary).map((s) => ({ text: s, sources: b.sources })),
  ];
}

const terms = (text: string) => normalize(text).split(' ').filter((t) => t.length > 1);

const PLAIN_ASCII = /^[\x00-\x7f]*$/;

/** Lower-case runs of letters and digits; a character loop for plain ASCII (nearly all text), `normalize` otherwise. */
function wordsOf(text: string): string[] {
  if (!PLAIN_ASCII.test(text)) return terms(text);
  const lower = text.toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (i - start > 1) out.push(lower.slice(start, i));
      start = -1;
    }
  }
  return out;
}

/**
 * Words folded (case, accents) and stemmed, so "sanction", "sanctions" and "sanctioned" meet, as term numbers.
 * Cached by word: an archive repeats its vocabulary far more often than it grows it.
 * Queries never add terms (`learn` false): a word the archive lacks is -1.
 */
function termNumbers(): (text: string, learn: boolean) => number[] {
  const byWord = new Map<string, number>();
  const byStem = new Map<string, number>();
  return (text, learn) =>
    wordsOf(text).map((word) => {
      const known = byWord.get(word);
      if (known !== undefined) return known;
      const stem = stemmer(word);
      let id = byStem.get(stem);
      if (id === undefined) {
        if (!learn) return -1;
        byStem.set(stem, (id = byStem.size));
      }
      byWord.set(word, id);
      return id;
    });
}

/** The words a briefing is found by; sentence splitting waits until a snippet is needed. */
function indexText(b: Briefing, nameOf: (id: string) => string): string {
  return [
    b.title,
    b.summary,
    ...b.key_points.map((p) => p.text),
    ...b.events.map((e) => e.text),
    ...b.quotes.map((q) => `${nameOf(q.speaker)} ${q.text} ${q.context}`),
  ].join('\n');
}

export function buildSearchIndex(briefings: Briefing[], actors: Actor[]): SearchIndex {
  const names = new Map(actors.map((a) => [a.id, a.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const encode = termNumbers();
  const index = new InvertedIndex();
  for (const b of briefings) index.add(encode(indexText(b, nameOf), true));
  index.freeze();

  /** The passage sharing the most query words (or their prefixes) with the query. */
  const best = (b: Briefing, queryTerms: string[]): Passage => {
    let top: Passage | undefined;
    let topScore = -1;
    for (const p of passages(b, nameOf)) {
      const words = terms(p.text);
      const score = queryTerms.filter((q) => words.some((w) => w === q || (q.length >= 4 && w.startsWith(q)))).length;
      if (score > topScore) [top, topScore] = [p, score];
    }
    return top!;
  };

  return {
    query(text, { asOf, visibleFrom, limit = 8 }) {
      const query = encode(text, false);
      if (!query.length) return [];
      const accept = (doc: number) => visibleFrom(briefings[doc]!.id) <= asOf;
      // Every word first; failing that, any word. Coverage after the as-of day is never offered.
      for (const all of [true, false]) {
        const ranked = index.search(query, { all, limit, accept });
        if (!ranked.length) continue;
        const queryTerms = terms(text);
        return ranked.map((r) => ({ briefingId: briefings[r.doc]!.id, passage: best(briefings[r.doc]!, queryTerms), score: r.score }));
      }
      return [];
    },
  };
}
