// The `briefbot` command line (commander): ask, validate, digest, start.
import { Command as Program, InvalidArgumentError } from 'commander';
import { answer } from './core/answers.ts';
import { buildDigest } from './core/digest.ts';
import { isRealDay } from './core/model.ts';
import { formatError } from './core/parse-files.ts';
import { parseCommand } from './core/questions.ts';
import { renderText, type Reply } from './core/reply.ts';
import { loadConfig } from './config.ts';
import { loadLibrary } from './library-loader.ts';
import { createLogger } from './log.ts';
import { startBot, StartupError } from './main.ts';
import { platformFactories } from './app/platforms.ts';

type Io = { out: (s: string) => void; err: (s: string) => void; exit: (code: number) => void };

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  exit: (code) => {
    process.exitCode = code;
  },
};

function day(value: string): string {
  if (!isRealDay(value)) throw new InvalidArgumentError('expected a day written YYYY-MM-DD');
  return value;
}

function instant(value: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected an ISO date-time such as 2022-02-15T08:00:00+01:00');
  return d;
}

function zone(value: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value;
  } catch {
    throw new InvalidArgumentError('expected an IANA time zone such as Europe/Berlin');
  }
}

export function buildProgram(io: Io = defaultIo, env: Record<string, string | undefined> = process.env): Program {
  const program = new Program('briefbot')
    .description('Curated, cited briefings on the US/Russia/Ukraine crisis, in Slack, Discord and the terminal.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  const briefingsDefault = env.BRIEFBOT_BRIEFINGS_DIR || 'briefings';

  /** Loads the library or prints every error and returns undefined. */
  const library = async (dir: string) => {
    const result = await loadLibrary(dir);
    if (!result.library) {
      io.err(result.errors.map(formatError).join('\n') + `\n${result.errors.length} error(s) in ${dir}\n`);
      io.exit(1);
    }
    return result.library;
  };
  const print = (reply: Reply, json: boolean) => io.out(json ? JSON.stringify(reply, null, 2) + '\n' : renderText(reply));

  program
    .command('ask')
    .description('answer a question or a /brief command, e.g. "who is Lavrov" or "timeline 2022-02-01"')
    .argument('<question...>')
    .option('--as-of <day>', 'only coverage published on or before this day (YYYY-MM-DD)', day)
    .option('--json', 'print the Reply document as JSON')
    .option('--briefings <dir>', 'the briefings folder', briefingsDefault)
    .action(async (words: string[], o: { asOf?: string; json?: boolean; briefings: string }) => {
      const lib = await library(o.briefings);
      if (!lib) return;
      const asOf = o.asOf ?? new Date().toISOString().slice(0, 10);
      print(answer(parseCommand(words.join(' ')), lib, { asOf }), !!o.json);
    });

  program
    .command('validate')
    .description('check every briefing file; list each error with file, line and field')
    .option('--briefings <dir>', 'the briefings folder', briefingsDefault)
    .action(async (o: { briefings: string }) => {
      const lib = await library(o.briefings);
      if (lib) io.out(`ok: ${lib.briefings.length} published briefings, ${lib.actors.length} actors, ${lib.sources.length} sources, ${lib.topics.length} topics\n`);
    });

  program
    .command('digest')
    .description('preview the daily digest as text')
    .requiredOption('--now <iso>', 'the moment of the digest, e.g. 2022-02-15T08:00:00+01:00', instant)
    .option('--since <iso>', 'the previous digest (default: one day before --now)', instant)
    .option('--zone <iana>', 'the channel time zone', zone, 'UTC')
    .option('--json', 'print the Reply document as JSON')
    .option('--briefings <dir>', 'the briefings folder', briefingsDefault)
    .action(async (o: { now: Date; since?: Date; zone: string; json?: boolean; briefings: string }) => {
      const lib = await library(o.briefings);
      if (!lib) return;
      const since = o.since ?? new Date(o.now.getTime() - 86_400_000);
      const reply = buildDigest(lib, { now: o.now, since, zone: o.zone, announceEmpty: true })!;
      print(reply, !!o.json);
    });

  program
    .command('ingest')
    .description('raw articles (.txt, saved .html, or folders) in, draft briefings out under briefings/drafts/')
    .argument('<files...>')
    .option('--out <dir>', 'where drafts go (default: <briefings>/drafts)')
    .option('--briefings <dir>', 'the briefings folder', briefingsDefault)
    .option('--published <day>', 'publication day when the text does not say (YYYY-MM-DD)', day)
    .option('--outlet <name>', 'the outlet when the text does not say')
    .action(async (files: string[], o: { out?: string; briefings: string; published?: string; outlet?: string }) => {
      const lib = await library(o.briefings);
      if (!lib) return;
      const { ingest, summaryTable } = await import('./ingest/pipeline.ts');
      const dataDir = env.BRIEFBOT_DATA_DIR || 'data';
      // A progress bar only where someone watches: a terminal, and more than a handful of files.
      const bar = process.stderr.isTTY ? new (await import('cli-progress')).SingleBar({ stream: process.stderr, clearOnComplete: true }) : undefined;
      const results = ingest(
        files,
        { library: lib, draftsDir: o.out ?? `${o.briefings}/drafts`, indexFile: `${dataDir}/ingest-index.json`, published: o.published, outlet: o.outlet },
        bar
          ? (done, total) => {
              if (total < 5) return;
              if (done === 1) bar.start(total, 0);
              bar.update(done);
              if (done === total) bar.stop();
            }
          : undefined,
      );
      io.out(summaryTable(results));
      if (results.some((r) => r.kind === 'error')) io.exit(1);
    });

  program
    .command('publish')
    .description('validate a reviewed draft with the whole library and move it into the published set')
    .argument('<draft>')
    .option('--briefings <dir>', 'the briefings folder', briefingsDefault)
    .action(async (draft: string, o: { briefings: string }) => {
      const { publish } = await import('./ingest/publish.ts');
      const result = await publish(draft, { briefingsDir: o.briefings });
      if (result.ok) io.out(`published: ${result.path}\n`);
      else {
        io.err(result.errors.map(formatError).join('\n') + '\nnothing was published\n');
        io.exit(1);
      }
    });

  program
    .command('register-commands')
    .description('register the /brief command with Discord (in one server with --guild, else globally)')
    .option('--guild <id>', 'a server id: registers there at once, for development')
    .action(async (o: { guild?: string }) => {
      const config = loadConfig(env);
      if (!config.ok || !config.config.discord) {
        io.err((config.ok ? ['DISCORD_TOKEN: expected the bot token'] : config.errors).join('\n') + '\n');
        io.exit(2);
        return;
      }
      const { registerCommands } = await import('./adapters/discord/index.ts');
      try {
        const done = await registerCommands(config.config.discord, { guildId: o.guild });
        io.out(`registered ${done.commands} command(s) ${done.scope === 'guild' ? `in server ${o.guild ?? config.config.discord.guildId}` : 'globally (may take up to an hour to appear)'}\n`);
      } catch (err) {
        io.err(`registration failed: ${(err as Error).message}\n`);
        io.exit(1);
      }
    });

  program
    .command('start', { isDefault: false })
    .description('run the bot: the console in a terminal, and Slack / Discord when their tokens are set')
    .action(async () => {
      const config = loadConfig(env);
      if (!config.ok) {
        io.err(config.errors.join('\n') + '\n');
        io.exit(2);
        return;
      }
      const interactive = Boolean(process.stdin.isTTY);
      // In a terminal the console is the interface: routine logs would interleave with answers.
      const logger = createLogger(interactive && !env.LOG_LEVEL ? 'warn' : config.config.logLevel);
      try {
        const running = await startBot({
          config: config.config,
          logger,
          input: process.stdin,
          output: process.stdout,
          interactive,
          platforms: platformFactories,
        });
        await waitForShutdown(running.adapters.find((a) => a.platform === 'console') as { closed?: Promise<void> } | undefined);
        // Whatever hangs, the process is gone within 10 s of the signal.
        const deadline = setTimeout(() => {
          logger.error('shutdown took longer than 10 s; exiting anyway');
          process.exit(1);
        }, 10_000);
        deadline.unref();
        await running.stop();
        logger.info('stopped');
      } catch (err) {
        if (err instanceof StartupError) {
          io.err(err.lines.join('\n') + '\n');
          io.exit(2);
          return;
        }
        throw err;
      }
    });
  return program;
}

/** Until SIGTERM/SIGINT, or the console's input ends; no busy loop. */
function waitForShutdown(consoleAdapter?: { closed?: Promise<void> }): Promise<void> {
  return new Promise((resolve) => {
    // A pending promise alone does not keep Node alive; an idle timer does, without a busy loop.
    const keepAlive = setInterval(() => {}, 2 ** 30);
    const done = () => {
      clearInterval(keepAlive);
      resolve();
    };
    process.once('SIGTERM', done);
    process.once('SIGINT', done);
    consoleAdapter?.closed?.then(done);
  });
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode;
    if (typeof code === 'number') process.exitCode = code;
    else throw err;
  }
}
