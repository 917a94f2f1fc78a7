// Writes a synthetic briefings folder of N briefings with realistic sizes, for the archive-scale benchmark.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const COMMON = 'the of and to in a that is for on with as by said at from was has have were will would its their talks sanctions pipeline ministers delegation security guarantees deployment border exercises alliance treaty ceasefire economy reserves ruble exports gas envoy summit statement pressure deterrence concessions withdrawal negotiations capitals troops missiles drills commitments'.split(' ');
const SYLLABLES = 'ka lo mi ne ru sta vor pel tin gar bes dro fin hal jus kor lem nat ost pra que ris sel tov uri vel wen xan yel zor'.split(' ');

/** A vocabulary shaped like real text: frequent words first, then a long tail of rarer ones (Zipf). */
function vocabulary(size: number): string[] {
  const words = [...COMMON];
  for (let i = 0; words.length < size; i++) {
    let n = i;
    let w = '';
    do {
      w += SYLLABLES[n % SYLLABLES.length];
      n = Math.floor(n / SYLLABLES.length);
    } while (n > 0);
    words.push(w + 'n');
  }
  return words;
}
export const WORDS = vocabulary(20_000);
/** Cumulative Zipf weights (p(rank) ∝ 1/rank) for sampling. */
const CUMULATIVE = (() => {
  let sum = 0;
  return WORDS.map((_, r) => (sum += 1 / (r + 1)));
})();

/** A small deterministic generator so every run measures the same archive. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function generateArchive(dir: string, count: number, seed = 1): void {
  mkdirSync(dir, { recursive: true });
  const rand = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const zipfWord = () => {
    const x = rand() * CUMULATIVE.at(-1)!;
    let lo = 0;
    let hi = CUMULATIVE.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (CUMULATIVE[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return WORDS[lo]!;
  };
  const sentence = (n: number) => {
    const w = Array.from({ length: n }, zipfWord);
    return w.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
  };
  const actorIds = Array.from({ length: 300 }, (_, i) => `person-${i}`);
  const actors = actorIds.map((id, i) => `  - id: ${id}\n    name: Person${i} Surname${i}\n    kind: person\n    role: Official number ${i}\n    aliases: [Surname${i}]\n    sources: [src-0]`);
  writeFileSync(path.join(dir, 'actors.yaml'), `actors:\n${actors.join('\n')}\n`);
  writeFileSync(path.join(dir, 'topics.yaml'), readFileSync('briefings/topics.yaml', 'utf8'));
  const topics = ['diplomacy', 'sanctions', 'nato', 'nord-stream-2', 'military-aid', 'troops', 'security-guarantees'];
  const start = Date.UTC(2015, 0, 1);
  const day = (i: number) => new Date(start + Math.floor((i / count) * 3650) * 86_400_000).toISOString().slice(0, 10);
  const sources: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `src-${i}`;
    const published = day(i);
    sources.push(`  - id: ${id}\n    outlet: Outlet ${i % 40}\n    title: Synthetic article ${i}\n    author: not stated\n    published: ${published}\n    kind: news`);
    const who = () => `[${pick(actorIds)}, ${pick(actorIds)}]`;
    const item = (extra = '') => `    actors: ${who()}\n    topics: [${pick(topics)}]\n    sources: [${id}]${extra}`;
    const fm = [
      `id: briefing-${i}`,
      `title: "${sentence(8).slice(0, -1)}"`,
      `published: ${published}`,
      'status: published',
      `topics: [${pick(topics)}, ${pick(topics)}]`,
      `actors: ${who()}`,
      `sources: [${id}]`,
      'key_points:',
      ...Array.from({ length: 5 }, () => `  - text: ${sentence(22)}\n${item()}`),
      'events:',
      ...Array.from({ length: 3 }, () => `  - date: ${published}\n    text: ${sentence(14)}\n${item()}`),
      'quotes:',
      ...Array.from({ length: 2 }, () => `  - speaker: ${pick(actorIds)}\n    text: "${sentence(12)}"\n    said: { date: ${published} }\n    context: ${sentence(6)}\n    source: ${id}`),
      'watch:',
      `  - text: ${sentence(12)}\n${item()}`,
    ];
    const body = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => sentence(18)).join(' ')).join('\n\n');
    writeFileSync(path.join(dir, `${published}-${i}.md`), `---\n${fm.join('\n')}\n---\n${body}\n`);
  }
  writeFileSync(path.join(dir, 'sources.yaml'), `sources:\n${sources.join('\n')}\n`);
}
