import { describe, expect, it } from 'vitest';
import { formatClock, formatRange, localDate, localInputToUtc } from './time';

// What the user types is read in the system's time zone: compare with the Date constructor,
// which does the same, and check the result is a UTC instant without milliseconds.
const local = (y: number, m: number, d: number, h: number, min: number) =>
  new Date(y, m - 1, d, h, min).toISOString().replace('.000Z', 'Z');

describe('session times', () => {
  it('read a datetime-local value in local time and answer a UTC instant', () => {
    expect(localInputToUtc('2026-10-14T18:00')).toBe(local(2026, 10, 14, 18, 0));
    expect(localInputToUtc('2026-10-14T18:00')).toMatch(/^2026-10-14T\d{2}:00:00Z$/);
  });

  it('turn 18:00 in Paris into 16:00Z in summer time and 17:00Z in winter', () => {
    const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
    const before = env.TZ;
    env.TZ = 'Europe/Paris';
    try {
      expect(localInputToUtc('2026-10-14T18:00')).toBe('2026-10-14T16:00:00Z');
      expect(localInputToUtc('2026-11-25T18:00')).toBe('2026-11-25T17:00:00Z');
    } finally {
      if (before === undefined) delete env.TZ;
      else env.TZ = before;
    }
  });

  it('refuse missing or impossible dates', () => {
    expect(localInputToUtc('')).toBeNull();
    expect(localInputToUtc('2026-02-30T10:00')).toBeNull();
    expect(localInputToUtc('2026-10-14T25:00')).toBeNull();
    expect(localInputToUtc('14/10/2026 18:00')).toBeNull();
  });

  it('show a range in French with the day named once', () => {
    expect(formatRange('2026-10-14T16:00:00Z', 90, 'fr', 'Europe/Paris')).toBe('mercredi 14 octobre 2026, 18:00 – 19:30');
    expect(formatRange('2026-10-14T21:30:00Z', 60, 'fr', 'Europe/Paris')).toBe(
      'mercredi 14 octobre 2026, 23:30 – jeudi 15 octobre 2026, 00:30',
    );
    expect(formatRange('2026-10-14T16:00:00Z', 90, 'en', 'Europe/Paris')).toBe('Wednesday, 14 October 2026, 18:00 – 19:30');
  });

  it('tell the saving time and today in the user’s clock', () => {
    expect(formatClock('2026-11-25T09:42:00Z', 'fr', 'Europe/Paris')).toBe('10:42');
    expect(localDate(new Date(2026, 10, 5, 23, 59))).toBe('2026-11-05');
  });
});
