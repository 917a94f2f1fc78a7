// Actor resolution: any alias, surname, title, possessive, spelling variant or small typo → an actor, candidates, or none.
import { distance } from 'fastest-levenshtein';
import type { Actor } from './model.ts';
import { keyWords } from './normalize.ts';
import { PhraseFinder, tokenize, type PhraseMatch } from './tokens.ts';

export type Resolution =
  | { kind: 'found'; actor: Actor; /** set when a typo was corrected */ correctedFrom?: string }
  | { kind: 'ambiguous'; candidates: Actor[] }
  | { kind: 'unknown'; query: string; suggestions: Actor[] };

/** Words too common to stand for a person on their own. */
const NOT_A_NAME = new Set(['president', 'minister', 'foreign', 'secretary', 'chancellor', 'state', 'deputy', 'prime', 'leader', 'of', 'and']);

export class ActorResolver {
  private readonly finder = new PhraseFinder<Actor>();
  /** Single words of people's names ("scholz", "olaf", "sergei") → the people they may mean. */
  private readonly nameWords = new Map<string, Set<Actor>>();
  private readonly keys: { key: string; actor: Actor }[] = [];

  constructor(private readonly actors: Actor[]) {
    for (const actor of actors) {
      for (const name of allNames(actor)) {
        this.finder.add(name, actor);
        this.keys.push({ key: keyWords(name).join(' '), actor });
      }
      if (actor.kind !== 'person') continue;
      for (const name of [actor.name, ...actor.aliases]) {
        for (const t of tokenize(name)) {
          if (t.norm.length < 3 || NOT_A_NAME.has(t.norm)) continue;
          const set = this.nameWords.get(t.norm) ?? new Set();
          set.add(actor);
          this.nameWords.set(t.norm, set);
        }
      }
    }
  }

  /** Every actor named in a text, with where; a bare first name shared by two people yields both. */
  mentions(text: string): PhraseMatch<Actor[]>[] {
    const found = this.finder.find(text);
    const covered = (start: number) => found.some((m) => start >= m.start && start < m.end);
    for (const t of tokenize(text)) {
      const people = this.nameWords.get(t.norm);
      if (people && !covered(t.start)) found.push({ value: [...people], start: t.start, end: t.end, tokens: [t] });
    }
    return found.sort((a, b) => a.start - b.start);
  }

  resolve(query: string): Resolution {
    const key = keyWords(query).join(' ');
    if (!key) return { kind: 'unknown', query, suggestions: [] };
    const exact = unique(this.keys.filter((k) => k.key === key).map((k) => k.actor));
    if (exact.length === 1) return { kind: 'found', actor: exact[0]! };

    const named = unique(this.mentions(query).flatMap((m) => m.value));
    if (named.length === 1) return { kind: 'found', actor: named[0]! };
    if (named.length > 1) return { kind: 'ambiguous', candidates: named };

    const near = this.nearest(key);
    if (near.length === 1) return { kind: 'found', actor: near[0]!, correctedFrom: query };
    if (near.length > 1) return { kind: 'ambiguous', candidates: near };
    return { kind: 'unknown', query, suggestions: this.suggest(key) };
  }

  /** Typos: the closest names within a small edit distance, word by word or whole. */
  private nearest(key: string): Actor[] {
    const scored: { actor: Actor; d: number }[] = [];
    const allowed = (len: number) => (len >= 7 ? 2 : len >= 4 ? 1 : 0);
    for (const k of this.keys) {
      const d = distance(key, k.key);
      if (d <= allowed(Math.min(key.length, k.key.length))) scored.push({ actor: k.actor, d });
    }
    for (const word of key.split(' ')) {
      for (const [w, people] of this.nameWords) {
        const d = distance(word, w);
        if (d <= allowed(Math.min(word.length, w.length))) for (const actor of people) scored.push({ actor, d });
      }
    }
    if (!scored.length) return [];
    const best = Math.min(...scored.map((s) => s.d));
    return unique(scored.filter((s) => s.d === best).map((s) => s.actor));
  }

  /** The three names nearest to an unknown one, word by word ("Trump" → "Truss"), for "did you mean". */
  private suggest(key: string): Actor[] {
    const ranked: { actor: Actor; score: number }[] = [];
    for (const k of this.keys) {
      let best = 1;
      for (const q of key.split(' ')) {
        for (const w of k.key.split(' ')) best = Math.min(best, distance(q, w) / Math.max(q.length, w.length));
      }
      if (best <= 0.4) ranked.push({ actor: k.actor, score: best });
    }
    ranked.sort((a, b) => a.score - b.score);
    return unique(ranked.map((r) => r.actor)).slice(0, 3);
  }

  /** Autocomplete: actors whose name, alias or title starts with (or contains) what was typed. */
  complete(typed: string, limit = 25): Actor[] {
    const key = keyWords(typed).join(' ');
    if (!key) return this.actors.slice(0, limit);
    const starts: Actor[] = [];
    const contains: Actor[] = [];
    for (const k of this.keys) {
      if (k.key.startsWith(key) || k.key.split(' ').some((w) => w.startsWith(key))) starts.push(k.actor);
      else if (k.key.includes(key)) contains.push(k.actor);
    }
    return unique([...starts, ...contains]).slice(0, limit);
  }
}

export function allNames(actor: Actor): string[] {
  return [actor.name, ...actor.aliases, ...actor.titles];
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
