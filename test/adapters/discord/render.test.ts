import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DISCORD_LIMITS, replyToEmbeds } from '../../../src/adapters/discord/render.ts';
import { answer } from '../../../src/core/answers.ts';
import type { Library } from '../../../src/core/library.ts';
import { parseCommand } from '../../../src/core/questions.ts';
import type { Citation, Intent, Reply } from '../../../src/core/reply.ts';
import { shippedLibrary } from '../../helpers/library.ts';
import { embedStrings, expectWithinLimits } from './limits.ts';

const INTENTS: Intent[] = ['latest', 'actor', 'topic', 'timeline', 'search', 'sources', 'help', 'digest', 'not-found', 'error'];

const text = (max: number) =>
  fc.oneof(
    fc.string({ maxLength: max }),
    fc.string({ unit: 'binary', maxLength: max }),
    fc.string({ unit: 'grapheme', maxLength: Math.min(max, 300) }),
    fc.constantFrom('@everyone', '@here', '<@123456789012>', '<@!42424242>', '<@&987654321>', '<#5555555555>', '</brief help:1234567>', '[click](https://evil.example)', '**b** __u__ ~~s~~ ||sp||', '# big\n- item\n1. one', '\\', '`', '```js\n@everyone\n```', '😀'.repeat(3000)),
  );

const citation = fc.record({
  id: fc.string({ minLength: 1, maxLength: 12 }),
  outlet: text(120),
  author: text(80),
  title: text(400),
  date: fc.constantFrom('2022-02-14', '2021-12-01'),
  url: fc.option(fc.oneof(fc.webUrl(), text(100)), { nil: undefined }),
  kind: fc.constantFrom('news' as const, 'analysis' as const, 'opinion' as const),
});

const arbitraryReply: fc.Arbitrary<Reply> = fc
  .record({
    intent: fc.constantFrom(...INTENTS),
    title: text(600),
    citations: fc.uniqueArray(citation, { maxLength: 40, selector: (c) => c.id }),
    footer: fc.option(text(3000), { nil: undefined }),
    blockSeeds: fc.array(
      fc.oneof(
        fc.record({ type: fc.constant('text' as const), text: text(5000) }),
        fc.record({ type: fc.constant('list' as const), heading: fc.option(text(300), { nil: undefined }), items: fc.array(fc.record({ text: text(1200), picks: fc.array(fc.nat(), { maxLength: 4 }) }), { maxLength: 60 }) }),
        fc.record({ type: fc.constant('fields' as const), fields: fc.array(fc.record({ label: text(400), value: text(1500) }), { maxLength: 30 }) }),
      ),
      { maxLength: 8 },
    ),
  })
  .map(({ blockSeeds, citations, ...rest }) => ({
    ...rest,
    citations: citations as Citation[],
    blocks: blockSeeds.map((b) =>
      b.type === 'list'
        ? { type: 'list' as const, heading: b.heading, items: b.items.map((i) => ({ text: i.text, cites: citations.length ? [...new Set(i.picks.map((p) => citations[p % citations.length]!.id))] : [] })) }
        : b,
    ),
  }));

/** Numbers of the sources listed, and the numbers the shown items point to. */
function shownNumbers(embeds: ReturnType<typeof replyToEmbeds>) {
  const lines = embeds.flatMap((m) => m.embeds.flatMap((e) => (e.description ?? '').split('\n')));
  const listed = new Set(lines.map((l) => /^\[(\d+)\] /.exec(l)?.[1]).filter(Boolean).map(Number));
  return { listed, lines };
}

