// The whole curator workflow: ingest → draft (same schema) → duplicates recognised → publish, or refuse a broken draft.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli.ts';
import { frontMatterSchema } from '../../src/core/model.ts';
import { Locator, parseMarkdownFile } from '../../src/core/parse-files.ts';
import { loadLibrary } from '../../src/library-loader.ts';
import { tempDir } from '../helpers/tmp.ts';

let dir: string;
let dataDir: string;
const F = 'test/fixtures/ingest';

async function cli(...args: string[]) {
  let out = '';
  let err = '';
  let code = 0;
  const program = buildProgram({ out: (s) => (out += s), err: (s) => (err += s), exit: (c) => (code = c) }, { BRIEFBOT_DATA_DIR: dataDir });
  await program.parseAsync(['node', 'briefbot', ...args]);
  return { out, err, code };
}

beforeAll(() => {
  const root = tempDir('ingest-');
  dir = path.join(root, 'briefings');
  dataDir = path.join(root, 'data');
  cpSync('briefings', dir, { recursive: true });
});

const drafts = () => readdirSync(path.join(dir, 'drafts')).filter((f) => f.endsWith('.md'));

describe('briefbot ingest and publish', () => {
  it('writes a draft that passes the briefing schema, with the source proposed beside it', async () => {
    const r = await cli('ingest', `${F}/talks-a.txt`, '--published', '2022-02-15', '--briefings', dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/talks-a\.txt\tnew draft 2022-02-15-berlin-and-kyiv-weigh-a-new-round-of-talks\.md/);
    const [name] = drafts();
    const text = readFileSync(path.join(dir, 'drafts', name!), 'utf8');
    const parsed = parseMarkdownFile({ path: name!, text }, frontMatterSchema, new Locator(() => undefined));
    expect(parsed.errors).toEqual([]);
    const front = parsed.value!.front;
    expect(front.status).toBe('draft');
    expect(front.actors).toEqual(expect.arrayContaining(['olaf-scholz', 'volodymyr-zelenskyy', 'sergei-lavrov']));
    expect(front.topics).toEqual(expect.arrayContaining(['sanctions', 'nord-stream-2']));
    expect(front.events.map((e) => e.date)).toEqual(['2022-02-12', '2022-02-15', '2022-02-17']);
    expect(front.quotes).toEqual([expect.objectContaining({ speaker: 'olaf-scholz' })]);
    expect(text).toContain('# candidate actor (add to actors.yaml or dismiss): Baltic Policy Institute');
    expect(text).not.toMatch(/Musk|Frampton|newsletter/);
    expect(readFileSync(path.join(dir, 'drafts', name!.replace('.md', '.source.yaml')), 'utf8')).toMatch(/outlet: Example News[\s\S]*author: Tomas Reyes/);
  });

  it('recognises the same file, another scrape and a syndicated copy: no second source', async () => {
    const r = await cli('ingest', `${F}/talks-a.txt`, `${F}/talks-b.html`, `${F}/talks-syndicated.txt`, '--published', '2022-02-15', '--briefings', dir);
    expect(r.out.match(/copy of example-news-2022-02-15/g)).toHaveLength(3);
    expect(drafts()).toHaveLength(1);
    const source = readFileSync(path.join(dir, 'drafts', drafts()[0]!.replace('.md', '.source.yaml')), 'utf8');
    expect(source).toContain('talks-b.html');
    expect(source).toContain('talks-syndicated.txt');
  });

  it('says which file needs a publication day', async () => {
    const r = await cli('ingest', `${F}/other-story.txt`, '--briefings', dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('pass --published YYYY-MM-DD');
  });

  it('refuses to publish a broken draft and writes nothing', async () => {
    const broken = path.join(dir, 'drafts', 'broken.md');
    writeFileSync(broken, '---\nid: broken\ntitle: x\npublished: 2022-02-15\nstatus: draft\nsources: [nope]\n---\nText.\n');
    const before = readFileSync(path.join(dir, 'sources.yaml'), 'utf8');
    const r = await cli('publish', broken, '--briefings', dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/broken\.md:\d+ sources\[0\]: unknown source id "nope"/);
    expect(readFileSync(path.join(dir, 'sources.yaml'), 'utf8')).toBe(before);
    expect((await loadLibrary(dir)).library!.briefingById.has('broken')).toBe(false);
  });

  it('publishes a reviewed draft: the source joins sources.yaml and the briefing is served', async () => {
    const draft = path.join(dir, 'drafts', drafts().find((d) => d.startsWith('2022-02-15'))!);
    const r = await cli('publish', draft, '--briefings', dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const lib = (await loadLibrary(dir)).library!;
    expect(lib.briefingById.has('2022-02-15-berlin-and-kyiv-weigh-a-new-round-of-talks')).toBe(true);
    expect(lib.sourceById.get('example-news-2022-02-15-berlin-and-kyiv-weigh-a-new-ro')?.copies.map((c) => c.file)).toEqual(['talks-a.txt', 'talks-b.html', 'talks-syndicated.txt']);
  });
});
