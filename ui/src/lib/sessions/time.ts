// Sessions are stored as UTC instants; people think in their own clock. These helpers are the
// one place where the two meet, so that a session typed for 18:00 in Paris is 17:00Z or 16:00Z
// depending on the season, and shows as 18:00 again.

import type { Locale } from '../i18n';
import { dateTimeFormat } from '../i18n/intl';

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A `datetime-local` value (`2026-10-14T18:00`) read in the user's time zone, as a UTC RFC 3339
 * instant (`2026-10-14T16:00:00Z`); null when it is missing or not a real date and time.
 */
export function localInputToUtc(value: string): string | null {
  const match = LOCAL_DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(year, month - 1, day, hour, minute);
  // The Date constructor rolls 30 February over to March: refuse what it had to correct.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return null;
  if (hour > 23 || minute > 59) return null;
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today in the user's time zone, as YYYY-MM-DD (what the backend takes as a done date). */
export function localDate(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Now as a UTC RFC 3339 instant, for "upcoming" and "past". */
export function utcNow(now: Date = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function timeFormat(locale: Locale, timeZone?: string): Intl.DateTimeFormat {
  return dateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
}

function dayFormat(locale: Locale, timeZone?: string): Intl.DateTimeFormat {
  return dateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  });
}

/**
 * « mercredi 14 octobre 2026, 18:00 – 19:30 » in the user's time zone; both days are named when
 * the session runs past midnight. `timeZone` is for tests.
 */
export function formatRange(startsAt: string, minutes: number, locale: Locale, timeZone?: string): string {
  const start = new Date(startsAt);
  if (Number.isNaN(start.getTime())) return startsAt;
  const end = new Date(start.getTime() + Math.max(0, minutes) * 60_000);
  const days = dayFormat(locale, timeZone);
  const times = timeFormat(locale, timeZone);
  const startDay = days.format(start);
  const endDay = days.format(end);
  if (startDay === endDay) return `${startDay}, ${times.format(start)} – ${times.format(end)}`;
  return `${startDay}, ${times.format(start)} – ${endDay}, ${times.format(end)}`;
}

/** « 10:42 »: when something was saved, in the user's clock. */
export function formatClock(instant: string, locale: Locale, timeZone?: string): string {
  const date = new Date(instant);
  return timeFormat(locale, timeZone).format(Number.isNaN(date.getTime()) ? new Date() : date);
}

/** « 14 octobre 2026 » for a calendar date (YYYY-MM-DD), read as a local date. */
export function formatDay(date: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const value = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return dateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long' }).format(value);
}
