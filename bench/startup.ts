// Start-up: `briefbot start` with the shipped briefings, from spawn until /healthz answers (the bot is ready).
import { spawn } from 'node:child_process';
import { fmt, publish, stat, table } from './report.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function once(): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['bin/briefbot.js', 'start'], { env: { ...process.env, PORT: '0', LOG_LEVEL: 'info' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d;
      const line = err.split('\n').find((l) => l.includes('/healthz'));
      if (!line) return;
      const { port } = JSON.parse(line) as { port: number };
      fetch(`http://127.0.0.1:${port}/healthz`).then(
        () => {
          resolve(performance.now() - t0);
          child.kill('SIGTERM');
        },
        reject,
      );
    });
    child.on('exit', (code) => code && reject(new Error(`exited ${code}: ${err}`)));
  });
}

export async function benchStartup(): Promise<void> {
  await once(); // warm the transpile cache, as a deployed service would have it
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await once());
  publish(
    'Start-up to ready',
    `\`briefbot start\` with the shipped briefings and no platform tokens, from spawn until /healthz answers; ${RUNS} runs after one warm-up.\n\n` +
      table(['ready ms'], [[fmt(stat(times), 0)]]) +
      '\n\nTarget: under 1,500 ms.',
  );
}
