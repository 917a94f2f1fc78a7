// Full-text search over briefings (titles, summary sentences, key points, events, quotes) with MiniSearch.
import MiniSearch from 'minisearch';
import type { Actor, Briefing } from './model.ts';
import { normalize } from './normalize.ts';

export type SearchDoc = {
  id: string;
  kind: 'title' | 'summary' | 'point' | 'event' | 'quote';
  briefingId: string;
  text: string;
  sources: string[];
  /** The briefing's publication day: what as-of filtering looks at. */
  published: string;
};

export type SearchHit = { doc: SearchDoc; score: number; terms: string[] };

export type SearchIndex = {
  query(text: string, opts: { asOf: string; limit?: number }): SearchHit[];
};

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

export function splitSentences(text: string): string[] {
  return [...sentences.segment(text.replace(/\s+/g, ' '))].map((s) => s.segment.trim()).filter(Boolean);
}

export function searchDocs(briefings: Briefing[], actors: Actor[]): SearchDoc[] {
  const nameOf = new Map(actors.map((a) => [a.id, a.name]));
  const docs: SearchDoc[] = [];
  for (const b of briefings) {
    const base = { briefingId: b.id, published: b.published };
    docs.push({ ...base, id: `${b.id}#title`, kind: 'title', text: b.title, sources: b.sources });
    splitSentences(b.summary).forEach((s, i) => docs.push({ ...base, id: `${b.id}#s${i}`, kind: 'summary', text: s, sources: b.sources }));
    b.key_points.forEach((p, i) => docs.push({ ...base, id: `${b.id}#p${i}`, kind: 'point', text: p.text, sources: p.sources }));
    b.events.forEach((e, i) => docs.push({ ...base, id: `${b.id}#e${i}`, kind: 'event', text: e.text, sources: e.sources }));
    b.quotes.forEach((q, i) =>
      docs.push({ ...base, id: `${b.id}#q${i}`, kind: 'quote', text: `${nameOf.get(q.speaker) ?? q.speaker}: “${q.text}” (${q.context})`, sources: [q.source] }),
    );
  }
  return docs;
}

export function buildSearchIndex(briefings: Briefing[], actors: Actor[]): SearchIndex {
  const docs = searchDocs(briefings, actors);
  const byId = new Map(docs.map((d) => [d.id, d]));
  const mini = new MiniSearch<SearchDoc>({
    fields: ['text'],
    idField: 'id',
    processTerm: (term) => normalize(term) || null,
    searchOptions: { prefix: (t) => t.length >= 4, fuzzy: (t) => (t.length >= 6 ? 0.2 : false), combineWith: 'AND', boost: { text: 1 } },
  });
  mini.addAll(docs);
  return {
    query(text, { asOf, limit = 10 }) {
      const run = (combineWith: 'AND' | 'OR') => mini.search(text, { combineWith });
      let results = run('AND');
      if (!results.length) results = run('OR');
      return results
        .map((r) => ({ doc: byId.get(String(r.id))!, score: r.score, terms: r.terms }))
        .filter((h) => h.doc.published <= asOf)
        .slice(0, limit);
    },
  };
}
