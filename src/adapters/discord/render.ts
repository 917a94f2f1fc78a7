// Reply → Discord embeds: a pure renderer that keeps every message within Discord's limits and never mentions anyone.
import { embedLength, type APIEmbed } from 'discord.js';
import { citationLabel, citationNumbers, markers, type Reply } from '../../core/reply.ts';

/** Discord's embed and message limits (characters are counted as UTF-16 units, which is never fewer than Discord counts). */
export const DISCORD_LIMITS = {
  title: 256,
  description: 4096,
  fieldsPerEmbed: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values, footer and author of all embeds of one message together. */
  charsPerMessage: 6000,
  embedsPerMessage: 10,
  content: 2000,
} as const;

/** Room kept free in every message for the "more…" pointer and the reply's footer. */
const POINTER_ROOM = 240;
/** A reply footer longer than this is cut: footers are for hints, not content. */
const FOOTER_MAX = 600;
/** One line (a paragraph or list item) is cut to this, leaving room in a description for its newline. */
const LINE_MAX = DISCORD_LIMITS.description - 1;
/** Field values this short sit side by side. */
const INLINE_FIELD_MAX = 40;

const COLORS: Record<Reply['intent'], number> = {
  latest: 0x3b5bdb, actor: 0x3b5bdb, topic: 0x3b5bdb, timeline: 0x3b5bdb, search: 0x3b5bdb,
  sources: 0x495057, help: 0x495057, digest: 0x2b8a3e, 'not-found': 0x868e96, error: 0xc92a2a,
};

export type EmbedMessage = { embeds: APIEmbed[] };
export type RenderOptions = {
  /** Messages an answer may span (1 for posts that are later edited). */
  maxMessages?: number;
  /** A short tag always kept at the end of the last footer (at most 40 characters): finds a posted message again. */
  footerTag?: string;
};

/** One piece of the answer in reading order: a line of an embed's description, or a field. */
type Piece =
  | { kind: 'line'; text: string; cites: string[] }
  | { kind: 'field'; name: string; value: string; inline: boolean };

/**
 * Renders a Reply as one or more messages of embeds. Items that do not fit are left out, and the footer says how many and
 * which narrower command shows them; the sources of every item shown are always included.
 */
export function replyToEmbeds(reply: Reply, opts: RenderOptions = {}): EmbedMessage[] {
  const maxMessages = Math.max(1, opts.maxMessages ?? 1);
  const title = cut(safe(reply.title), DISCORD_LIMITS.title) || 'briefbot';
  const body = bodyPieces(reply);
  const numbers = citationNumbers(reply);
  const footerText = reply.footer ? cut(plain(reply.footer), FOOTER_MAX) : '';

  const fit = (n: number) => pack(title, withSources(body.slice(0, n), reply, numbers), maxMessages);
  // Usually all of it fits. Otherwise the longest prefix that fits with the sources it cites (fit only gets harder as the prefix grows).
  let messages = fit(body.length);
  let lo = body.length;
  if (!messages) {
    lo = 0;
    let hi = body.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (fit(mid)) lo = mid;
      else hi = mid - 1;
    }
    messages = fit(lo)!;
  }
  const left = body.length - lo;
  const tag = opts.footerTag ? cut(plain(opts.footerTag), 40) : '';
  const footer = [left ? pointer(reply, left) : '', footerText, tag].filter(Boolean).join(' · ');
  if (footer) {
    const last = messages[messages.length - 1]!;
    last.embeds[last.embeds.length - 1]!.footer = { text: cut(footer, DISCORD_LIMITS.footer) };
  }
  // Within every limit by construction; the tests hold each output to discord.js's own validators (which cost a
  // third of a command's time here, so they do not run per reply).
  return messages.map((m) => ({ embeds: m.embeds.map((e) => ({ ...e, color: COLORS[reply.intent] })) }));
}

function bodyPieces(reply: Reply): Piece[] {
  const numbers = citationNumbers(reply);
  const pieces: Piece[] = [];
  const line = (text: string, cites: string[] = []) => pieces.push({ kind: 'line', text: cut(text, LINE_MAX), cites });
  for (const block of reply.blocks) {
    if (block.type === 'text') {
      if (block.text.trim()) line(safe(block.text));
    } else if (block.type === 'fields') {
      for (const f of block.fields) {
        const name = cut(plain(f.label), DISCORD_LIMITS.fieldName) || '—';
        const value = cut(safe(f.value), DISCORD_LIMITS.fieldValue) || '—';
        pieces.push({ kind: 'field', name, value, inline: value.length <= INLINE_FIELD_MAX });
      }
    } else {
      if (block.heading?.trim()) line(`**${cut(safe(block.heading), 200)}**`);
      for (const item of block.items) line(`• ${safe(item.text)}${markers(item.cites, numbers)}`, item.cites);
    }
  }
  return pieces;
}

