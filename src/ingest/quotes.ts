// Quoted spans with their speaker where the text attributes them ("…," says X / X said "…").
export type FoundQuote = { text: string; speaker?: string; sentence: string };

const QUOTE = /[“"]([^”"]{3,400})[”"]/g;
const SAYS_AFTER = /^\s*,?\s*(?:says|said|adds|added|told)\s+((?:[A-Z][\p{L}.'’-]+\s?){1,4})/u;
const SAYS_BEFORE = /((?:[A-Z][\p{L}.'’-]+\s?){1,4})\s+(?:says|said|adds|added|warned|characterized [^“"]+ as)\b[^“"]{0,80}$/u;

export function findQuotes(paragraphs: string[]): FoundQuote[] {
  const out: FoundQuote[] = [];
  for (const p of paragraphs) {
    for (const m of p.matchAll(QUOTE)) {
      const after = SAYS_AFTER.exec(p.slice(m.index + m[0].length));
      const before = SAYS_BEFORE.exec(p.slice(Math.max(0, m.index - 160), m.index));
      const speaker = (after?.[1] ?? before?.[1])?.trim();
      out.push({ text: m[1]!.trim(), speaker, sentence: p });
    }
  }
  return out;
}
