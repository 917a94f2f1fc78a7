// The Slack adapter (Bolt): /brief and @mentions in, Block Kit out, channel posts with metadata for the digest.
import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from '@slack/bolt';
import type { SlackConfig } from '../../config.ts';
import { parseCommand } from '../../core/questions.ts';
import type { Command } from '../../core/command.ts';
import type { Reply } from '../../core/reply.ts';
import type { Logger } from '../../log.ts';
import type { Route } from '../../ops/http.ts';
import type { ChatAdapter, Handler, PostedMessage, PostOptions, RequestContext } from '../types.ts';
import { settledWithin } from '../settled-within.ts';
import { replyToBlocks } from './render.ts';
import { boltLogger } from './logger.ts';

/** Slack wants the slash command acknowledged within 3 s; an answer not ready by then goes through response_url. */
export const ACK_WITHIN_MS = 2_500;
/** Metadata on every post, so a digest can be found again after a crash. */
export const POST_EVENT_TYPE = 'briefbot_post';
/** How far back findPosted looks in a channel's history. */
const RECENT_MESSAGES = 100;
/** `/brief … --public` posts the answer in the channel instead of privately. */
const PUBLIC_FLAG = /(^|\s)--public\s*$/i;

export type SlackAdapterDeps = {
  logger: Logger;
  port: number;
  /** /healthz and /metrics, served beside /slack/events in HTTP mode. */
  routes?: Route[];
  ackWithinMs?: number;
};

const FAILED: Reply = { intent: 'error', title: 'I could not do that', blocks: [{ type: 'text', text: 'Something went wrong on my side while answering; please try again.' }], citations: [] };

