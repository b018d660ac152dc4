import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPeriod, currentYear, isCalendarDate, lastYear } from './period';

const env = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;
let zoneBefore: string | undefined;
beforeEach(() => {
  zoneBefore = env.TZ;
  env.TZ = 'Europe/Paris';
});
afterEach(() => {
  if (zoneBefore === undefined) delete env.TZ;
  else env.TZ = zoneBefore;
});

describe('report period', () => {
  it('runs from 1 January to today by default, in local days', () => {
    // Just after midnight on 1 March in Paris is still 28 February in UTC: the local day counts.
    expect(currentYear(new Date(2026, 2, 1, 0, 30))).toEqual({ from: '2026-01-01', to: '2026-03-01' });
    expect(lastYear(new Date(2026, 2, 1))).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('accepts real dates only, the end on or after the start', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('')).toBe(false);
    expect(checkPeriod({ from: '2026-01-01', to: '2026-01-01' })).toBeNull();
    expect(checkPeriod({ from: '2026-05-01', to: '2026-04-30' })).toBe('reversed');
    expect(checkPeriod({ from: '', to: '2026-04-30' })).toBe('missing');
  });
});
