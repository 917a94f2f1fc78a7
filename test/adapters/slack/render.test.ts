// Property tests: any Reply renders within every Block Kit limit, and never as a mention.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escape, replyToBlocks, SLACK_LIMITS, type SlackBlock } from '../../../src/adapters/slack/render.ts';
import type { Reply } from '../../../src/core/reply.ts';

const hostileText = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom('<!channel>', '<!here>', '<!everyone>', '<@U123|bob>', '<!subteam^S1>', '<#C1>', '&amp;<>', '*bold* _it_ ~s~ `c`', 'x'.repeat(5000)),
);
const citation = fc.record({
  id: fc.string({ minLength: 1, maxLength: 20 }),
  outlet: hostileText,
  author: hostileText,
  title: hostileText,
  date: fc.constant('2022-02-14'),
  kind: fc.constantFrom('news' as const, 'analysis' as const, 'opinion' as const),
  url: fc.option(fc.webUrl(), { nil: undefined }),
});
const reply: fc.Arbitrary<Reply> = fc
  .record({
    title: hostileText,
    citations: fc.array(citation, { maxLength: 25 }),
    footer: fc.option(hostileText, { nil: undefined }),
    blocks: fc.array(
      fc.oneof(
        fc.record({ type: fc.constant('text' as const), text: hostileText }),
        fc.record({ type: fc.constant('fields' as const), fields: fc.array(fc.record({ label: hostileText, value: hostileText }), { maxLength: 25 }) }),
        fc.record({ type: fc.constant('list' as const), heading: fc.option(hostileText, { nil: undefined }), items: fc.array(fc.record({ text: hostileText, cites: fc.array(fc.string({ maxLength: 20 }), { maxLength: 3 }) }), { maxLength: 60 }) }),
      ),
      { maxLength: 30 },
    ),
  })
  .map((r) => ({ intent: 'search' as const, ...r }));

const textOf = (b: SlackBlock): string[] =>
  b.type === 'header' ? [b.text.text] : b.type === 'section' ? [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)] : b.type === 'context' ? b.elements.map((e) => e.text) : [];

describe('replyToBlocks', () => {
  it('stays within every Block Kit limit and never produces a mention', () => {
    fc.assert(
      fc.property(reply, (r) => {
        const { blocks, text } = replyToBlocks(r);
        expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
        let total = 0;
        for (const b of blocks) {
          if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
          if (b.type === 'section') {
            expect((b.text?.text ?? '').length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
            expect((b.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
            for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
          }
          if (b.type === 'context') expect(b.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
          total += textOf(b).reduce((n, t) => n + t.length, 0);
        }
        expect(total).toBeLessThan(12_000);
        expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
        for (const t of [...blocks.flatMap(textOf), text]) expect(t).not.toMatch(/<[!@#]/);
      }),
      { numRuns: 300 },
    );
  });

  it('escapes the three control characters', () => {
    expect(escape('a & <b> c')).toBe('a &amp; &lt;b&gt; c');
  });

  it('links citations whose URL is known, and says how much was left out of a long answer', () => {
    const long: Reply = {
      intent: 'timeline',
      title: 'Timeline',
      blocks: [{ type: 'list', items: Array.from({ length: 400 }, (_, i) => ({ text: `event ${i} `.repeat(20), cites: ['s'] })) }],
      citations: [{ id: 's', outlet: 'GZERO Media', author: 'not stated', title: 'T', date: '2022-02-14', kind: 'analysis', url: 'https://example.org/a' }],
    };
    const { blocks } = replyToBlocks(long);
    const all = JSON.stringify(blocks);
    expect(all).toContain('<https://example.org/a|GZERO Media');
    expect(all).toMatch(/more parts? left out: ask a narrower question/);
  });
});
