// Reads a Reply the way a user would: all its item texts, and the citations behind one item.
import type { Reply, ReplyItem } from '../../src/core/reply.ts';

export function items(reply: Reply, heading?: string): ReplyItem[] {
  return reply.blocks.flatMap((b) => (b.type === 'list' && (heading === undefined || b.heading === heading) ? b.items : []));
}

export function itemTexts(reply: Reply, heading?: string): string[] {
  return items(reply, heading).map((i) => i.text);
}

/** The citations of the first item whose text contains `needle`. */
export function citesOf(reply: Reply, needle: string) {
  const item = items(reply).find((i) => i.text.includes(needle));
  if (!item) throw new Error(`no item contains “${needle}”: ${itemTexts(reply).join(' | ')}`);
  return item.cites.map((id) => reply.citations.find((c) => c.id === id)!);
}

export function allText(reply: Reply): string {
  return JSON.stringify(reply);
}
