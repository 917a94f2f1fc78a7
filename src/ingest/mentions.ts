// Actors in an article: registry actors by any alias (the core's resolver), and candidate new names for the curator.
import type { Library } from '../core/library.ts';
import { splitSentences } from '../core/search.ts';

export type Candidate = { name: string; sentence: string };

/** Capitalised runs of two or more words ("Joshua Yaffa", "Defense Priorities") that may name a person or body. */
const NAME_RUN = /\b(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.)(?:\s+(?:(?:of|the|de|von|van)(?=\s+\p{Lu})|\p{Lu}[\p{L}'’-]+|\p{Lu}\.)){1,4}/gu;
const NOT_NAMES = /^(The|This|That|These|Those|But|And|So|If|While|Some|Many|Given|Considering|Over|Enter|Is|Can|What|Whatever|Moscow|Washington|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b/;

export function findActors(text: string, library: Library): { actors: string[]; candidates: Candidate[] } {
  const actors = new Set<string>();
  const candidates = new Map<string, Candidate>();
  for (const sentence of splitSentences(text)) {
    const known = library.actorResolver.mentions(sentence);
    for (const m of known) if (m.value.length === 1) actors.add(m.value[0]!.id);
    for (const match of sentence.matchAll(NAME_RUN)) {
      const name = match[0].replace(/[’']s$/, '').trim();
      if (NOT_NAMES.test(name) || name.split(/\s+/).length < 2 || library.topicResolver.mentioned(name).length) continue;
      // A run that the registry already covers (fully or by one of its names) is not a candidate.
      const start = match.index;
      if (known.some((k) => k.start < start + name.length && k.end > start)) continue;
      if (!candidates.has(name)) candidates.set(name, { name, sentence });
    }
  }
  return { actors: [...actors], candidates: [...candidates.values()] };
}
