// Dates and times as the coaching screens show them, in the app's language and the user's
// time zone. `timeZone` is for tests; the app always uses the system's.

import { currentLocale, type Locale } from '../i18n';
import { dateTimeFormat } from '../i18n/intl';

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

function format(at: Date, options: Intl.DateTimeFormatOptions, locale: Locale, timeZone?: string): string {
  return dateTimeFormat(TAGS[locale], { ...options, timeZone }).format(at);
}

/** A calendar date (YYYY-MM-DD) read as a local date, so no time zone moves it: « 12 mars 2026 ». */
export function formatDay(date: string, locale: Locale = currentLocale()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const value = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return format(value, { dateStyle: 'long' }, locale);
}

/** The local date of an instant: « 12 mars 2026 ». */
export function formatInstantDay(iso: string, locale: Locale = currentLocale(), timeZone?: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : format(at, { dateStyle: 'long' }, locale, timeZone);
}

/** A weekday heading: « lundi 30 mars ». */
export function formatWeekday(iso: string, locale: Locale = currentLocale(), timeZone?: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime())
    ? iso
    : format(at, { weekday: 'long', day: 'numeric', month: 'long' }, locale, timeZone);
}

/** When a session runs: « 14:00 – 16:30 ». */
export function formatTimeRange(
  startsAt: string,
  durationMinutes: number,
  locale: Locale = currentLocale(),
  timeZone?: string,
): string {
  const start = new Date(startsAt);
  if (Number.isNaN(start.getTime())) return startsAt;
  const end = new Date(start.getTime() + durationMinutes * 60_000);
  const time = { hour: '2-digit', minute: '2-digit' } as const;
  return `${format(start, time, locale, timeZone)} – ${format(end, time, locale, timeZone)}`;
}

/** The local date of an instant, as YYYY-MM-DD, to group sessions by day. */
export function dayKey(iso: string): string {
  const at = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
