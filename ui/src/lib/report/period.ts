// The report's period as the form holds it: two calendar dates (YYYY-MM-DD, both days
// included), counted in the user's own days, never in UTC.

import { localDate } from '../week/range';

export interface Period {
  from: string;
  to: string;
}

/** From 1 January to today: the default, and « Année en cours ». */
export function currentYear(today: Date): Period {
  return { from: `${today.getFullYear()}-01-01`, to: localDate(today) };
}

/** The whole of last year: « Année dernière ». */
export function lastYear(today: Date): Period {
  const year = today.getFullYear() - 1;
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** A real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

export type PeriodProblem = 'missing' | 'reversed';

/** What is wrong with a period, if anything. ISO dates compare as text. */
export function checkPeriod(period: Period): PeriodProblem | null {
  if (!isCalendarDate(period.from) || !isCalendarDate(period.to)) return 'missing';
  return period.to < period.from ? 'reversed' : null;
}
