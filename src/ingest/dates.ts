// Dates in an article, resolved against its publication day (chrono-node), each kept with its sentence and precision.
// English only: the package's root imports every locale (~200 ms of start-up, against ~50).
import * as chrono from 'chrono-node/en';
import { splitSentences } from '../core/search.ts';
import type { EventDate } from '../core/model.ts';

export type FoundDate = EventDate & { sentence: string; text: string };

const iso = (d: Date) => d.toISOString().slice(0, 10);
const WEEKDAY = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b/i;
const PAST = /\b(was|were|had|did|held|followed|said|called|spoke|met|concluded|agreed)\b/i;

/** "three days later" is anchored on the date just named, not on publication (chrono's default). */
const LATER = /\b(\w+|\d+) days? later\b/i;
const NUMBERS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

export function findDates(text: string, published: string): FoundDate[] {
  const ref = new Date(`${published}T12:00:00Z`);
  const out: FoundDate[] = [];
  let lastDay: string | undefined;
  for (const sentence of splitSentences(text)) {
    for (const r of chrono.parse(sentence, { instant: ref, timezone: 0 }, { forwardDate: false })) {
      if (LATER.test(r.text)) continue; // handled below, anchored on the date before it
      let start = r.start.date();
      // A past-tense weekday ("were held on Wednesday") is the one before publication.
      if (WEEKDAY.test(r.text) && PAST.test(sentence) && iso(start) > published) start = new Date(start.getTime() - 7 * 86_400_000);
      const certain = r.start.isCertain('day') && r.start.isCertain('month');
      const day = iso(start);
      out.push({ date: day, precision: certain || WEEKDAY.test(r.text) || /today|yesterday|tomorrow/i.test(r.text) ? 'day' : 'approximate', basis: r.text, sentence, text: r.text });
      lastDay = day;
      for (const end of r.end ? [r.end.date()] : []) out.push({ date: iso(end), precision: 'day', basis: r.text, sentence, text: r.text });
    }
    const later = LATER.exec(sentence);
    if (later && lastDay) {
      const n = NUMBERS[later[1]!.toLowerCase()] ?? Number(later[1]);
      if (n > 0) {
        const d = new Date(`${lastDay}T12:00:00Z`);
        d.setUTCDate(d.getUTCDate() + n);
        out.push({ date: iso(d), precision: 'day', basis: `${later[0]} (after ${lastDay})`, sentence, text: later[0] });
        lastDay = iso(d);
      }
    }
  }
  return out;
}
