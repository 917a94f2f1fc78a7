// Reply → Block Kit: a pure renderer within Slack's limits, with everything escaped so no answer can mention anyone.
import { citationLabel, citationNumbers, markers, type Reply } from '../../core/reply.ts';

/** Slack's limits (Block Kit reference), and our own budget well under the 12,000-character message cap. */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  messageBlockText: 10_000,
  fallbackText: 3000,
  /** Our own caps, so sources and footer always leave room for the answer. */
  citationText: 400,
  footerText: 1000,
} as const;

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; text?: { type: 'mrkdwn'; text: string }; fields?: { type: 'mrkdwn'; text: string }[] }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] }
  | { type: 'divider' };

export type SlackMessage = { blocks: SlackBlock[]; text: string };

/** &, < and > are Slack's control characters: escaped, `<!channel>` is just text. */
export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never end on half an escape (&amp;) or half a surrogate pair.
  let out = text.slice(0, max - 1).replace(/&[a-z]*$/, '');
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  return `${out}…`;
}

const blockText = (b: SlackBlock): number =>
  b.type === 'header' ? b.text.text.length : b.type === 'section' ? (b.text?.text.length ?? 0) + (b.fields ?? []).reduce((n, f) => n + f.text.length, 0) : b.type === 'context' ? b.elements.reduce((n, e) => n + e.text.length, 0) : 0;

/** Lines go into sections of at most the section limit; a line longer than that is cut. */
function sections(lines: string[]): SlackBlock[] {
  const out: SlackBlock[] = [];
  let current = '';
  for (const raw of lines) {
    const line = cut(raw, SLACK_LIMITS.sectionText);
    if (current && current.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      out.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push({ type: 'section', text: { type: 'mrkdwn', text: current } });
  return out;
}

export function replyToBlocks(reply: Reply): SlackMessage {
  const numbers = citationNumbers(reply);
  const body: SlackBlock[] = [];
  for (const block of reply.blocks) {
    if (block.type === 'text') body.push(...sections([escape(block.text)]));
    else if (block.type === 'fields') {
      for (let i = 0; i < block.fields.length; i += SLACK_LIMITS.fields) {
        const fields = block.fields.slice(i, i + SLACK_LIMITS.fields).map((f) => ({ type: 'mrkdwn' as const, text: cut(`*${escape(f.label)}*\n${escape(f.value)}`, SLACK_LIMITS.fieldText) }));
        body.push({ type: 'section', fields });
      }
    } else {
      const lines = block.items.map((item) => `• ${escape(item.text)}${markers(item.cites, numbers)}`);
      body.push(...sections(block.heading ? [`*${escape(block.heading)}*`, ...lines] : lines));
    }
  }
  const sources = reply.citations.map((c, i) => {
    const label = escape(citationLabel(c)).replace(/\|/g, '¦');
    return `[${i + 1}] ${c.url ? `<${c.url}|${label}>` : label}`;
  });
  const tail: SlackBlock[] = [];
  for (let i = 0; i < sources.length; i += SLACK_LIMITS.contextElements) {
    tail.push({ type: 'context', elements: sources.slice(i, i + SLACK_LIMITS.contextElements).map((s) => ({ type: 'mrkdwn' as const, text: cut(s, SLACK_LIMITS.citationText) })) });
  }
  if (reply.footer) tail.push({ type: 'context', elements: [{ type: 'mrkdwn', text: cut(escape(reply.footer), SLACK_LIMITS.footerText) }] });

  // plain_text is not parsed for mentions, but no answer should even look like `<!channel>`: angle brackets become look-alikes.
  const title = (reply.title || 'briefbot').replace(/</g, '‹').replace(/>/g, '›');
  const header: SlackBlock = { type: 'header', text: { type: 'plain_text', text: cut(title, SLACK_LIMITS.headerText), emoji: false } };
  const blocks = fit(header, body, tail);
  return { blocks, text: cut(escape(`${reply.title}\n${fallbackLines(reply)}`), SLACK_LIMITS.fallbackText) };
}

/** Header, the sources and footer (as many as fit half the budget), then as much of the body as fits; a pointer where lines were left out. */
function fit(header: SlackBlock, body: SlackBlock[], tail: SlackBlock[]): SlackBlock[] {
  const pointer = (n: number): SlackBlock => ({ type: 'context', elements: [{ type: 'mrkdwn', text: `${n} more part${n === 1 ? '' : 's'} left out: ask a narrower question, e.g. \`/brief timeline 2022-02-01 2022-02-15\` or \`/brief actor <name>\`.` }] });
  const POINTER_TEXT = 200;
  let used = blockText(header) + POINTER_TEXT;
  const tailKept: SlackBlock[] = [];
  for (const b of tail) {
    if (tailKept.length >= SLACK_LIMITS.blocks / 2 || used + blockText(b) > SLACK_LIMITS.messageBlockText / 2) break;
    tailKept.push(b);
    used += blockText(b);
  }
  const room = SLACK_LIMITS.blocks - 2 - tailKept.length;
  const kept: SlackBlock[] = [];
  for (const b of body) {
    if (kept.length >= room || used + blockText(b) > SLACK_LIMITS.messageBlockText) break;
    kept.push(b);
    used += blockText(b);
  }
  const left = body.length - kept.length;
  return [header, ...kept, ...(left ? [pointer(left)] : []), ...tailKept];
}

function fallbackLines(reply: Reply): string {
  return reply.blocks
    .map((b) => (b.type === 'text' ? b.text : b.type === 'fields' ? b.fields.map((f) => `${f.label}: ${f.value}`).join('\n') : b.items.map((i) => `• ${i.text}`).join('\n')))
    .join('\n');
}
