import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STALE_WEEKS, loadStaleWeeks, localDate, saveStaleWeeks, weekQuery } from './range';

// The front end sees no Node globals; this file is the one place that needs the time zone.
declare const process: { env: Record<string, string | undefined> };

const HOUR = 3_600_000;
const span = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / HOUR;

const systemZone = process.env.TZ;

beforeAll(() => {
  // Node re-reads TZ when it is assigned, so the rest of this file runs in Paris time.
  process.env.TZ = 'Europe/Paris';
});

afterAll(() => {
  if (systemZone === undefined) delete process.env.TZ;
  else process.env.TZ = systemZone;
});

afterEach(() => localStorage.clear());

describe('weekQuery', () => {
  it('runs in Paris time for these tests', () => {
    expect(new Date(2026, 0, 15).getTimezoneOffset()).toBe(-60);
  });

  it('gives the local day and the Monday-to-Monday week as UTC instants', () => {
    const query = weekQuery(new Date(2026, 10, 25, 20, 30), 8); // Wednesday 25 November 2026
    expect(query).toEqual({
      today: '2026-11-25',
      day_start: '2026-11-24T23:00:00.000Z',
      day_end: '2026-11-25T23:00:00.000Z',
      week_start: '2026-11-22T23:00:00.000Z',
      week_end: '2026-11-29T23:00:00.000Z',
      stale_after_weeks: 8,
      actions_per_owner: 5,
      owners_per_section: 30,
    });
  });

  it('asks for every owner once the others were asked for', () => {
    const query = weekQuery(new Date(2026, 10, 25, 20, 30), 8, false, true);
    expect(query).not.toHaveProperty('owners_per_section');
    expect(query.actions_per_owner).toBe(5);
  });

  it('asks for every action once a group was unfolded', () => {
    const query = weekQuery(new Date(2026, 10, 25, 20, 30), 8, true);
    expect(query).not.toHaveProperty('actions_per_owner');
  });

  it('gives a 23-hour day and a 167-hour week when clocks go forward (29 March 2026)', () => {
    const query = weekQuery(new Date(2026, 2, 29, 15, 0)); // a Sunday
    expect(query.today).toBe('2026-03-29');
    expect(query.day_start).toBe('2026-03-28T23:00:00.000Z');
    expect(query.day_end).toBe('2026-03-29T22:00:00.000Z');
    expect(span(query.day_start, query.day_end)).toBe(23);
    expect(query.week_start).toBe('2026-03-22T23:00:00.000Z');
    expect(query.week_end).toBe('2026-03-29T22:00:00.000Z');
    expect(span(query.week_start, query.week_end)).toBe(167);
  });

  it('gives a 25-hour day when clocks go back (25 October 2026)', () => {
    const query = weekQuery(new Date(2026, 9, 25, 1, 30));
    expect(span(query.day_start, query.day_end)).toBe(25);
  });

  it('counts Sunday in the week that started the Monday before, and Monday as the first day', () => {
    expect(weekQuery(new Date(2026, 10, 29, 23, 59)).week_start).toBe('2026-11-22T23:00:00.000Z');
    expect(weekQuery(new Date(2026, 10, 30, 0, 0)).week_start).toBe('2026-11-29T23:00:00.000Z');
  });

  it('takes today from the local date, not the UTC one', () => {
    // 00:30 in Paris is still the day before in UTC.
    expect(localDate(new Date(2026, 0, 1, 0, 30))).toBe('2026-01-01');
    expect(weekQuery(new Date(2026, 0, 1, 0, 30)).today).toBe('2026-01-01');
  });
});

describe('the quiet-engagement threshold', () => {
  it('is 6 weeks until the user picks another, then remembered', () => {
    expect(loadStaleWeeks()).toBe(DEFAULT_STALE_WEEKS);
    saveStaleWeeks(12);
    expect(loadStaleWeeks()).toBe(12);
  });

  it('ignores a remembered value that is not offered', () => {
    localStorage.setItem('flocon.week.staleAfterWeeks', '5');
    expect(loadStaleWeeks()).toBe(6);
  });
});
