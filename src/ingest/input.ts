// Reading raw coverage: plain text as is; saved HTML pages through Readability over a linkedom DOM.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export type RawArticle = { file: string; text: string };

/** Files, or every .txt/.html file in a folder, in name order. */
export function expandInputs(inputs: string[]): string[] {
  return inputs.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p).filter((f) => /\.(txt|html?)$/i.test(f)).sort().map((f) => path.join(p, f))
      : [p],
  );
}

export function readArticle(file: string): RawArticle {
  const raw = readFileSync(file, 'utf8');
  if (!/\.html?$/i.test(file)) return { file, text: raw };
  const { document } = parseHTML(raw);
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  // Title first, then the byline, then the text's paragraphs: the same shape as a text scrape.
  const text = [article?.title ?? '', article?.byline ? `By ${article.byline}` : '', article?.textContent ?? ''].join('\n');
  return { file, text };
}
