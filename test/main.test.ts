// `briefbot start` as a real process: no tokens, no terminal → runs quietly until SIGTERM; bad setup → exit 2.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers/tmp.ts';

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/briefbot.js', 'start'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', PORT: '0', BRIEFBOT_DATA_DIR: tempDir('data-'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ out, err }) };
}

async function until(check: () => boolean, what: string, ms = 15_000) {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('briefbot start', () => {
  it('with no tokens and no terminal: logs which platforms are off, serves /healthz and /metrics, exits cleanly on SIGTERM', async () => {
    const bot = start({});
    await until(() => bot.output().err.includes('Discord is off'), 'the start-up log');
    expect(bot.output().err).toContain('library loaded');
    expect(bot.output().err).toContain('SLACK_BOT_TOKEN');
    await until(() => bot.output().err.includes('/healthz'), 'the ops server');
    const port = JSON.parse(bot.output().err.split('\n').find((l) => l.includes('/healthz'))!).port;
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(health).toMatchObject({ status: 'ok', briefings: 5, adapters: {} });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^briefbot_briefings 5$/m);
    expect(metrics).toMatch(/^briefbot_info\{version="[\d.]+"\} 1$/m);
    expect(bot.child.exitCode).toBeNull();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('exits 2 naming the problem when the briefings folder is unreadable', async () => {
    const bot = start({ BRIEFBOT_BRIEFINGS_DIR: '/nonexistent/briefings' });
    expect(await bot.exited).toBe(2);
    expect(bot.output().err).toContain('cannot read the briefings folder /nonexistent/briefings');
    expect(bot.output().err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('exits 2 naming BRIEFBOT_DATA_DIR when the database cannot be written', async () => {
    // A file where the folder should be: cannot be created, whoever runs the test (root included).
    const blocker = path.join(tempDir('data-'), 'not-a-folder');
    writeFileSync(blocker, 'x');
    const bot = start({ BRIEFBOT_DATA_DIR: path.join(blocker, 'data') });
    expect(await bot.exited).toBe(2);
    expect(bot.output().err).toMatch(/^BRIEFBOT_DATA_DIR: expected a folder briefbot can write/m);
  });

  it('exits 2 naming PORT when it is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '0.0.0.0', r));
    const port = (blocker.address() as { port: number }).port;
    const bot = start({ PORT: String(port) });
    expect(await bot.exited).toBe(2);
    expect(bot.output().err).toMatch(/^PORT: expected a free port for \/healthz and \/metrics; \d+: EADDRINUSE/m);
    blocker.close();
  });
});
