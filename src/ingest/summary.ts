// An extractive draft summary: the most central sentences, in reading order, for the curator to rewrite.
import { splitSentences } from '../core/search.ts';

const STOP = new Set('the a an of and to in on for with as by at from that this is are was were be been has have had it its their his her they he she not but or if than then so which who whom what when where will would can could may might into over after before about more most some such also only'.split(' '));

const words = (s: string) => s.toLowerCase().match(/\p{L}+/gu)?.filter((w) => w.length > 2 && !STOP.has(w)) ?? [];

export function draftSummary(paragraphs: string[], n = 3): string[] {
  const sentences = paragraphs.flatMap((p) => splitSentences(p));
  const freq = new Map<string, number>();
  for (const s of sentences) for (const w of new Set(words(s))) freq.set(w, (freq.get(w) ?? 0) + 1);
  // Centrality: how much of the article's recurring vocabulary a sentence carries, per word.
  const scored = sentences.map((s, i) => {
    const ws = words(s);
    return { i, s, score: ws.length ? ws.reduce((n, w) => n + (freq.get(w) ?? 0), 0) / Math.sqrt(ws.length) : 0 };
  });
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, n)
    .sort((a, b) => a.i - b.i)
    .map((x) => x.s);
}
