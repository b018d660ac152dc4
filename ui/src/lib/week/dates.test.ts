import { describe, expect, it } from 'vitest';
import { formatDay, formatInstantDay, formatTimeRange, formatWeekday } from './dates';

describe('coaching dates', () => {
  it('show a session\'s hours in the user\'s time zone, in French by default', () => {
    expect(formatTimeRange('2026-03-29T12:00:00Z', 90, 'fr', 'Europe/Paris')).toBe('14:00 – 15:30');
    expect(formatWeekday('2026-03-30T08:00:00Z', 'fr', 'Europe/Paris')).toBe('lundi 30 mars');
    expect(formatWeekday('2026-03-30T08:00:00Z', 'en', 'Europe/Paris')).toBe('Monday 30 March');
  });

  it('read a calendar date as local, and an instant in the given zone', () => {
    expect(formatDay('2026-11-01', 'fr')).toBe('1 novembre 2026');
    expect(formatInstantDay('2026-10-31T23:30:00Z', 'fr', 'Europe/Paris')).toBe('1 novembre 2026');
    expect(formatDay('pas une date', 'fr')).toBe('pas une date');
  });
});
