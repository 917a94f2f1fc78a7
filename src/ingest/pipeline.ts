// `briefbot ingest`: raw articles in → cleaned, de-duplicated, linked, dated, quoted → draft briefings out.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import path from 'node:path';
import type { Library } from '../core/library.ts';
import { NOT_STATED, type Source } from '../core/model.ts';
import { cleanText } from './clean.ts';
import { findDates } from './dates.ts';
import { findActors } from './mentions.ts';
import { archived, DuplicateIndex, type ArchivedArticle } from './duplicates.ts';
import { renderDraft, renderSource, slug } from './draft.ts';
import { expandInputs, readArticle } from './input.ts';
import { findQuotes } from './quotes.ts';
import { draftSummary } from './summary.ts';

export type IngestOptions = { library: Library; draftsDir: string; indexFile: string; published?: string; outlet?: string };

export type IngestResult =
  | { file: string; kind: 'draft'; draft: string; sourceId: string; actors: number; candidates: number; dates: number; quotes: number }
  | { file: string; kind: 'copy'; sourceId: string; jaccard: number }
  | { file: string; kind: 'error'; message: string };

function loadIndex(file: string): DuplicateIndex {
  const index = new DuplicateIndex();
  if (existsSync(file)) for (const a of JSON.parse(readFileSync(file, 'utf8')) as ArchivedArticle[]) index.add(a);
  return index;
}

/** A date the text states in a "Published …" line, for articles whose page shows one. */
function statedDate(text: string): string | undefined {
  const m = /^(?:published|posted|updated)?:?\s*(\d{4}-\d{2}-\d{2})\b/im.exec(text);
  return m?.[1];
}

export function ingest(inputs: string[], opts: IngestOptions, progress?: (done: number, total: number) => void): IngestResult[] {
  const files = expandInputs(inputs);
  const index = loadIndex(opts.indexFile);
  const results: IngestResult[] = [];
  files.forEach((file, i) => {
    try {
      results.push(ingestOne(file, opts, index));
    } catch (err) {
      results.push({ file, kind: 'error', message: (err as Error).message });
    }
    progress?.(i + 1, files.length);
  });
  mkdirSync(path.dirname(opts.indexFile), { recursive: true });
  writeFileSync(opts.indexFile, JSON.stringify(index.articles));
  return results;
}

function ingestOne(file: string, opts: IngestOptions, index: DuplicateIndex): IngestResult {
  const article = cleanText(readArticle(file).text);
  const text = article.paragraphs.join('\n');
  if (!article.title || article.paragraphs.length === 0) return { file, kind: 'error', message: 'no article text found after cleaning' };
  const dup = index.find(text);
  if (dup) {
    recordCopy(opts.draftsDir, dup.article.sourceId, file);
    return { file, kind: 'copy', sourceId: dup.article.sourceId, jaccard: Number(dup.jaccard.toFixed(2)) };
  }
  const published = opts.published ?? statedDate(readArticle(file).text);
  if (!published) return { file, kind: 'error', message: 'the text does not say when it was published: pass --published YYYY-MM-DD' };

  const { library } = opts;
  const { actors, candidates } = findActors(`${article.title}\n${text}`, library);
  const dates = findDates(text, published);
  const quotes = findQuotes(article.paragraphs).map((q) => {
    const r = q.speaker ? library.actorResolver.resolve(q.speaker) : undefined;
    return { ...q, speakerId: r?.kind === 'found' ? r.actor.id : undefined };
  });
  const topics = [...new Set(library.topicResolver.mentioned(text).map((t) => t.id))];
  const sourceId = `${slug(opts.outlet ?? article.outletHint ?? article.byline ?? 'source')}-${published}-${slug(article.title).slice(0, 30).replace(/-+$/, '')}`;
  const source: Source = {
    id: sourceId,
    outlet: opts.outlet ?? article.outletHint ?? NOT_STATED,
    title: article.title,
    author: article.byline ?? NOT_STATED,
    published,
    kind: 'news',
    copies: [{ file: path.basename(file), note: 'ingested' }],
  };
  mkdirSync(opts.draftsDir, { recursive: true });
  const draft = path.join(opts.draftsDir, `${published}-${slug(article.title)}.md`);
  writeFileSync(draft, renderDraft({ sourceId, source, title: article.title, actors, topics, candidates, dates, quotes, summary: draftSummary(article.paragraphs) }));
  writeFileSync(draft.replace(/\.md$/, '.source.yaml'), renderSource(source));
  index.add(archived(sourceId, text));
  return { file, kind: 'draft', draft, sourceId, actors: actors.length, candidates: candidates.length, dates: dates.length, quotes: quotes.length };
}

/** Another copy of a known article goes on its pending source entry; for a published source, onto copies.log for the curator. */
function recordCopy(draftsDir: string, sourceId: string, file: string): void {
  mkdirSync(draftsDir, { recursive: true });
  for (const name of readdirSync(draftsDir).filter((n) => n.endsWith('.source.yaml'))) {
    const doc = parseDocument(readFileSync(path.join(draftsDir, name), 'utf8'));
    if (doc.get('id') !== sourceId) continue;
    const copies = (doc.toJS().copies ?? []) as { file?: string }[];
    if (!copies.some((c) => c.file === path.basename(file))) doc.set('copies', [...copies, { file: path.basename(file), note: 'another copy (near-duplicate)' }]);
    writeFileSync(path.join(draftsDir, name), doc.toString({ lineWidth: 0 }));
    return;
  }
  const log = path.join(draftsDir, 'copies.log');
  writeFileSync(log, `${existsSync(log) ? readFileSync(log, 'utf8') : ''}${sourceId}\t${path.basename(file)}\n`);
}

export function summaryTable(results: IngestResult[]): string {
  const rows = results.map((r) =>
    r.kind === 'draft'
      ? `${path.basename(r.file)}\tnew draft ${path.basename(r.draft)}\tactors ${r.actors}, candidates ${r.candidates}, dates ${r.dates}, quotes ${r.quotes}`
      : r.kind === 'copy'
        ? `${path.basename(r.file)}\tcopy of ${r.sourceId} (Jaccard ${r.jaccard})\tno new source`
        : `${path.basename(r.file)}\terror\t${r.message}`,
  );
  return ['file\tresult\tfound', ...rows].join('\n') + '\n';
}