export function createSlackAdapter(config: SlackConfig, deps: SlackAdapterDeps): ChatAdapter {
  const { logger } = deps;
  const socketMode = Boolean(config.appToken);
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/` } : {}),
    // A bounded retry: a 429 is waited out (Retry-After) a few times, never for half an hour.
    retryConfig: { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 5_000 },
    rejectRateLimitedCalls: false,
  };
  const app = new App({
    token: config.botToken,
    logger: boltLogger(logger),
    logLevel: LogLevel.INFO,
    clientOptions,
    deferInitialization: true,
    // Bolt's conversation store is unused here; its lookup rejects with a fresh Error on every event (~6.5 µs).
    convoStore: false,
    receiver: socketMode
      ? // The socket client makes its own apps.connections.open call: it needs the API URL too (GovSlack, proxies).
        new SocketModeReceiver({ appToken: config.appToken!, logger: boltLogger(logger), installerOptions: { clientOptions } })
      : new HTTPReceiver({ signingSecret: config.signingSecret!, endpoints: '/slack/events', customRoutes: deps.routes ?? [], logger: boltLogger(logger) }),
  });
  const ackWithin = deps.ackWithinMs ?? ACK_WITHIN_MS;
  let botUserId = '';

  /** Admins and owners, or the users named in SLACK_DIGEST_ADMINS, may manage a channel's digest. */
  const canManage = async (command: Command, userId: string): Promise<boolean> => {
    if (command.kind !== 'digest' && command.kind !== 'alerts') return false;
    if (config.digestAdmins.includes(userId)) return true;
    try {
      const info = await app.client.users.info({ user: userId });
      return Boolean(info.user?.is_admin || info.user?.is_owner);
    } catch (err) {
      logger.warn({ err: brief(err) }, 'slack users.info failed; treating the user as not an admin');
      return false;
    }
  };

  const answer = async (handle: Handler, command: Command, ctx: RequestContext): Promise<Reply> => {
    try {
      return await handle(command, ctx);
    } catch (err) {
      logger.error({ err: brief(err) }, 'slack command could not be answered');
      return FAILED;
    }
  };

  return {
    platform: 'slack',

    async start(handle: Handler): Promise<void> {
      app.command('/brief', async ({ command, ack, respond }) => {
        const isPublic = PUBLIC_FLAG.test(command.text);
        const parsed = parseCommand(command.text.replace(PUBLIC_FLAG, ''));
        const ctx: RequestContext = { platform: 'slack', channelId: command.channel_id, userId: command.user_id, workspaceId: command.team_id, canManageChannel: false };
        const work = canManage(parsed, command.user_id).then((ok) => answer(handle, parsed, { ...ctx, canManageChannel: ok }));
        const responseType = isPublic ? 'in_channel' : 'ephemeral';
        // A cleared timer: one left pending per command for 2.5 s is hundreds of live timers at a steady 100 commands/s.
        const early = await settledWithin(work, ackWithin);
        if (early) {
          await ack({ response_type: responseType, ...replyToBlocks(early) });
          return;
        }
        await ack({ response_type: 'ephemeral', text: 'Working on it…' });
        await respond({ response_type: responseType, replace_original: false, ...replyToBlocks(await work) });
      });

      app.event('app_mention', async ({ event, say }) => {
        const text = stripMentions(event.text ?? '', botUserId);
        const ctx: RequestContext = { platform: 'slack', channelId: event.channel, userId: event.user ?? '', workspaceId: event.team, canManageChannel: false };
        const command = parseCommand(text);
        const reply = await answer(handle, command, { ...ctx, canManageChannel: await canManage(command, ctx.userId) });
        await say({ ...replyToBlocks(reply), thread_ts: event.thread_ts ?? event.ts, unfurl_links: false, unfurl_media: false });
      });

      app.message(async ({ message, say }) => {
        // Direct messages only; channel messages reach the bot as app_mention.
        if (message.channel_type !== 'im' || message.subtype || !('text' in message) || !message.user) return;
        const command = parseCommand(stripMentions(message.text ?? '', botUserId));
        const reply = await answer(handle, command, { platform: 'slack', channelId: message.channel, userId: message.user, canManageChannel: false });
        await say({ ...replyToBlocks(reply), unfurl_links: false, unfurl_media: false });
      });

      app.error(async (err) => {
        logger.error({ err: brief(err) }, 'slack error');
      });

      await app.init();
      const auth = await app.client.auth.test();
      botUserId = String(auth.user_id ?? '');
      if (socketMode) await app.start();
      else await app.start(deps.port);
    },

    async post(channel: string, reply: Reply, opts?: PostOptions): Promise<PostedMessage> {
      const result = await app.client.chat.postMessage({
        channel,
        ...replyToBlocks(reply),
        unfurl_links: false,
        unfurl_media: false,
        ...(opts?.idempotencyKey ? { metadata: { event_type: POST_EVENT_TYPE, event_payload: { key: opts.idempotencyKey } } } : {}),
      });
      return { channel: result.channel ?? channel, id: String(result.ts) };
    },

    async update(message: PostedMessage, reply: Reply): Promise<void> {
      await app.client.chat.update({ channel: message.channel, ts: message.id, ...replyToBlocks(reply) });
    },

    async findPosted(channel: string, key: string): Promise<PostedMessage | undefined> {
      const history = await app.client.conversations.history({ channel, limit: RECENT_MESSAGES, include_all_metadata: true });
      const found = history.messages?.find((m) => m.metadata?.event_type === POST_EVENT_TYPE && (m.metadata.event_payload as { key?: string } | undefined)?.key === key);
      return found?.ts ? { channel, id: found.ts } : undefined;
    },

    async stop(): Promise<void> {
      await app.stop();
    },
  };
}

/** "<@U123> what has Scholz done?" → "what has Scholz done?" (the bot's own mention, and any other). */
export function stripMentions(text: string, botUserId: string): string {
  return text.replace(new RegExp(`<@${botUserId || 'U[A-Z0-9]+'}(\\|[^>]*)?>`, 'g'), ' ').replace(/\s+/g, ' ').trim();
}

/** Errors without their request config (which carries the token). */
export function brief(err: unknown): { name?: string; message: string; code?: string } {
  const e = err as { name?: string; message?: string; code?: string; data?: { error?: string } };
  return { name: e?.name, message: String(e?.message ?? err), code: e?.code ?? e?.data?.error };
}
