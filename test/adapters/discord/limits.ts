// Checks a message body the way Discord would: every embed and message limit, no mention syntax, well-formed text.
import { EmbedBuilder, type APIEmbed } from 'discord.js';
import { expect } from 'vitest';
import { DISCORD_LIMITS } from '../../../src/adapters/discord/render.ts';

const MENTION = /@everyone|@here|<@[!&]?\d+>|<#\d+>|<\/[\w -]+:\d+>/i;

/** Every string a user sees in these embeds. */
export function embedStrings(embeds: APIEmbed[]): string[] {
  return embeds.flatMap((e) => [e.title, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])].filter((s): s is string => s !== undefined));
}

export function expectWithinLimits(embeds: APIEmbed[]): void {
  expect(embeds.length).toBeGreaterThan(0);
  expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
  let total = 0;
  for (const e of embeds) {
    // discord.js's own validators, independently of the renderer.
    const b = new EmbedBuilder();
    if (e.title !== undefined) b.setTitle(e.title);
    if (e.description !== undefined) b.setDescription(e.description);
    if (e.fields) b.setFields(e.fields);
    if (e.footer) b.setFooter({ text: e.footer.text });
    expect(e.title ?? e.description ?? e.fields?.[0]).toBeTruthy();
    expect((e.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.title);
    expect((e.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.description);
    expect((e.fields ?? []).length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldsPerEmbed);
    for (const f of e.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.footer);
    total += embedStrings([e]).reduce((n, s) => n + s.length, 0);
  }
  expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.charsPerMessage);
  for (const s of embedStrings(embeds)) {
    expect(s, s).not.toMatch(MENTION);
    expect((s as string & { isWellFormed(): boolean }).isWellFormed(), 'no lone surrogate').toBe(true);
  }
}
