// Wiring only: config → library → adapters (console, Slack, Discord) → one handler; clean shutdown on SIGTERM/SIGINT.
import { createHandler } from './app/handler.ts';
import type { Library } from './core/library.ts';
import { formatError } from './core/parse-files.ts';
import type { Config } from './config.ts';
import { ConsoleAdapter } from './adapters/console.ts';
import type { ChatAdapter, Handler } from './adapters/types.ts';
import { loadLibrary } from './library-loader.ts';
import type { Logger } from './log.ts';
import { createMetrics, type Metrics } from './ops/metrics.ts';

export type RunOptions = {
  config: Config;
  logger: Logger;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A terminal is attached: start the interactive console. */
  interactive: boolean;
  now?: () => Date;
};

export type Running = { stop(): Promise<void>; adapters: ChatAdapter[]; library: () => Library; metrics: Metrics };

export const VERSION = '0.1.0';

export async function startBot(opts: RunOptions): Promise<Running> {
  const { config, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const loaded = await loadLibrary(config.briefingsDir);
  if (!loaded.library) {
    throw new StartupError(loaded.errors.map(formatError));
  }
  let library = loaded.library;
  logger.info({ briefings: library.briefings.length, actors: library.actors.length }, 'library loaded');

  const metrics = createMetrics(VERSION);
  metrics.briefings.set(library.briefings.length);
  const handle: Handler = createHandler({ library: () => library, now, logger, metrics });

  const adapters: ChatAdapter[] = [];
  const off = [
    !config.slack && 'Slack is off (set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN to turn it on)',
    !config.discord && 'Discord is off (set DISCORD_TOKEN to turn it on)',
  ].filter(Boolean);
  if (opts.interactive) {
    const greeting = [
      `briefbot — ${library.briefings.length} briefings, ${library.actors.length} actors. Type a question or /brief help; Ctrl-D quits.`,
      ...off,
    ].join('\n');
    const consoleAdapter = new ConsoleAdapter({ input: opts.input, output: opts.output, interactive: true, greeting });
    await consoleAdapter.start(handle);
    adapters.push(consoleAdapter);
  } else {
    for (const line of off) logger.info(line);
  }

  return {
    adapters,
    metrics,
    library: () => library,
    async stop() {
      await Promise.allSettled(adapters.map((a) => a.stop()));
    },
  };
}

/** A start-up problem the user must fix: printed one line each, exit code 2, no stack trace. */
export class StartupError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}
