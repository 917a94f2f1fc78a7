// Discord events → core Commands → replies: /brief interactions (deferred when slow), autocomplete, and @mentions.
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Message,
} from 'discord.js';
import { parseCommand } from '../../core/questions.ts';
import type { Reply } from '../../core/reply.ts';
import type { Logger } from '../../log.ts';
import type { Handler, RequestContext } from '../types.ts';
import { settledWithin } from '../settled-within.ts';
import { autocompleteField, COMMAND_NAME, MAX_CHOICE_CHARS, MAX_CHOICES, PUBLIC_OPTION, toCommand, type AutocompleteField, type Invocation } from './commands.ts';
import { cut, replyToEmbeds } from './render.ts';

/** Nothing the bot sends may ping anyone, the author of a message it answers included. */
export const NO_MENTIONS = { parse: [], repliedUser: false } as const;
/** A chat answer may continue in this many messages (follow-ups) before it is cut with a pointer. */
export const MAX_ANSWER_MESSAGES = 3;
/** Discord wants a first response within 3 s; an answer not ready by then is deferred and edited in later. */
export const DEFER_AFTER_MS = 2_000;

export type Autocomplete = (field: AutocompleteField, typed: string) => { name: string; value: string }[];

export type EventDeps = { logger: Logger; autocomplete: Autocomplete; deferAfterMs: number };

const FAILED: Reply = {
  intent: 'error',
  title: 'I could not do that',
  blocks: [{ type: 'text', text: 'Something went wrong on my side while answering; please try again.' }],
  citations: [],
};

export async function onAutocomplete(i: AutocompleteInteraction, deps: EventDeps): Promise<void> {
  const focused = i.options.getFocused(true);
  const field = autocompleteField({ group: i.options.getSubcommandGroup(false), subcommand: i.options.getSubcommand(false) ?? '' }, focused.name);
  let choices: { name: string; value: string }[] = [];
  try {
    if (field) choices = deps.autocomplete(field, String(focused.value).slice(0, MAX_CHOICE_CHARS));
  } catch (err) {
    deps.logger.error({ err: loggable(err), field }, 'discord autocomplete failed');
  }
  const valid = choices
    .filter((c) => c.value.length > 0 && c.value.length <= MAX_CHOICE_CHARS)
    .slice(0, MAX_CHOICES)
    .map((c) => ({ name: cut(c.name, MAX_CHOICE_CHARS) || c.value, value: c.value }));
  await i.respond(valid);
}

export async function onSlashCommand(i: ChatInputCommandInteraction, handle: Handler, deps: EventDeps): Promise<void> {
  if (i.commandName !== COMMAND_NAME) return;
  const invocation: Invocation = { group: i.options.getSubcommandGroup(false), subcommand: i.options.getSubcommand(false) ?? '', options: leafOptions(i.options.data) };
  const command = toCommand(invocation);
  const ephemeral = invocation.options[PUBLIC_OPTION] !== true;
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  const ctx: RequestContext = {
    platform: 'discord',
    channelId: i.channelId,
    userId: i.user.id,
    workspaceId: i.guildId ?? undefined,
    // In a DM the user is the only one it concerns; in a server it takes Manage Channels or Manage Server.
    canManageChannel: i.inGuild() ? Boolean(i.memberPermissions?.any([PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageGuild])) : true,
  };
  const work = answerSafely(handle, command, ctx, deps.logger);
  const early = await settledWithin(work, deps.deferAfterMs);
  const messages = replyToEmbeds(early ?? (await deferThen(i, flags, work)), { maxMessages: MAX_ANSWER_MESSAGES });
  const [first, ...rest] = messages;
  if (early) await i.reply({ embeds: first!.embeds, flags, allowedMentions: NO_MENTIONS });
  else await i.editReply({ embeds: first!.embeds, allowedMentions: NO_MENTIONS });
  for (const more of rest) await i.followUp({ embeds: more.embeds, flags, allowedMentions: NO_MENTIONS });
}

async function deferThen(i: ChatInputCommandInteraction, flags: MessageFlags.Ephemeral | undefined, work: Promise<Reply>): Promise<Reply> {
  await i.deferReply({ flags });
  return work;
}

export async function onMessage(m: Message, botId: string, handle: Handler, logger: Logger): Promise<void> {
  if (m.author.bot || m.webhookId || m.system) return;
  const direct = !m.inGuild();
  // Only messages that name the bot itself (not @everyone or a role) in a server; every message in a DM.
  if (!direct && !m.mentions.users.has(botId)) return;
  const text = m.content.replace(new RegExp(`<@!?${botId}>`, 'g'), ' ').trim();
  const ctx: RequestContext = {
    platform: 'discord',
    channelId: m.channelId,
    userId: m.author.id,
    workspaceId: m.guildId ?? undefined,
    canManageChannel: direct || canManage(m),
  };
  const reply = await answerSafely(handle, parseCommand(text), ctx, logger);
  for (const message of replyToEmbeds(reply, { maxMessages: MAX_ANSWER_MESSAGES })) {
    await m.reply({ embeds: message.embeds, allowedMentions: NO_MENTIONS, failIfNotExists: false });
  }
}

function canManage(m: Message): boolean {
  try {
    return Boolean(m.member?.permissions.any([PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageGuild]));
  } catch {
    return false;
  }
}

async function answerSafely(handle: Handler, command: Parameters<Handler>[0], ctx: RequestContext, logger: Logger): Promise<Reply> {
  try {
    return await handle(command, ctx);
  } catch (err) {
    logger.error({ err: loggable(err), kind: command.kind }, 'discord command failed');
    return FAILED;
  }
}

/**
 * What a log line may say about a failed Discord call: discord.js errors carry the request URL, and for interactions that
 * URL holds the interaction's token, so only name, message and codes are kept.
 */
export function loggable(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const { code, status, method } = err as Error & { code?: unknown; status?: unknown; method?: unknown };
  return { type: err.name, message: err.message, code, status, method };
}

/** The options the user gave, by name, from inside subcommand groups and subcommands. */
function leafOptions(data: readonly CommandInteractionOption[]): Invocation['options'] {
  const out: Invocation['options'] = {};
  for (const option of data) {
    if (option.options) Object.assign(out, leafOptions(option.options));
    else if (typeof option.value === 'string' || typeof option.value === 'boolean') out[option.name] = option.value;
  }
  return out;
}
