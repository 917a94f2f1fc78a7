// Assembles a draft briefing (status: draft, same schema as published ones) and the source entry it proposes.
import { stringify } from 'yaml';
import type { FrontMatter, Source } from '../core/model.ts';
import type { Candidate } from './mentions.ts';
import type { FoundDate } from './dates.ts';
import type { FoundQuote } from './quotes.ts';

export type DraftInput = {
  sourceId: string;
  source: Source;
  title: string;
  actors: string[];
  topics: string[];
  candidates: Candidate[];
  dates: FoundDate[];
  quotes: (FoundQuote & { speakerId?: string })[];
  summary: string[];
};

const clip = (s: string, n = 280) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'article';
}

export function renderDraft(d: DraftInput): string {
  const attributed = d.quotes.filter((q) => q.speakerId);
  const front: FrontMatter = {
    id: `${d.source.published}-${slug(d.title)}`,
    title: d.title,
    published: d.source.published,
    status: 'draft',
    topics: d.topics,
    actors: d.actors,
    sources: [d.sourceId],
    key_points: [],
    events: d.dates
      .filter((x) => x.date <= d.source.published || x.precision === 'day')
      .map((x) => ({ date: x.date, precision: x.precision, basis: x.basis, text: clip(x.sentence), actors: [], topics: [], sources: [d.sourceId] })),
    quotes: attributed.map((q) => ({ speaker: q.speakerId!, text: q.text, said: { date: d.source.published, precision: 'before' as const }, context: clip(q.sentence, 200), source: d.sourceId })),
    watch: [],
  };
  const notes = [
    '# DRAFT from `briefbot ingest`: rewrite the summary in our own words, turn events into our wording,',
    '# add key points and what to watch, check every date and quote against the article, then `briefbot publish`.',
    ...d.candidates.map((c) => `# candidate actor (add to actors.yaml or dismiss): ${c.name} — “${clip(c.sentence, 160)}”`),
    ...d.quotes.filter((q) => !q.speakerId).map((q) => `# unattributed quote${q.speaker ? ` (speaker “${q.speaker}” not in the registry)` : ''}: “${clip(q.text, 160)}”`),
  ];
  const body = ['<!-- Extractive draft: the most central sentences of the article, in order. Rewrite before publishing. -->', '', ...d.summary].join('\n');
  return `---\n${notes.join('\n')}\n${stringify(front, { lineWidth: 0 }).trimEnd()}\n---\n${body}\n`;
}

export function renderSource(source: Source): string {
  return `# Proposed sources.yaml entry for this draft; \`briefbot publish\` adds it.\n${stringify(source, { lineWidth: 0 })}`;
}
