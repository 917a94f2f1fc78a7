// The one handler every adapter calls: rate limits, routing (lookups → core, digests → scheduler), metrics, no crash.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { answer, problem } from '../core/answers.ts';
import type { Command } from '../core/command.ts';
import type { Library } from '../core/library.ts';
import type { Reply } from '../core/reply.ts';
import type { Handler, RequestContext } from '../adapters/types.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../ops/metrics.ts';

export type DigestCommands = {
  handleCommand(command: Extract<Command, { kind: 'digest' | 'alerts' }>, ctx: RequestContext, now: Date): Promise<Reply>;
};

export type RateLimits = { perUserPerMinute: number; perChannelPerMinute: number };

/** Generous enough that nobody asking questions by hand meets them; a script looping on the bot does. */
export const DEFAULT_RATE_LIMITS: RateLimits = { perUserPerMinute: 30, perChannelPerMinute: 120 };

export type HandlerDeps = {
  library: () => Library;
  now: () => Date;
  logger: Logger;
  metrics?: Metrics;
  digests?: DigestCommands;
  limits?: RateLimits;
};

/** The handler, and a way to stop taking work and wait for the answers in flight (for shutdown). */
export type AppHandler = Handler & { drain(timeoutMs: number): Promise<boolean> };

export function createHandler(deps: HandlerDeps): AppHandler {
  const limits = deps.limits ?? DEFAULT_RATE_LIMITS;
  const perUser = new RateLimiterMemory({ points: limits.perUserPerMinute, duration: 60 });
  const perChannel = new RateLimiterMemory({ points: limits.perChannelPerMinute, duration: 60 });

  const limited = async (ctx: RequestContext): Promise<Reply | undefined> => {
    for (const [scope, limiter, key] of [
      ['user', perUser, `${ctx.platform}:${ctx.userId}`],
      ['channel', perChannel, `${ctx.platform}:${ctx.channelId}`],
    ] as const) {
      try {
        await limiter.consume(key);
      } catch (res) {
        if (!(res instanceof RateLimiterRes)) throw res;
        deps.metrics?.rateLimited.inc({ platform: ctx.platform, scope });
        const seconds = Math.ceil(res.msBeforeNext / 1000);
        return { ...problem(`That is a lot of questions in a short time${scope === 'channel' ? ' for this channel' : ''}. Please try again in ${seconds} s.`), intent: 'error' };
      }
    }
    return undefined;
  };

  const inFlight = new Set<Promise<Reply>>();
  let draining = false;

  const handle = (async (command, ctx) => {
    if (draining) return problem('briefbot is restarting; please ask again in a moment.');
    const work = answerOne(command, ctx);
    inFlight.add(work);
    try {
      return await work;
    } finally {
      inFlight.delete(work);
    }
  }) as AppHandler;

  handle.drain = async (timeoutMs) => {
    draining = true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const done = Promise.allSettled([...inFlight]).then(() => true as const);
    const finished = await Promise.race([done, timeout]);
    clearTimeout(timer);
    return finished;
  };
  return handle;

  async function answerOne(command: Command, ctx: RequestContext): Promise<Reply> {
    const started = performance.now();
    let reply: Reply;
    try {
      reply = (ctx.platform !== 'console' && (await limited(ctx))) || (await route(command, ctx));
    } catch (err) {
      deps.logger.error({ err, platform: ctx.platform, kind: command.kind }, 'command failed');
      reply = problem('Something went wrong on my side while answering. The team has been told; please try again.');
    }
    deps.metrics?.commands.inc({ platform: ctx.platform, intent: reply.intent });
    deps.metrics?.latency.observe({ platform: ctx.platform }, (performance.now() - started) / 1000);
    return reply;
  }

  async function route(command: Command, ctx: RequestContext): Promise<Reply> {
    const now = deps.now();
    if (command.kind === 'digest' || command.kind === 'alerts') {
      if (!deps.digests) return problem('Digests are not available here: they need the bot running in Slack or Discord.');
      return deps.digests.handleCommand(command, ctx, now);
    }
    // Everything published up to today is visible.
    return answer(command, deps.library(), { asOf: now.toISOString().slice(0, 10) });
  }
}