describe('replyToEmbeds', () => {
  it('keeps every message of any reply within every Discord limit, with no mention and no lone surrogate', () => {
    fc.assert(
      fc.property(arbitraryReply, fc.integer({ min: 1, max: 3 }), (reply, maxMessages) => {
        const messages = replyToEmbeds(reply, { maxMessages, footerTag: 'ref bbabcdefghijklmnopqrst' });
        expect(messages.length).toBeGreaterThanOrEqual(1);
        expect(messages.length).toBeLessThanOrEqual(maxMessages);
        for (const m of messages) expectWithinLimits(m.embeds);
        // The footer tag survives any cut: findPosted relies on it.
        expect(messages.at(-1)!.embeds.at(-1)!.footer?.text.endsWith('ref bbabcdefghijklmnopqrst')).toBe(true);
        // Each listed source number belongs to the reply.
        for (const n of shownNumbers(messages).listed) expect(n).toBeLessThanOrEqual(reply.citations.length);
      }),
      { numRuns: 150 },
    );
  });

  it('a reply too long for one message is cut with a pointer to a narrower command, and keeps the sources of what it shows', () => {
    const citations: Citation[] = Array.from({ length: 80 }, (_, i) => ({ id: `s${i}`, outlet: `Outlet ${i}`, author: 'not stated', title: `Article ${i} `.repeat(8), date: '2022-02-01', url: `https://example.org/${i}`, kind: 'news' }));
    const reply: Reply = {
      intent: 'timeline',
      title: 'Timeline',
      blocks: [{ type: 'list', items: citations.map((c, i) => ({ text: `Event ${i}: ${'a long description of what happened '.repeat(5)}`, cites: [c.id] })) }],
      citations,
      footer: 'Narrow it: `/brief timeline 2022-02-01 2022-02-15`.',
    };
    const [message, ...more] = replyToEmbeds(reply);
    expect(more).toEqual([]);
    expectWithinLimits(message!.embeds);
    const footer = message!.embeds.at(-1)!.footer!.text;
    expect(footer).toMatch(/^\d+ more lines? not shown; narrow the dates, e\.g\. \/brief timeline/);
    const { listed, lines } = shownNumbers([message!]);
    const shownEvents = lines.filter((l) => l.startsWith('• Event'));
    expect(shownEvents.length).toBeGreaterThan(3);
    expect(shownEvents.length).toBeLessThan(80);
    for (const line of shownEvents) expect(listed.has(Number(/\[(\d+)\]$/.exec(line)![1]))).toBe(true);
    // With room for three messages, more of it is shown.
    const three = replyToEmbeds(reply, { maxMessages: 3 });
    expect(three.length).toBeGreaterThan(1);
    expect(shownNumbers(three).lines.filter((l) => l.startsWith('• Event')).length).toBeGreaterThan(shownEvents.length);
  });

  it('neutralises mentions and markdown from echoed text, and keeps the core’s command examples as code', () => {
    const reply: Reply = {
      intent: 'not-found',
      title: 'Nothing found for “@everyone <@&123456>”',
      blocks: [{ type: 'text', text: 'Nothing matches “[free nitro](https://evil.example) ||x|| <@99999999>”. Try `/brief help`.' }],
      citations: [],
      footer: 'Try `/brief search` @here',
    };
    const [message] = replyToEmbeds(reply);
    expectWithinLimits(message!.embeds);
    const all = embedStrings(message!.embeds).join('\n');
    expect(all).toContain('\\[free nitro\\](https://evil.example)'); // the masked link is escaped, so shown as typed
    expect(all).toContain('\\|\\|x\\|\\|');
    expect(message!.embeds[0]!.description).toContain('`/brief help`');
    expect(message!.embeds.at(-1)!.footer!.text).toBe('Try /brief search @\u200bhere');
  });

  it('shows fields as embed fields and citations as numbered links', () => {
    const reply: Reply = {
      intent: 'actor',
      title: 'Sergei Lavrov',
      blocks: [
        { type: 'fields', fields: [{ label: 'Role', value: 'Foreign Minister of Russia' }] },
        { type: 'list', heading: 'What they said', items: [{ text: 'Called the talks a conversation of the mute with the deaf.', cites: ['g'] }] },
      ],
      citations: [{ id: 'g', outlet: 'GZERO Media', author: 'not stated', title: 'To Russia, with love', date: '2022-02-14', url: 'https://www.gzeromedia.com/x', kind: 'analysis' }],
    };
    const [message] = replyToEmbeds(reply);
    const [first, second] = message!.embeds;
    expect(first!.fields).toEqual([{ name: 'Role', value: 'Foreign Minister of Russia', inline: true }]);
    expect(second!.description).toBe(
      '**What they said**\n• Called the talks a conversation of the mute with the deaf. [1]\n**Sources**\n[1] [GZERO Media, “To Russia, with love”, 14 Feb 2022 \\[analysis\\]](https://www.gzeromedia.com/x)',
    );
  });
});

describe('replyToEmbeds on the shipped briefings', () => {
  let lib: Library;
  beforeAll(async () => {
    lib = await shippedLibrary();
  });

  it.each(['latest', 'actor putin', 'actor lavrov', 'topic sanctions', 'timeline', 'search nord stream', 'sources', 'help', 'who is Ryabkov?'])('“%s” renders within limits', (line) => {
    const reply = answer(parseCommand(line), lib, { asOf: '2022-03-01' });
    const messages = replyToEmbeds(reply, { maxMessages: 3 });
    for (const m of messages) expectWithinLimits(m.embeds);
    expect(messages[0]!.embeds[0]!.title!.length).toBeGreaterThan(0);
    expect(DISCORD_LIMITS.charsPerMessage).toBe(6000);
  });
});
