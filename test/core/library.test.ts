import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildLibrary, type LoadedFile } from '../../src/core/library.ts';
import { formatError, type LoadError } from '../../src/core/parse-files.ts';

const shipped: LoadedFile[] = readdirSync('briefings')
  .filter((n) => n.endsWith('.md') || n.endsWith('.yaml'))
  .map((n) => ({ path: n, text: readFileSync(`briefings/${n}`, 'utf8') }));

const SCHOLZ = '2022-02-14-scholz-visits.md';

/** The shipped files with one replaced (or added, or removed when text is undefined). */
function withFile(path: string, text: string | undefined): LoadedFile[] {
  const others = shipped.filter((f) => f.path !== path);
  return text === undefined ? others : [...others, { path, text }];
}
function edit(path: string, from: string, to: string): LoadedFile[] {
  const file = shipped.find((f) => f.path === path)!;
  if (!file.text.includes(from)) throw new Error(`fixture drift: “${from}” not in ${path}`);
  return withFile(path, file.text.replace(from, to));
}
function lineOf(path: string, needle: string): number {
  return shipped.find((f) => f.path === path)!.text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}
function errorsOf(files: LoadedFile[]): LoadError[] {
  const r = buildLibrary(files);
  expect(r.library).toBeUndefined();
  return r.errors;
}

describe('the shipped briefings', () => {
  it('load and validate with no error', () => {
    const r = buildLibrary(shipped);
    expect(r.errors.map(formatError)).toEqual([]);
    expect(r.library!.briefings.length).toBeGreaterThanOrEqual(5);
  });

  it('cover every actor the issue names, and none from the unrelated stories', () => {
    const ids = buildLibrary(shipped).library!.actors.map((a) => a.name).join('|');
    for (const n of ['Biden', 'Putin', 'Lavrov', 'Truss', 'Macron', 'Scholz', 'Zelenskyy', 'Ryabkov', 'Blinken', 'Yaffa', 'DePetris', 'NATO', 'Kremlin', 'Normandy Four', 'US Congress', 'Ukraine', 'Russia', 'Germany', 'France', 'United States', 'United Kingdom']) {
      expect(ids).toContain(n);
    }
    for (const n of ['Trump', 'Musk', 'Starmer', 'Barrack', 'Bremmer', 'Reeves', 'Hezbollah', 'Kenya']) expect(ids).not.toContain(n);
  });

  it('never serves drafts', () => {
    const draft = shipped.find((f) => f.path === SCHOLZ)!.text.replace('status: published', 'status: draft');
    const r = buildLibrary(withFile(SCHOLZ, draft));
    expect(r.library!.briefings.map((b) => b.id)).not.toContain('scholz-kyiv-moscow');
  });
});

