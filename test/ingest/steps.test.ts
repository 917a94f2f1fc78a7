import { beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/core/library.ts';
import { cleanText } from '../../src/ingest/clean.ts';
import { findDates } from '../../src/ingest/dates.ts';
import { archived, DuplicateIndex } from '../../src/ingest/duplicates.ts';
import { readArticle } from '../../src/ingest/input.ts';
import { findActors } from '../../src/ingest/mentions.ts';
import { findQuotes } from '../../src/ingest/quotes.ts';
import { draftSummary } from '../../src/ingest/summary.ts';
import { shippedLibrary } from '../helpers/library.ts';

const F = 'test/fixtures/ingest';
const text = (name: string) => cleanText(readArticle(`${F}/${name}`).text);
const body = (name: string) => text(name).paragraphs.join('\n');

let lib: Library;
beforeAll(async () => {
  lib = await shippedLibrary();
});

describe('clean', () => {
  it('keeps title, byline and body; drops furniture and the trailing block of other stories', () => {
    const a = text('talks-a.txt');
    expect(a.title).toBe('Berlin and Kyiv weigh a new round of talks');
    expect(a.byline).toBe('Tomas Reyes');
    expect(a.outletHint).toBe('Example News');
    const all = a.paragraphs.join('\n');
    for (const furniture of ['scroll to top', 'Pool via REUTERS', 'Share this article', 'newsletter', 'More from', 'Elon Musk', 'Jess Frampton']) expect(all).not.toContain(furniture);
    expect(a.paragraphs).toHaveLength(4);
  });

  it('reads a saved HTML page through Readability to the same article', () => {
    const b = text('talks-b.html');
    expect(b.title).toBe('Berlin and Kyiv weigh a new round of talks');
    expect(b.paragraphs.join('\n')).toContain('Baltic Policy Institute');
    expect(b.paragraphs.join('\n')).not.toMatch(/Home|Subscribe|All rights reserved|Image: Reuters/);
  });
});

describe('duplicates', () => {
  it('recognises another scrape and a syndicated copy, and not a different story', () => {
    const index = new DuplicateIndex();
    index.add(archived('src-talks', body('talks-a.txt')));
    expect(index.find(body('talks-b.html'))?.article.sourceId).toBe('src-talks');
    expect(index.find(body('talks-syndicated.txt'))?.article.sourceId).toBe('src-talks');
    expect(index.find(body('other-story.txt'))).toBeUndefined();
  });
});

describe('actors, dates, quotes, summary', () => {
  it('links registry actors by any spelling, and lists candidate new names with their sentence', () => {
    const { actors, candidates } = findActors(body('talks-a.txt'), lib);
    expect(actors).toEqual(expect.arrayContaining(['olaf-scholz', 'volodymyr-zelenskyy', 'sergei-lavrov']));
    expect(candidates.map((c) => c.name)).toContain('Baltic Policy Institute');
    expect(candidates.find((c) => c.name === 'Baltic Policy Institute')!.sentence).toMatch(/^Analysts at the Baltic Policy Institute/);
    expect(candidates.map((c) => c.name).join()).not.toMatch(/Musk|Novak|Frampton/);
  });

  it('resolves relative dates against publication: Saturday before, three days after that, Thursday ahead', () => {
    const dates = findDates(body('talks-a.txt'), '2022-02-15').map((d) => [d.date, d.basis]);
    expect(dates).toEqual([
      ['2022-02-12', 'on Saturday'],
      ['2022-02-15', 'Three days later (after 2022-02-12)'],
      ['2022-02-17', 'on Thursday'],
    ]);
  });

  it('attributes quotes to their speaker', () => {
    expect(findQuotes(text('talks-a.txt').paragraphs)).toEqual([expect.objectContaining({ text: 'We will keep every channel open for as long as it takes,', speaker: 'Olaf Scholz' })]);
  });

  it('drafts a summary from the most central sentences, in reading order', () => {
    const paragraphs = text('talks-a.txt').paragraphs;
    const summary = draftSummary(paragraphs, 2);
    expect(summary).toHaveLength(2);
    const all = paragraphs.join(' ');
    expect(all.indexOf(summary[0]!)).toBeLessThan(all.indexOf(summary[1]!));
  });
});
