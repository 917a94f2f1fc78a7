// Wiring only: config → library → handler → adapters (console, Slack, Discord) → ops server; clean shutdown.
import { createHandler } from './app/handler.ts';
import type { Library } from './core/library.ts';
import { formatError } from './core/parse-files.ts';
import type { Config } from './config.ts';
import { ConsoleAdapter } from './adapters/console.ts';
import type { ChatAdapter, Platform } from './adapters/types.ts';
import { loadLibrary } from './library-loader.ts';
import { watchLibrary } from './reload.ts';
import type { Logger } from './log.ts';
import { opsRoutes, startOpsServer, type Health, type Route } from './ops/http.ts';
import { createMetrics, type Metrics } from './ops/metrics.ts';
import { DigestService } from './digests/service.ts';
import { SqliteDigestStore } from './digests/store.ts';

export const VERSION = '0.1.0';
/** Part of the 10 s shutdown budget given to answers in flight; the rest closes connections. */
const SHUTDOWN_DRAIN_MS = 5_000;

/** Builds a platform adapter; `routes` are /healthz and /metrics for an adapter that serves HTTP itself. */
export type AdapterFactory = (deps: { config: Config; logger: Logger; library: () => Library; routes: Route[] }) => Promise<ChatAdapter | undefined>;

export type RunOptions = {
  config: Config;
  logger: Logger;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A terminal is attached: start the interactive console. */
  interactive: boolean;
  now?: () => Date;
  /** Platform adapters to try, in order; each is started on its own and may fail alone. */
  platforms?: Partial<Record<Exclude<Platform, 'console'>, AdapterFactory>>;
};

export type Running = {
  adapters: ChatAdapter[];
  library: () => Library;
  metrics: Metrics;
  health: () => Health;
  /** The port /healthz and /metrics answer on, when they do. */
  opsPort?: number;
  stop(): Promise<void>;
};

export async function startBot(opts: RunOptions): Promise<Running> {
  const { config, logger } = opts;
  const now = opts.now ?? (() => new Date());
  const loaded = await loadLibrary(config.briefingsDir, { cacheDir: config.dataDir });
  if (!loaded.library) throw new StartupError(loaded.errors.map(formatError));
  let library = loaded.library;
  const getLibrary = () => library;
  logger.info({ briefings: library.briefings.length, actors: library.actors.length }, 'library loaded');

  const metrics = createMetrics(VERSION);
  metrics.briefings.set(library.briefings.length);
  let store: SqliteDigestStore;
  try {
    store = SqliteDigestStore.inDataDir(config.dataDir);
  } catch (err) {
    throw new StartupError([`BRIEFBOT_DATA_DIR: expected a folder briefbot can write its database in (${config.dataDir}): ${(err as Error).message}`]);
  }
  const rate = config.digestPostsPerSecond;
  const digests = new DigestService({
    store,
    logger: logger.child({ part: 'digests' }),
    now,
    metrics,
    postsPerSecond: rate ? { slack: rate, discord: rate } : undefined,
  });
  const handle = createHandler({ library: getLibrary, now, logger, metrics, digests });
  const states: Health['adapters'] = {};
  const health = (): Health => ({ version: VERSION, briefings: library.briefings.length, adapters: { ...states } });
  const routes = opsRoutes(health, metrics);

  // Health and metrics: on Slack's HTTP receiver when it serves PORT, otherwise on a small server of our own,
  // started before the platforms so a taken PORT is reported at once.
  const slackWillServe = Boolean(config.slack && !config.slack.appToken);
  const wantOps = !opts.interactive || Boolean(config.slack || config.discord);
  const startOps = async () => {
    try {
      return await startOpsServer(config.port, routes);
    } catch (err) {
      throw new StartupError([`PORT: expected a free port for /healthz and /metrics; ${config.port}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`]);
    }
  };
  let ops = wantOps && !slackWillServe ? await startOps() : undefined;

  const adapters: ChatAdapter[] = [];
  const off = [
    !config.slack && 'Slack is off (set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN to turn it on)',
    !config.discord && 'Discord is off (set DISCORD_TOKEN to turn it on)',
  ].filter((line): line is string => Boolean(line));

  for (const [platform, factory] of Object.entries(opts.platforms ?? {})) {
    if (!factory) continue;
    states[platform] = { state: 'starting' };
    try {
      const adapter = await factory({ config, logger, library: getLibrary, routes });
      if (!adapter) {
        delete states[platform];
        continue;
      }
      await adapter.start(handle);
      adapters.push(adapter);
      states[platform] = { state: 'connected' };
      logger.info({ platform }, 'adapter started');
    } catch (err) {
      // One platform failing never stops the others.
      states[platform] = { state: 'failed', detail: (err as Error).message };
      logger.error({ platform, err }, 'adapter failed to start; the others keep running');
    }
  }

  await digests.start(adapters, getLibrary);
  const stopWatching = watchLibrary(config.briefingsDir, getLibrary, {
    logger,
    cacheDir: config.dataDir,
    onLibrary: (next, added) => {
      library = next;
      metrics.briefings.set(next.briefings.length);
      digests.announce(added).catch((err: unknown) => logger.error({ err }, 'alerts on new briefings failed'));
    },
    onErrors: () => metrics.reloadFailures.inc(),
  });

  const slackServesHttp = slackWillServe && states.slack?.state === 'connected';
  if (slackWillServe && !slackServesHttp) {
    // Slack failed to start: health must still be reachable.
    ops = await startOps().catch((err: StartupError) => (logger.error(err.lines[0]), undefined));
  }
  if (ops) logger.info({ port: ops.port }, 'health and metrics on /healthz and /metrics');

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
    health,
    opsPort: ops?.port ?? (slackServesHttp ? config.port : undefined),
    library: getLibrary,
    async stop() {
      // Stop taking new work, let answers in flight finish, then close connections.
      const drained = await handle.drain(SHUTDOWN_DRAIN_MS);
      if (!drained) logger.warn('answers still in flight at shutdown were abandoned');
      stopWatching();
      await digests.stop();
      await Promise.allSettled([...adapters.map((a) => a.stop()), ops?.close()]);
      store.close();
      for (const key of Object.keys(states)) states[key] = { state: 'stopped' };
    },
  };
}

/** A start-up problem the user must fix: printed one line each, exit code 2, no stack trace. */
export class StartupError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}
