// The Discord adapter (discord.js): /brief and @mentions in, embeds out, channel posts for the digest, command registration.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, Partials, REST, Routes, type APIMessage, type APIUser } from 'discord.js';
import type { DiscordConfig } from '../../config.ts';
import type { Reply } from '../../core/reply.ts';
import type { Logger } from '../../log.ts';
import type { ChatAdapter, Handler, PostedMessage, PostOptions } from '../types.ts';
import { briefCommand } from './commands.ts';
import { DEFER_AFTER_MS, loggable, NO_MENTIONS, onAutocomplete, onMessage, onSlashCommand, type Autocomplete } from './events.ts';
import { replyToEmbeds } from './render.ts';

export { briefCommand } from './commands.ts';
export { replyToEmbeds } from './render.ts';

/** How long start() waits for the gateway's READY before giving up with a reason. */
const READY_TIMEOUT_MS = 30_000;
/** How far back findPosted looks in a channel (Discord returns at most 100 per request). */
const RECENT_MESSAGES = 50;

export type DiscordAdapterDeps = {
  logger: Logger;
  autocomplete: Autocomplete;
  /** Defer an interaction whose answer is not ready after this long (default 2 s, inside Discord's 3 s window). */
  deferAfterMs?: number;
};

/** Wire format of `allowedMentions` for messages sent through REST directly. */
const NO_MENTIONS_WIRE = { parse: [] as never[] };

/**
 * Only the intents mentions need: server messages (their content arrives when they mention the bot, so no privileged
 * message-content intent) and DMs; Partials.Channel because DM channels are not cached when their first message arrives.
 */
const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];

export function createDiscordAdapter(config: DiscordConfig, deps: DiscordAdapterDeps): ChatAdapter {
  const { logger } = deps;
  const client = new Client({
    intents: INTENTS,
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    rest: config.apiUrl ? { api: config.apiUrl } : {},
  });
  client.rest.setToken(config.token);
  const eventDeps = { logger, autocomplete: deps.autocomplete, deferAfterMs: deps.deferAfterMs ?? DEFER_AFTER_MS };

  const botId = async (): Promise<string> => client.user?.id ?? ((await client.rest.get(Routes.user())) as APIUser).id;

  return {
    platform: 'discord',

    async start(handle: Handler): Promise<void> {
      client.on(Events.InteractionCreate, (i) => {
        const work = i.isAutocomplete() ? onAutocomplete(i, eventDeps) : i.isChatInputCommand() ? onSlashCommand(i, handle, eventDeps) : undefined;
        work?.catch((err: unknown) => logger.error({ err: loggable(err) }, 'discord interaction could not be answered'));
      });
      client.on(Events.MessageCreate, (m) => {
        if (!client.user) return;
        onMessage(m, client.user.id, handle, logger).catch((err: unknown) => logger.error({ err: loggable(err) }, 'discord mention could not be answered'));
      });
      client.on(Events.Error, (err) => logger.error({ err: loggable(err) }, 'discord client error'));
      client.on(Events.ShardDisconnect, (event, shard) => logger.warn({ shard, code: event.code }, 'discord gateway disconnected'));
      client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'discord gateway resumed'));
      client.rest.on('rateLimited', (info) => logger.warn({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, 'discord rate limit: waiting'));

      const ready = once(client, Events.ClientReady);
      ready.catch(() => undefined); // an 'error' before login resolves is reported through the race below, not as unhandled
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no READY from the Discord gateway within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      });
      try {
        await Promise.race([client.login(config.token).then(() => ready), timeout]);
        logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord connected');
      } catch (err) {
        await client.destroy();
        throw new Error(`Discord did not start: ${(err as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    },

    async post(channel: string, reply: Reply, opts?: PostOptions): Promise<PostedMessage> {
      const nonce = opts?.idempotencyKey ? nonceFor(opts.idempotencyKey) : undefined;
      const [message] = replyToEmbeds(reply, { maxMessages: 1, footerTag: nonce && tagFor(nonce) });
      // Discord returns the earlier message instead of sending a second one when the same nonce comes again within minutes.
      const body = { embeds: message!.embeds, allowed_mentions: NO_MENTIONS_WIRE, ...(nonce && { nonce, enforce_nonce: true }) };
      const sent = (await client.rest.post(Routes.channelMessages(channel), { body })) as APIMessage;
      return { channel, id: sent.id };
    },

    async update(message: PostedMessage, reply: Reply): Promise<void> {
      const [rendered] = replyToEmbeds(reply, { maxMessages: 1 });
      await client.rest.patch(Routes.channelMessage(message.channel, message.id), { body: { embeds: rendered!.embeds, allowed_mentions: NO_MENTIONS_WIRE } });
    },

    async findPosted(channel: string, idempotencyKey: string): Promise<PostedMessage | undefined> {
      const nonce = nonceFor(idempotencyKey);
      const tag = tagFor(nonce);
      const me = await botId();
      const recent = (await client.rest.get(Routes.channelMessages(channel), { query: new URLSearchParams({ limit: String(RECENT_MESSAGES) }) })) as APIMessage[];
      // Fetched messages do not carry their nonce; the tag at the end of the footer does.
      const found = recent.find((m) => m.author.id === me && (m.nonce === nonce || m.embeds.some((e) => e.footer?.text.endsWith(tag))));
      return found && { channel, id: found.id };
    },

    async stop(): Promise<void> {
      client.removeAllListeners();
      await client.destroy();
    },
  };
}

/** Registers /brief in one server (fast, for development) or globally; returns where and how many commands. */
export async function registerCommands(config: DiscordConfig, opts: { guildId?: string } = {}): Promise<{ scope: 'guild' | 'global'; commands: number }> {
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const applicationId = config.applicationId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  const body = [briefCommand()];
  const guildId = opts.guildId ?? config.guildId;
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body })) as unknown[];
  return { scope: guildId ? 'guild' : 'global', commands: registered.length };
}

/** Discord nonces are at most 25 characters; a hash keeps any idempotency key within that. */
export function nonceFor(idempotencyKey: string): string {
  return 'bb' + createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 20);
}

function tagFor(nonce: string): string {
  return `ref ${nonce}`;
}
