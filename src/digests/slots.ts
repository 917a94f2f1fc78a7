// When a subscription's digest is due: its local HH:MM in its IANA zone, right across daylight-saving changes (luxon).
import { DateTime, IANAZone } from 'luxon';

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** "8:05" or "08:05" → "08:05"; undefined when it is not a time of day. */
export function normalizeTime(text: string): string | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return `${m[1]!.padStart(2, '0')}:${m[2]}`;
}

/**
 * The instant of `time` on local `day` in `zone`. A time skipped by a spring-forward change moves forward by the
 * gap (02:30 → 03:30); a time repeated by a fall-back change is taken once, at its standard-time occurrence
 * (the ledger keeps a second cron firing from posting twice).
 */
export function slotOn(day: string, time: string, zone: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  const [year, month, d] = day.split('-').map(Number);
  return DateTime.fromObject({ year, month, day: d, hour, minute }, { zone }).toJSDate();
}

/** The local calendar day of an instant in `zone`. */
export function dayIn(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

export function addDay(day: string, n: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: n }).toISODate()!;
}

/** The next slot strictly after `now`. */
export function nextSlot(time: string, zone: string, now: Date): Date {
  const today = dayIn(now, zone);
  const slot = slotOn(today, time, zone);
  return slot > now ? slot : slotOn(addDay(today, 1), time, zone);
}

/** The most recent slot at or before `now`, and its local day (the digest period). */
export function lastSlot(time: string, zone: string, now: Date): { period: string; at: Date } {
  const today = dayIn(now, zone);
  const slot = slotOn(today, time, zone);
  if (slot <= now) return { period: today, at: slot };
  const yesterday = addDay(today, -1);
  return { period: yesterday, at: slotOn(yesterday, time, zone) };
}

/** node-cron's expression for a daily HH:MM (evaluated by node-cron in the subscription's zone). */
export function cronExpression(time: string): string {
  const [hour, minute] = time.split(':').map(Number);
  return `${minute} ${hour} * * *`;
}
