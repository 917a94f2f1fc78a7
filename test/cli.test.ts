import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/tmp.ts';
import { buildProgram } from '../src/cli.ts';

async function run(args: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  let code = 0;
  const program = buildProgram({ out: (s) => (out += s), err: (s) => (err += s), exit: (c) => (code = c) }, env);
  try {
    await program.parseAsync(['node', 'briefbot', ...args]);
  } catch (e) {
    code = (e as { exitCode?: number }).exitCode ?? 99;
  }
  return { out, err, code };
}

function brokenCopy(): string {
  const dir = tempDir('briefings-');
  cpSync('briefings', dir, { recursive: true });
  const file = path.join(dir, '2022-02-14-scholz-visits.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('status: published', 'status: live'));
  return dir;
}

describe('briefbot CLI', () => {
  it('ask prints a cited answer', async () => {
    const r = await run(['ask', 'who', 'is', 'Lavrov']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Sergei Lavrov — Foreign Minister of Russia');
    expect(r.out).toMatch(/\[1\] GZERO Media, “To Russia, with love: Why has diplomacy failed\?”, 14 Feb 2022/);
  });

  it('ask --json prints the Reply document', async () => {
    const r = await run(['ask', 'timeline', '--json']);
    const reply = JSON.parse(r.out);
    expect(reply.intent).toBe('timeline');
    expect(reply.citations).toHaveLength(2);
  });

  it('ask --as-of hides later coverage', async () => {
    const r = await run(['ask', 'who is Lavrov', '--as-of', '2022-01-31']);
    expect(r.out).toContain('Not in the coverage');
  });

  it('rejects a malformed --as-of', async () => {
    const r = await run(['ask', 'latest', '--as-of', '2022-13-01']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('YYYY-MM-DD');
  });

  it('validate says ok on the shipped briefings', async () => {
    const r = await run(['validate']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ok: \d+ published briefings/);
  });

  it('validate lists file, line and field, and exits non-zero', async () => {
    const dir = brokenCopy();
    const r = await run(['validate', '--briefings', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^2022-02-14-scholz-visits\.md:5 status: expected one of "draft"\|"published"/m);
    expect(r.err).toContain('1 error(s)');
  });

  it('validate reads BRIEFBOT_BRIEFINGS_DIR', async () => {
    const r = await run(['validate'], { BRIEFBOT_BRIEFINGS_DIR: brokenCopy() });
    expect(r.code).toBe(1);
  });

  it('digest previews the 15 Feb 2022 Berlin digest', async () => {
    const r = await run(['digest', '--now', '2022-02-15T08:00:00+01:00', '--since', '2022-02-01T08:00:00+01:00', '--zone', 'Europe/Berlin']);
    expect(r.out).toContain('Daily briefing — 15 Feb 2022');
    expect(r.out).toContain('Biden and Putin speak by phone');
  });

  it('digest rejects an unknown time zone', async () => {
    const r = await run(['digest', '--now', '2022-02-15T08:00:00Z', '--zone', 'Mars/Olympus']);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('IANA time zone');
  });

  it('start names every configuration problem at once and exits 2', async () => {
    const r = await run(['start'], { SLACK_SIGNING_SECRET: 'abc', PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/PORT: expected/);
    expect(r.err).toMatch(/LOG_LEVEL: expected/);
    expect(r.err).toMatch(/SLACK_BOT_TOKEN: expected/);
    expect(r.err).not.toContain('abc');
  });
});