describe('bad files are reported with file, line and field, and never crash', () => {
  it.each<[string, () => LoadedFile[], Partial<LoadError>]>([
    ['bad YAML in front matter', () => edit(SCHOLZ, 'topics: [diplomacy, nord-stream-2]\nactors', 'topics: [diplomacy, nord-stream-2\nactors'), { file: SCHOLZ, message: expect.stringContaining('invalid YAML') }],
    ['a wrong type', () => edit(SCHOLZ, 'status: published', 'status: 42'), { file: SCHOLZ, field: 'status', line: lineOf(SCHOLZ, 'status: published') }],
    ['an unknown status', () => edit(SCHOLZ, 'status: published', 'status: live'), { field: 'status', line: lineOf(SCHOLZ, 'status: published') }],
    ['a missing field', () => edit(SCHOLZ, 'title: Scholz heads to Kyiv and Moscow with Nord Stream 2 in the balance\n', ''), { field: 'title', line: 2 }],
    ['an unknown field', () => edit(SCHOLZ, 'status: published', 'status: published\nauthor: me'), { field: 'author', message: expect.stringContaining('unknown field') }],
    ['an impossible date', () => edit(SCHOLZ, 'published: 2022-02-14', 'published: 2022-02-30'), { field: 'published', line: lineOf(SCHOLZ, 'published: 2022-02-14') }],
    ['an unknown actor id', () => edit(SCHOLZ, 'actors: [olaf-scholz, ukraine, russia]', 'actors: [olaf-scholtz, ukraine, russia]'), { field: 'key_points[0].actors[0]', message: expect.stringContaining('unknown actor id "olaf-scholtz"') }],
    ['an unknown source id', () => edit(SCHOLZ, 'sources: [gzero-2022-02-14-diplomacy-failed]\nkey_points', 'sources: [gzero]\nkey_points'), { field: 'sources[0]', message: expect.stringContaining('unknown source id "gzero"') }],
    ['an unknown topic', () => edit(SCHOLZ, 'topics: [diplomacy, nord-stream-2]\nactors', 'topics: [diplomacy, pipelines]\nactors'), { field: 'topics[1]' }],
    ['a quote by an actor not in the registry', () => edit('2022-02-14-weekend-diplomacy.md', 'speaker: joe-biden', 'speaker: donald-trump'), { field: 'quotes[0].speaker', message: expect.stringContaining('unknown actor id "donald-trump"') }],
    ['a duplicate briefing id', () => edit(SCHOLZ, 'id: scholz-kyiv-moscow', 'id: weekend-diplomacy-falls-flat'), { message: expect.stringContaining('duplicate briefing id') }],
    ['a duplicate actor id', () => edit('actors.yaml', 'id: liz-truss', 'id: joe-biden'), { file: 'actors.yaml', field: 'actors[3].id', line: lineOf('actors.yaml', 'id: liz-truss') }],
    ['an alias claimed by two actors', () => edit('actors.yaml', 'aliases: [Truss, Elizabeth Truss]', 'aliases: [Truss, Elizabeth Truss, Biden]'), { file: 'actors.yaml', field: 'actors[3].aliases[2]', message: expect.stringContaining('already a name of actor "joe-biden"') }],
    ['an unknown kind of actor', () => edit('actors.yaml', 'kind: group', 'kind: alliance'), { file: 'actors.yaml', field: 'actors[21].kind', message: expect.stringContaining('expected one of') }],
    ['a briefing older than its source', () => edit(SCHOLZ, 'published: 2022-02-14', 'published: 2022-02-01'), { field: 'published', message: expect.stringContaining('on or after 2022-02-14') }],
    ['a span that ends before it starts', () => edit('2022-02-14-weekend-diplomacy.md', 'until: 2022-02-13', 'until: 2022-02-11'), { field: 'events[3].until' }],
    ['a source cited but not listed', () => edit(SCHOLZ, 'sources: [gzero-2022-02-14-diplomacy-failed]\nevents', 'sources: [depetris-2022-01-10-talks-must-continue]\nevents'), { message: expect.stringContaining("not listed in this briefing's sources") }],
    ['no front matter', () => withFile('2022-03-01-notes.md', 'Just some notes.\n'), { file: '2022-03-01-notes.md', line: 1, message: expect.stringContaining('front matter') }],
    ['an empty file', () => withFile('2022-03-01-empty.md', ''), { file: '2022-03-01-empty.md', message: 'the file is empty' }],
    ['binary junk', () => withFile('2022-03-01-junk.md', '---\nid: x\n\u0000\u0001\u0002PNG'), { file: '2022-03-01-junk.md', line: 3, message: expect.stringContaining('binary') }],
    ['a huge file', () => withFile('2022-03-01-huge.md', '---\nid: x\n---\n' + 'a'.repeat(2_100_000)), { message: expect.stringContaining('too large') }],
    ['a missing registry', () => withFile('topics.yaml', undefined), { file: 'topics.yaml', message: expect.stringContaining('missing') }],
    ['a registry that is not a list', () => withFile('sources.yaml', 'sources: nope\n'), { file: 'sources.yaml', field: 'sources', line: 1 }],
    ['no summary', () => edit(SCHOLZ, SCHOLZ_BODY_START, ''), { file: SCHOLZ, message: expect.stringContaining('summary') }],
  ])('%s', (_name, files, expected) => {
    const errors = errorsOf(files());
    expect(errors).toContainEqual(expect.objectContaining(expected));
    for (const e of errors) expect(formatError(e)).toMatch(/^[\w.-]+(:\d+)?( \S+)?: \S/);
  });

  it('reports every error of several bad files at once', () => {
    const files = edit(SCHOLZ, 'status: published', 'status: live').filter((f) => f.path !== 'topics.yaml');
    const errors = errorsOf([...files, { path: 'x.md', text: '' }]);
    expect(errors.map((e) => e.file).sort()).toEqual([SCHOLZ, 'topics.yaml', 'x.md'].sort());
  });
});

const SCHOLZ_BODY_START = shipped.find((f) => f.path === SCHOLZ)!.text.split('\n---\n')[1]!;
