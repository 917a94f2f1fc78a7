// Starts B1's bot under test (bench/latency-bot.ts) in a child process and stops it.
import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** Ours; the bare framework replying "ok"; the bare framework replying our answer, precomputed. */
export type Variant = 'ours' | 'bare' | 'bare-same';

/** Shared by the load generator, which signs the Slack requests, and the bot, which checks them. */
export const SIGNING_SECRET = 'bench-signing-secret';

export type BotProcess = { stop(): Promise<void> };

export async function startBot(platform: 'slack' | 'discord', variant: Variant, apiUrl: string, portOrToken: string): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/latency-bot.ts', platform, variant, apiUrl, portOrToken], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the ${platform} ${variant} bot exited with code ${code} before it was ready`)));
  });
  return {
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}