/** The body plus a "Sources" section listing the citations its lines use, numbered as in the whole reply. */
function withSources(body: Piece[], reply: Reply, numbers: Map<string, number>): Piece[] {
  const used = new Set(body.flatMap((p) => (p.kind === 'line' ? p.cites : [])));
  const cited = reply.citations.filter((c) => used.has(c.id));
  if (!cited.length) return body;
  const lines: Piece[] = cited.map((c) => ({ kind: 'line', text: cut(`[${numbers.get(c.id)}] ${sourceLine(c)}`, LINE_MAX), cites: [] }));
  return [...body, { kind: 'line', text: '**Sources**', cites: [] }, ...lines];
}

function sourceLine(c: Reply['citations'][number]): string {
  const label = safe(citationLabel(c));
  const url = c.url && /^https?:\/\/\S+$/.test(c.url) ? c.url.replace(/[()<>]/g, encodeURIComponent) : undefined;
  return url && url.length <= 512 ? `[${label}](${url})` : label;
}

type Draft = { embeds: APIEmbed[] };

/** Packs the pieces into messages, or undefined when they need more than `maxMessages`. */
function pack(title: string, pieces: Piece[], maxMessages: number): Draft[] | undefined {
  const budget = DISCORD_LIMITS.charsPerMessage - POINTER_ROOM - FOOTER_MAX;
  const messages: Draft[] = [{ embeds: [{ title }] }];
  let used = title.length;
  for (const piece of pieces) {
    let message = messages[messages.length - 1]!;
    let embed = message.embeds[message.embeds.length - 1]!;
    const size = piece.kind === 'line' ? piece.text.length + 1 : piece.name.length + piece.value.length;
    const fitsEmbed =
      piece.kind === 'line'
        ? !embed.fields?.length && (embed.description?.length ?? 0) + size <= DISCORD_LIMITS.description
        : (embed.fields?.length ?? 0) < DISCORD_LIMITS.fieldsPerEmbed;
    if (!fitsEmbed || used + size > budget) {
      if (used + size <= budget && message.embeds.length < DISCORD_LIMITS.embedsPerMessage) {
        embed = {};
        message.embeds.push(embed);
      } else {
        if (messages.length >= maxMessages) return undefined;
        message = { embeds: [(embed = {})] };
        messages.push(message);
        used = 0;
      }
    }
    if (piece.kind === 'line') embed.description = embed.description ? `${embed.description}\n${piece.text}` : piece.text;
    else (embed.fields ??= []).push({ name: piece.name, value: piece.value, inline: piece.inline });
    used += size;
  }
  return messages;
}

function pointer(reply: Reply, left: number): string {
  const what = `${left} more line${left === 1 ? '' : 's'} not shown`;
  switch (reply.intent) {
    case 'timeline':
      return `${what}; narrow the dates, e.g. /brief timeline 2022-02-01 2022-02-07`;
    case 'search':
      return `${what}; add words to /brief search`;
    case 'sources':
      return `${what}; ask about one topic with /brief topic`;
    default:
      return `${what}; ask something narrower, e.g. /brief timeline or /brief topic`;
  }
}

/**
 * Text shown with markdown: every markdown character outside code spans is escaped (the core writes commands in
 * backticks, which stay code), and no mention can form. Hand-written because discord.js's escapeMarkdown is quadratic
 * on `*`/`_` runs (160 ms for 6,400 characters, measured here), which hostile text could exploit.
 */
export function safe(text: string): string {
  const escaped = text
    .split(/(`[^`\n]+`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/[\\*_~|`[\]]/g, '\\$&').replace(/^([ \t]*)([#>-])/gm, '$1\\$2').replace(/^([ \t]*\d+)\.(?=\s)/gm, '$1\\.')))
    .join('');
  return noMentions(escaped);
}

/** Text shown without markdown (titles of fields, footers): backticks dropped, no mentions. */
function plain(text: string): string {
  return noMentions(text.replace(/`/g, '')).replace(/\s+/g, ' ').trim();
}

/** @everyone, @here, <@id>, <@&id>, <#id> and slash-command mentions can never form: a zero-width space breaks them. */
export function noMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<(@|#|\/)/g, '<\u200b$1');
}

/** At most `max` UTF-16 units, ending in "…" when cut, never splitting a surrogate pair or leaving a dangling escape. */
export function cut(text: string, max: number): string {
  const t = text.trim();
  if (t.length <= max) return t;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(t[end - 1] ?? '')) end -= 1;
  let head = t.slice(0, end);
  if (/(^|[^\\])(\\\\)*\\$/.test(head)) head = head.slice(0, -1);
  return head.trimEnd() + '…';
}

/** Total characters Discord counts for these embeds (for tests and logs). */
export function messageLength(message: EmbedMessage): number {
  return message.embeds.reduce((n, e) => n + embedLength(e), 0);
}
