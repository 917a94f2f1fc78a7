import { describe, expect, it } from 'vitest';
import { cronExpression, dayIn, isValidZone, lastSlot, nextSlot, normalizeTime, slotOn } from '../../src/digests/slots.ts';

describe('digest slots', () => {
  it('puts 08:00 Berlin at 07:00 UTC in winter and 06:00 UTC in summer', () => {
    expect(slotOn('2022-02-15', '08:00', 'Europe/Berlin').toISOString()).toBe('2022-02-15T07:00:00.000Z');
    expect(slotOn('2022-07-15', '08:00', 'Europe/Berlin').toISOString()).toBe('2022-07-15T06:00:00.000Z');
  });

  it('spring forward: a skipped local time moves forward by the gap', () => {
    // 27 Mar 2022: Berlin clocks go 02:00 → 03:00.
    expect(slotOn('2022-03-27', '02:30', 'Europe/Berlin').toISOString()).toBe('2022-03-27T01:30:00.000Z');
    expect(dayIn(slotOn('2022-03-27', '02:30', 'Europe/Berlin'), 'Europe/Berlin')).toBe('2022-03-27');
    // New York, 13 Mar 2022: 02:00 → 03:00.
    expect(slotOn('2022-03-13', '08:00', 'America/New_York').toISOString()).toBe('2022-03-13T12:00:00.000Z');
  });

  it('fall back: a repeated local time counts once, at its standard-time occurrence', () => {
    // 30 Oct 2022: Berlin clocks go 03:00 → 02:00; 02:30 happens twice (00:30 and 01:30 UTC).
    expect(slotOn('2022-10-30', '02:30', 'Europe/Berlin').toISOString()).toBe('2022-10-30T01:30:00.000Z');
    expect(lastSlot('02:30', 'Europe/Berlin', new Date('2022-10-30T00:45:00Z')).period).toBe('2022-10-29');
    expect(lastSlot('02:30', 'Europe/Berlin', new Date('2022-10-30T01:45:00Z')).period).toBe('2022-10-30');
    expect(nextSlot('02:30', 'Europe/Berlin', new Date('2022-10-30T01:45:00Z')).toISOString()).toBe('2022-10-31T01:30:00.000Z');
  });

  it('finds the next and the last slot around now, in local days', () => {
    const now = new Date('2022-02-15T06:30:00Z'); // 07:30 Berlin
    expect(nextSlot('08:00', 'Europe/Berlin', now).toISOString()).toBe('2022-02-15T07:00:00.000Z');
    expect(lastSlot('08:00', 'Europe/Berlin', now)).toEqual({ period: '2022-02-14', at: new Date('2022-02-14T07:00:00Z') });
    expect(lastSlot('08:00', 'Asia/Tokyo', now).period).toBe('2022-02-15');
  });

  it('validates times and zones', () => {
    expect(normalizeTime('8:05')).toBe('08:05');
    expect(normalizeTime('24:00')).toBeUndefined();
    expect(normalizeTime('noon')).toBeUndefined();
    expect(isValidZone('Europe/Kyiv')).toBe(true);
    expect(isValidZone('Mars/Olympus')).toBe(false);
    expect(cronExpression('08:05')).toBe('5 8 * * *');
  });
});
