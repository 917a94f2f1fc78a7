// The core's only output: a platform-neutral Reply document, and the plain-text renderer for it.

/** A source as shown to users: enough to find the article again. */
export type Citation = {
  /** The source id in sources.yaml. */
  id: string;
  outlet: string;
  author: string;
  title: string;
  /** Publication day, YYYY-MM-DD. */
  date: string;
  url?: string;
  kind: 'news' | 'analysis' | 'opinion';
};

/** One line of an answer; `cites` are ids of the Reply's citations that back it. */
export type ReplyItem = { text: string; cites: string[] };

export type ReplyBlock =
  | { type: 'text'; text: string }
  | { type: 'list'; heading?: string; items: ReplyItem[] }
  | { type: 'fields'; fields: { label: string; value: string }[] };

export type Intent =
  | 'latest'
  | 'actor'
  | 'topic'
  | 'timeline'
  | 'search'
  | 'sources'
  | 'help'
  | 'digest'
  | 'not-found'
  | 'error';

export type Reply = {
  intent: Intent;
  title: string;
  blocks: ReplyBlock[];
  /** Every source cited by an item, in order of first use. */
  citations: Citation[];
  footer?: string;
};

/** The number a renderer shows for a citation: its 1-based position in `reply.citations`. */
export function citationNumbers(reply: Reply): Map<string, number> {
  return new Map(reply.citations.map((c, i) => [c.id, i + 1]));
}

/** "GZERO Media, “To Russia, with love…”, 14 Feb 2022" — outlet, else author. */
export function citationLabel(c: Citation): string {
  const who = c.outlet !== 'not stated' ? c.outlet : c.author !== 'not stated' ? c.author : 'unattributed';
  const by = c.outlet !== 'not stated' && c.author !== 'not stated' ? ` (${c.author})` : '';
  return `${who}${by}, “${c.title}”, ${formatDay(c.date)} [${c.kind}]`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 2022-02-14 → "14 Feb 2022". */
export function formatDay(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? '?'} ${y}`;
}

export function markers(cites: string[], numbers: Map<string, number>): string {
  const nums = cites.map((id) => numbers.get(id)).filter((n): n is number => n !== undefined);
  return nums.length ? ' ' + nums.map((n) => `[${n}]`).join('') : '';
}

/** Plain text for terminals and for the fallback text of chat messages. */
export function renderText(reply: Reply): string {
  const numbers = citationNumbers(reply);
  const out: string[] = [reply.title, ''];
  for (const block of reply.blocks) {
    if (block.type === 'text') out.push(block.text, '');
    else if (block.type === 'fields') {
      for (const f of block.fields) out.push(`${f.label}: ${f.value}`);
      out.push('');
    } else {
      if (block.heading) out.push(block.heading);
      for (const item of block.items) out.push(`  • ${item.text}${markers(item.cites, numbers)}`);
      out.push('');
    }
  }
  if (reply.citations.length) {
    out.push('Sources');
    reply.citations.forEach((c, i) => out.push(`  [${i + 1}] ${citationLabel(c)}${c.url ? ` ${c.url}` : ''}`));
    out.push('');
  }
  if (reply.footer) out.push(reply.footer);
  return out.join('\n').trimEnd() + '\n';
}
