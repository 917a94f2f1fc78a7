import { beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../../src/core/answers.ts';
import type { Library } from '../../src/core/library.ts';
import { parseCommand } from '../../src/core/questions.ts';
import type { Reply } from '../../src/core/reply.ts';
import { shippedLibrary } from '../helpers/library.ts';
import { allText, citesOf, items, itemTexts } from '../helpers/reply.ts';

let lib: Library;
beforeAll(async () => {
  lib = await shippedLibrary();
});

const GZERO = 'gzero-2022-02-14-diplomacy-failed';
const DEPETRIS = 'depetris-2022-01-10-talks-must-continue';
const ask = (text: string, asOf = '2022-03-01'): Reply => answer(parseCommand(text), lib, { asOf });

/** Every list item that states something carries a citation that is in the reply's source list. */
function expectEveryLineCited(reply: Reply) {
  for (const item of items(reply)) {
    expect(item.cites.length, item.text).toBeGreaterThan(0);
    for (const id of item.cites) expect(reply.citations.map((c) => c.id)).toContain(id);
  }
}

describe('actor profiles', () => {
  it('who is Lavrov: Russia’s foreign minister and the “mute with the deaf” remark, cited', () => {
    const r = ask('who is Lavrov');
    expect(r.intent).toBe('actor');
    expect(r.title).toContain('Foreign Minister of Russia');
    const said = itemTexts(r, 'What they said');
    expect(said.some((t) => t.includes('the mute with the deaf') && t.includes('Truss'))).toBe(true);
    expect(citesOf(r, 'the mute with the deaf').map((c) => c.id)).toEqual([GZERO]);
    expect(r.citations[0]).toMatchObject({ outlet: 'GZERO Media', date: '2022-02-14', title: 'To Russia, with love: Why has diplomacy failed?' });
    expectEveryLineCited(r);
  });

  it('what did Blinken say: the troop-levels remark with its date, quotes first', () => {
    const r = ask('what did Blinken say?');
    const firstList = r.blocks.find((b) => b.type === 'list' && b.heading);
    expect(firstList && firstList.type === 'list' && firstList.heading).toBe('What they said');
    const said = itemTexts(r, 'What they said');
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("we're not looking at troop levels");
    expect(said[0]).toContain('9 Jan 2022');
    expect(citesOf(r, 'troop levels')[0]).toMatchObject({ id: DEPETRIS, author: 'Daniel R. DePetris', outlet: 'not stated' });
  });

  it('what has Scholz done: his scheduled visits, dated and cited', () => {
    const r = ask('@briefbot what has Scholz done?');
    expect(r.title).toContain('Olaf Scholz');
    const did = itemTexts(r, 'What they did');
    expect(did[0]).toMatch(/^14 Feb 2022 — .*Ukraine/);
    expect(did[1]).toMatch(/^15 Feb 2022 — .*Russia/);
    expectEveryLineCited(r);
  });

  it('says when the coverage quotes nobody', () => {
    const r = ask('what did Scholz say');
    expect(allText(r)).toContain('The coverage quotes no words of Olaf Scholz.');
  });

  it('who is Donald Trump: not covered, nothing invented, nearest names suggested', () => {
    const r = ask('who is Donald Trump');
    expect(r.intent).toBe('not-found');
    expect(allText(r)).toContain('does not mention “Donald Trump”');
    // Only the suggestion is cited; nothing is said about Trump.
    expect(citesOf(r, 'Liz Truss').map((c) => c.id)).toEqual([GZERO]);
    expect(itemTexts(r, 'Did you mean').join()).toContain('Liz Truss');
    expect(allText(r)).not.toMatch(/president|tariff|Brazil/i);
  });

  it('lists candidates for an ambiguous name', () => {
    const r = ask('actor sergei');
    expect(itemTexts(r, 'Which one did you mean?').map((t) => t.split(' — ')[0])).toEqual(['Sergei Lavrov', 'Sergei Ryabkov']);
  });

  it('corrects a small typo and says so', () => {
    const r = ask('actor Scholtz');
    expect(r.title).toContain('Olaf Scholz');
    expect(allText(r)).toContain('Showing Olaf Scholz for “Scholtz”');
  });

  it('shows a group with its members', () => {
    expect(itemTexts(ask('actor normandy four'))).toContain('Members: Ukraine, Russia, Germany, France');
  });
});

describe('timeline', () => {
  it('lists the dated developments from 30 Dec 2021 to Scholz’s visit to Russia, in order', () => {
    const r = ask('timeline');
    const lines = itemTexts(r);
    expect(lines[0]).toMatch(/^30 Dec 2021 — Biden calls Putin/);
    expect(lines.at(-1)).toMatch(/^15 Feb 2022 — Scholz is due in Russia/);
    const days = items(r).map((i) => i.text);
    expect(days.findIndex((t) => t.includes('Zelenskyy'))).toBeLessThan(days.findIndex((t) => t.includes('seven hours')));
    expectEveryLineCited(r);
  });

  it('filters by dates, inclusive', () => {
    const lines = itemTexts(ask('timeline 2022-02-12 2022-02-14'));
    expect(lines.every((t) => !t.includes('2021') && !t.includes('Jan'))).toBe(true);
    expect(lines.some((t) => t.startsWith('12 Feb 2022 — Biden and Putin'))).toBe(true);
    expect(lines.some((t) => t.includes('15 Feb'))).toBe(false);
  });

  it('marks events after the as-of day as scheduled', () => {
    expect(itemTexts(ask('timeline', '2022-02-14')).at(-1)).toMatch(/\(scheduled\)$/);
  });

  it('says so when nothing falls in the range', () => {
    expect(allText(ask('timeline 2021-01-01 2021-02-01'))).toContain('no dated developments');
  });
});

describe('topics and search', () => {
  it('nord stream 2 cites both articles', () => {
    const r = ask('nord stream 2');
    expect(r.intent).toBe('topic');
    expect(r.citations.map((c) => c.id).sort()).toEqual([DEPETRIS, GZERO]);
    expectEveryLineCited(r);
  });

  it.each(['sanctions', 'NATO', 'military aid', 'diplomacy'])('answers the topic %s with cited points', (t) => {
    const r = ask(`topic ${t}`);
    expect(r.intent).toBe('topic');
    expect(items(r).length).toBeGreaterThan(0);
    expectEveryLineCited(r);
  });

  it('lists the topics when asked about an unknown one', () => {
    const r = ask('topic bananas');
    expect(r.intent).toBe('not-found');
    expect(itemTexts(r, 'Topics').length).toBe(lib.topics.length);
  });

  it('searches the text and returns cited snippets', () => {
    const r = ask('search reserve fund');
    expect(r.intent).toBe('search');
    expect(itemTexts(r)[0]).toMatch(/\$630 billion reserve fund/);
    expectEveryLineCited(r);
  });

  it.each([
    ['search sanction', 'sanctions'],
    ['search sanctioned', 'sanctions'],
    ['search Selenskyj', 'Zelenskyy'],
    ['search Sergey Lavrov', 'Lavrov'],
  ])('%s finds the text in other word forms and spellings', (q, expected) => {
    expect(itemTexts(ask(q)).join(' ')).toContain(expected);
  });

  it('finds nothing for words the coverage does not use, and says so', () => {
    const r = ask('search tariff brazil');
    expect(r.intent).toBe('not-found');
    expect(r.citations).toEqual([]);
  });
});

describe('latest, sources, help, bad input', () => {
  it('latest: the newest briefings and what to watch, cited', () => {
    const r = ask('');
    expect(r.intent).toBe('latest');
    expect(r.title).toContain('14 Feb 2022');
    expectEveryLineCited(r);
  });

  it('sources: both articles with their kind, and the outlet not invented', () => {
    const r = ask('sources');
    expect(r.citations.map((c) => [c.id, c.kind, c.outlet])).toEqual([
      [GZERO, 'analysis', 'GZERO Media'],
      [DEPETRIS, 'opinion', 'not stated'],
    ]);
    expect(itemTexts(r)[0]).toContain('2 copies');
  });

  it('help lists the commands', () => {
    expect(itemTexts(ask('help')).join('\n')).toMatch(/actor[\s\S]*timeline[\s\S]*search[\s\S]*digest/);
  });

  it('answers an invalid command with the problem and a pointer to help', () => {
    const r = ask('timeline from yesterday');
    expect(r.intent).toBe('error');
    expect(r.footer).toContain('/brief help');
  });
});

describe('as of a date', () => {
  it('hides coverage published after the as-of day', () => {
    const r = ask('timeline', '2022-01-31');
    expect(itemTexts(r).some((t) => t.includes('Feb 2022'))).toBe(false);
    expect(r.citations.map((c) => c.id)).toEqual([DEPETRIS]);
  });

  it('treats an actor first covered later as not yet covered', () => {
    expect(ask('who is Lavrov', '2022-01-31').intent).toBe('not-found');
    expect(ask('who is Lavrov', '2022-02-14').intent).toBe('actor');
  });

  it('resolves a shared first name to the one person visible so far', () => {
    expect(ask('actor sergei', '2022-01-20').title).toContain('Sergei Ryabkov');
    expect(ask('actor sergei', '2022-02-20').intent).toBe('actor');
    expect(itemTexts(ask('actor sergei', '2022-02-20'), 'Which one did you mean?')).toHaveLength(2);
  });

  it('has no coverage at all before the first article', () => {
    expect(ask('latest', '2021-12-01').intent).toBe('not-found');
    expect(ask('search sanctions', '2021-12-01').intent).toBe('not-found');
  });
});
