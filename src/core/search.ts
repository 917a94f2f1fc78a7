// Full-text search (FlexSearch): one document per briefing; the snippet is its passage that matches the query best.
import FlexSearch from 'flexsearch';
import { stemmer } from 'stemmer';
import type { Actor, Briefing } from './model.ts';
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

/**
 * Words folded (case, accents) and stemmed, so "sanction", "sanctions" and "sanctioned" meet.
 * Stems are cached: an archive repeats its vocabulary far more often than it grows it.
 */
function stemmedWords(): (text: string) => string[] {
  const stems = new Map<string, string>();
  return (text) => {
    const out: string[] = [];
    for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
      if (word.length < 2) continue;
      let stem = stems.get(word);
      if (stem === undefined) stems.set(word, (stem = stemmer(/^[\x00-\x7f]*$/.test(word) ? word : normalize(word))));
      out.push(stem);
    }
    return out;
  };
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
  const byId = new Map(briefings.map((b) => [b.id, b]));
  const index = new FlexSearch.Index({ tokenize: 'strict', encode: stemmedWords() });
  const ids = briefings.map((b) => b.id);
  briefings.forEach((b, i) => index.add(i, indexText(b, nameOf)));

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
      // Every word first; failing that, any word. Coverage after the as-of day is skipped, asking for more until enough are visible.
      for (const suggest of [false, true]) {
        for (let want = limit * 4; ; want *= 4) {
          const found = index.search(text, { limit: want, suggest }) as number[];
          const visible = found.map((i) => ids[i]!).filter((id) => visibleFrom(id) <= asOf);
          if (visible.length >= limit || found.length < want) {
            if (!visible.length) break;
            const queryTerms = terms(text);
            return visible.slice(0, limit).map((id, rank) => ({ briefingId: id, passage: best(byId.get(id)!, queryTerms), score: 1 / (rank + 1) }));
          }
        }
      }
      return [];
    },
  };
}
