// Full-text search (BM25 over an inverted index): one document per briefing; the snippet is its passage that matches the query best.
import { stemmer } from 'stemmer';
import type { Actor, Briefing } from './model.ts';
import { InvertedIndex } from './inverted-index.ts';
import { TermDictionary, wordsOf } from './terms.ts';
import { numberOwnTexts } from './briefing-terms.ts';

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

/** Key points first (crisp, item-cited), then events, quotes and the title; the summary's sentences after them. */
export function passages(b: Briefing, nameOf: (id: string) => string): { items: Passage[]; summary: (worth: (paragraph: string) => boolean) => Passage[] } {
  return {
    items: [
      ...b.key_points.map((p) => ({ text: p.text, sources: p.sources })),
      ...b.events.map((e) => ({ text: e.text, sources: e.sources })),
      ...b.quotes.map((q) => ({ text: `${nameOf(q.speaker)}: “${q.text}” (${q.context})`, sources: [q.source] })),
      { text: b.title, sources: b.sources },
    ],
    /** Sentences of the paragraphs `worth` picks (splitting is costly; a search needs few). */
    summary: (worth) =>
      b.summary
        .split(/\n\s*\n/)
        .filter(worth)
        .flatMap((para) => splitSentences(para).map((s) => ({ text: s, sources: b.sources }))),
  };
}

/**
 * Fills the search index briefing by briefing, in any order (a large folder's as its files are parsed);
 * `finish` numbers them in the library's order. `nameOf` gives a speaker's name, by which their quotes are found too.
 */
export class SearchIndexBuilder {
  private readonly index = new InvertedIndex();
  /** Added briefings by file: a file holds one briefing, and ids are only known unique after the cross-check. */
  private readonly docs = new Map<string, number>();
  private readonly speakerTerms = new Map<string, number[]>();

  constructor(
    private readonly nameOf: (id: string) => string,
    readonly dictionary = new TermDictionary(),
  ) {}

  /**
   * `own`: the distinct terms of the briefing's own texts (numbered with `dictionary`) and how often each occurs, as
   * a worker thread counted them; numbered here if not given.
   */
  add(b: Briefing, own?: { terms: ArrayLike<number>; counts: ArrayLike<number> }): void {
    const speakers = b.quotes.map((q) => this.speaker(q.speaker));
    const doc = own ? this.index.addCounted(own.terms, own.counts, ...speakers) : this.index.add(numberOwnTexts(b, this.dictionary), ...speakers);
    this.docs.set(b.file, doc);
  }

  private speaker(id: string): number[] {
    let terms = this.speakerTerms.get(id);
    if (!terms) this.speakerTerms.set(id, (terms = this.dictionary.numbers(this.nameOf(id), true)));
    return terms;
  }

  /** The index over `briefings`, in their order (any not added yet are added now); the builder is spent. */
  finish(briefings: Briefing[]): SearchIndex {
    for (const b of briefings) if (!this.docs.has(b.file)) this.add(b);
    this.index.freeze(briefings.map((b) => this.docs.get(b.file)!));
    return searchOver(briefings, this.index, this.dictionary, this.nameOf);
  }
}

export function buildSearchIndex(briefings: Briefing[], actors: Actor[], builder?: SearchIndexBuilder): SearchIndex {
  return (builder ?? new SearchIndexBuilder(actorNames(actors))).finish(briefings);
}

/** An actor's name by id (an unknown id stands for itself). */
export function actorNames(actors: Actor[]): (id: string) => string {
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return (id) => names.get(id) ?? id;
}

/**
 * A query word as it may stand in the text: `normalize` dropped its inner apostrophes ("we're" → "were"), so any may
 * follow a letter. wordsOf yields letters and digits only: nothing to escape.
 */
const asTyped = (word: string) => [...word].join(`['’\`´]?`);

function searchOver(briefings: Briefing[], index: InvertedIndex, dictionary: TermDictionary, nameOf: (id: string) => string): SearchIndex {
  /**
   * The first passage holding the most query words; one holding them all ends the scan.
   * A word counts in any form starting with its stem ("sanction" → "sanctioned") or as typed.
   */
  const best = (b: Briefing, words: RegExp[]): Passage => {
    let top: Passage | undefined;
    let topScore = -1;
    const holds = (text: string) => words.filter((w) => w.test(text)).length;
    const { items, summary } = passages(b, nameOf);
    for (const p of items) {
      const score = holds(p.text);
      if (score > topScore) [top, topScore] = [p, score];
      if (score === words.length) return p;
    }
    // Splitting sentences is the costly part: only when the summary as a whole could do better.
    if (holds(b.summary) <= topScore) return top!;
    for (const p of summary((para) => holds(para) > topScore)) {
      const score = holds(p.text);
      if (score > topScore) [top, topScore] = [p, score];
      if (score === words.length) break;
    }
    return top!;
  };

  return {
    query(text, { asOf, visibleFrom, limit = 8 }) {
      const query = dictionary.numbers(text, false);
      if (!query.length) return [];
      const accept = (doc: number) => visibleFrom(briefings[doc]!.id) <= asOf;
      // Every word first; failing that, any word. Coverage after the as-of day is never offered.
      for (const all of [true, false]) {
        const ranked = index.search(query, { all, limit, accept });
        if (!ranked.length) continue;
        const words = [...new Set(wordsOf(text))].map((w) => new RegExp(`\\b(?:${asTyped(stemmer(w))}|${asTyped(w)})`, 'iu'));
        return ranked.map((r) => ({ briefingId: briefings[r.doc]!.id, passage: best(briefings[r.doc]!, words), score: r.score }));
      }
      return [];
    },
  };
}
