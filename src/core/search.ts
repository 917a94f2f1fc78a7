// Full-text search (MiniSearch): one document per briefing; the snippet is its passage that matches the query best.
import MiniSearch from 'minisearch';
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

/** MiniSearch's tokenizer has already split on spaces and punctuation: fold case and accents, drop one-letter bits. */
function foldTerm(term: string): string | null {
  if (term.length < 2) return null;
  const lower = term.toLowerCase();
  return /^[\x00-\x7f]*$/.test(lower) ? lower : normalize(lower) || null;
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
  const mini = new MiniSearch<{ id: string; text: string }>({
    fields: ['text'],
    processTerm: foldTerm,
    searchOptions: { prefix: (t) => t.length >= 4, fuzzy: (t) => (t.length >= 6 ? 0.2 : false) },
  });
  mini.addAll(briefings.map((b) => ({ id: b.id, text: indexText(b, nameOf) })));

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
      const visible = (r: { id: unknown }) => visibleFrom(String(r.id)) <= asOf;
      let results = mini.search(text, { combineWith: 'AND', filter: visible });
      if (!results.length) results = mini.search(text, { combineWith: 'OR', filter: visible });
      const queryTerms = terms(text);
      return results.slice(0, limit).map((r) => {
        const b = byId.get(String(r.id))!;
        return { briefingId: b.id, passage: best(b, queryTerms), score: r.score };
      });
    },
  };
}
