// The texts a briefing is found by, numbered as search terms. What this module and its imports do decides a cached parse's terms (parse-cache.ts).
import type { Briefing } from './model.ts';
import type { TermDictionary } from './terms.ts';

/**
 * The texts a briefing is found by that need nothing beyond the briefing, so a worker thread can number them.
 * Its quotes' speakers are added by name when indexing. Sentence splitting waits until a snippet is needed.
 */
export function ownTexts(b: Briefing): string[] {
  return [b.title, b.summary, ...b.key_points.map((p) => p.text), ...b.events.map((e) => e.text), ...b.quotes.flatMap((q) => [q.text, q.context])];
}

/** A briefing's own texts, numbered. */
export function numberOwnTexts(b: Briefing, dictionary: TermDictionary, out: number[] = []): number[] {
  for (const text of ownTexts(b)) dictionary.numbers(text, true, out);
  return out;
}
