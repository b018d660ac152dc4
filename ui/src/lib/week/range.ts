// The bounds of "today" and "this week" in the user's own time zone. The core works in UTC and
// cannot know where the user is, so the UI sends the instants. Computed with local-time Date
// methods, so a day that has 23 or 25 hours (when clocks change) keeps its true length.

import type { WeekQuery } from '../coaching/api';

/** The thresholds offered for "quiet" engagements, in weeks. */
export const STALE_CHOICES = [4, 6, 8, 12] as const;
export type StaleWeeks = (typeof STALE_CHOICES)[number];
export const DEFAULT_STALE_WEEKS: StaleWeeks = 6;

const STALE_KEY = 'flocon.week.staleAfterWeeks';

/** Actions shown per owner in each list before « Voir les autres »: the screen stays light
 * (and opens fast) even when hundreds of actions are late. */
export const ACTIONS_PER_OWNER = 5;

/** Owners asked for in each list: enough for the 25 lines and the few folded owners after them
 * (WeekScreen); the others are only counted until « Voir les autres personnes ». The core's
 * `HOME_OWNERS_PER_SECTION` is the same number, so the week it reads ahead matches. */
export const OWNERS_PER_SECTION = 30;

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar date of an instant, as YYYY-MM-DD. */
export function localDate(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** Local midnight of the day `days` after the one `at` falls on. */
function midnight(at: Date, days = 0): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + days);
}

/** What "Ma semaine" asks the core: today, and the local day and Monday-to-Monday week as
 * instants; the first few actions of each owner, or all of them once a group was unfolded. */
export function weekQuery(
  now: Date,
  staleAfterWeeks: number = DEFAULT_STALE_WEEKS,
  allActions = false,
  allOwners = false,
): WeekQuery {
  // getDay() is 0 on Sunday; the French week starts on Monday.
  const sinceMonday = (now.getDay() + 6) % 7;
  return {
    today: localDate(now),
    day_start: midnight(now).toISOString(),
    day_end: midnight(now, 1).toISOString(),
    week_start: midnight(now, -sinceMonday).toISOString(),
    week_end: midnight(now, 7 - sinceMonday).toISOString(),
    stale_after_weeks: staleAfterWeeks,
    ...(allActions ? {} : { actions_per_owner: ACTIONS_PER_OWNER }),
    ...(allOwners ? {} : { owners_per_section: OWNERS_PER_SECTION }),
  };
}

function isStaleWeeks(value: number): value is StaleWeeks {
  return (STALE_CHOICES as readonly number[]).includes(value);
}

/** The threshold the user chose last time, or 6 weeks. */
export function loadStaleWeeks(): StaleWeeks {
  try {
    const value = Number(globalThis.localStorage?.getItem(STALE_KEY));
    return isStaleWeeks(value) ? value : DEFAULT_STALE_WEEKS;
  } catch {
    // Storage can be unavailable; the default is a fine answer.
    return DEFAULT_STALE_WEEKS;
  }
}

export function saveStaleWeeks(weeks: StaleWeeks): void {
  try {
    globalThis.localStorage?.setItem(STALE_KEY, String(weeks));
  } catch {
    // Not remembered this time; the choice still applies until the screen closes.
  }
}
