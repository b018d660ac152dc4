import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localInputToUtc } from '../sessions/time';
import { formatWhen, monthRange, monthTitle, monthWeeks, utcToLocalInput, weekdays } from './dates';

// The user is in Paris, where summer and winter time differ by an hour.
const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
let zoneBefore: string | undefined;
beforeAll(() => {
  zoneBefore = env.TZ;
  env.TZ = 'Europe/Paris';
});
afterAll(() => {
  if (zoneBefore === undefined) delete env.TZ;
  else env.TZ = zoneBefore;
});

describe('event dates', () => {
  it('turn a stored instant back into the local time typed, in summer and in winter', () => {
    expect(utcToLocalInput('2026-06-12T17:00:00Z')).toBe('2026-06-12T19:00');
    expect(utcToLocalInput('2026-11-25T17:00:00Z')).toBe('2026-11-25T18:00');
    expect(utcToLocalInput('not a date')).toBe('');
    for (const typed of ['2026-03-29T03:30', '2026-10-25T01:15', '2026-12-31T23:59']) {
      expect(utcToLocalInput(localInputToUtc(typed)!)).toBe(typed);
    }
  });

  it('say when an event runs, with or without an end, and past midnight', () => {
    expect(formatWhen('2026-06-12T17:00:00Z', '2026-06-12T19:30:00Z', 'fr')).toBe('Vendredi 12 juin 2026, 19:00 – 21:30');
    expect(formatWhen('2026-06-12T17:00:00Z', null, 'fr')).toBe('Vendredi 12 juin 2026, 19:00');
    expect(formatWhen('2026-06-12T20:00:00Z', '2026-06-12T23:00:00Z', 'fr')).toBe(
      'Vendredi 12 juin 2026, 22:00 – samedi 13 juin 2026, 01:00',
    );
    expect(formatWhen('2026-06-12T17:00:00Z', null, 'en')).toBe(formatWhen('2026-06-12T17:00:00Z', '2026-06-12T17:00:00Z', 'en'));
  });

  it('lay a month out Monday first, with Paris midnights as its bounds', () => {
    // February 2026 starts on a Sunday: six empty squares before it.
    const february = monthWeeks({ year: 2026, month: 1 });
    expect(february[0]!.map((c) => c.day)).toEqual([null, null, null, null, null, null, '2026-02-01']);
    expect(february.flat().filter((c) => c.day !== null)).toHaveLength(28);
    expect(february.every((week) => week.length === 7)).toBe(true);
    expect(monthRange({ year: 2026, month: 1 })).toEqual({ from: '2026-01-31T23:00:00Z', to: '2026-02-28T23:00:00Z' });
    // December's range ends in the next year.
    expect(monthRange({ year: 2026, month: 11 }).to).toBe('2026-12-31T23:00:00Z');
    expect(monthTitle({ year: 2026, month: 1 }, 'fr')).toBe('Février 2026');
    expect(weekdays('fr').map((d) => d.long)[0]).toBe('lundi');
    expect(weekdays('en').map((d) => d.long)[6]).toBe('Sunday');
  });
});
