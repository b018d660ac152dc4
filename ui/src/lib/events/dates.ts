// Events are stored as UTC instants; people think in their own clock and in calendar months.
// The local→UTC reading of a typed time is sessions/time.ts's; this file adds what events need
// besides: the way back into a `datetime-local` field, the month grid, and the wording of when.

import { currentLocale, type Locale } from '../i18n';
import { formatRange, localDate, utcNow } from '../sessions/time';
import { dateTimeFormat } from '../i18n/intl';

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as the backend takes it: a UTC RFC 3339 instant, without milliseconds. */
export function toInstant(at: Date): string {
  return utcNow(at);
}

/**
 * A stored instant as a `datetime-local` value in the user's time zone (`2026-06-12T19:00`), so
 * that editing an event shows the time it was typed with; "" when the instant is unreadable.
 */
export function utcToLocalInput(instant: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return '';
  return `${localDate(at)}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** The local calendar day of an instant, YYYY-MM-DD: the day cell an event sits in. */
export function localDayOf(instant: string): string {
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? '' : localDate(at);
}

function capitalized(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/**
 * « Vendredi 12 juin 2026, 19:00 – 21:00 », both days named when it runs past midnight, only the
 * start when there is no (later) end. `timeZone` is for tests.
 */
export function formatWhen(startsAt: string, endsAt: string | null, locale: Locale = currentLocale(), timeZone?: string): string {
  const start = new Date(startsAt);
  if (Number.isNaN(start.getTime())) return startsAt;
  const minutes = endsAt ? (Date.parse(endsAt) - start.getTime()) / 60_000 : Number.NaN;
  if (minutes > 0) return capitalized(formatRange(startsAt, minutes, locale, timeZone));
  // The same wording of the day as formatRange's, so events with and without an end read alike.
  const day = dateTimeFormat(TAGS[locale], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(start);
  const time = dateTimeFormat(TAGS[locale], { hour: '2-digit', minute: '2-digit', timeZone }).format(start);
  return capitalized(`${day}, ${time}`);
}

/** « 19:00 », for an event inside its calendar day. */
export function formatTime(instant: string, locale: Locale = currentLocale(), timeZone?: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  return dateTimeFormat(TAGS[locale], { hour: '2-digit', minute: '2-digit', timeZone }).format(at);
}

/** A month of the calendar: `month` counts from 0, as Date does. */
export interface Month {
  year: number;
  month: number;
}

export function monthOf(at: Date): Month {
  return { year: at.getFullYear(), month: at.getMonth() };
}

export function shiftMonth(from: Month, step: number): Month {
  const at = new Date(from.year, from.month + step, 1);
  return monthOf(at);
}

/** The month's start and the next month's start, at local midnight, as instants: [from, to). */
export function monthRange(of: Month): { from: string; to: string } {
  return {
    from: toInstant(new Date(of.year, of.month, 1)),
    to: toInstant(new Date(of.year, of.month + 1, 1)),
  };
}

/** One square of the grid: a day of the month, or an empty filler before the 1st or after the last. */
export interface Cell {
  /** YYYY-MM-DD, or null for a filler. */
  day: string | null;
  date: number;
}

/** The month in weeks, Monday first, the days of other months left empty. */
export function monthWeeks(of: Month): Cell[][] {
  const first = new Date(of.year, of.month, 1);
  const length = new Date(of.year, of.month + 1, 0).getDate();
  // getDay() counts from Sunday; the week here starts on Monday.
  const lead = (first.getDay() + 6) % 7;
  const cells: Cell[] = [];
  for (let i = 0; i < lead; i++) cells.push({ day: null, date: 0 });
  for (let date = 1; date <= length; date++) cells.push({ day: localDate(new Date(of.year, of.month, date)), date });
  while (cells.length % 7 !== 0) cells.push({ day: null, date: 0 });
  const weeks: Cell[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** « Juin 2026 ». */
export function monthTitle(of: Month, locale: Locale = currentLocale()): string {
  const text = dateTimeFormat(TAGS[locale], { month: 'long', year: 'numeric' }).format(new Date(of.year, of.month, 1));
  return capitalized(text);
}

/** The weekdays from Monday, long (« lundi ») and short (« lun. »). */
export function weekdays(locale: Locale = currentLocale()): { long: string; short: string }[] {
  const long = dateTimeFormat(TAGS[locale], { weekday: 'long' });
  const short = dateTimeFormat(TAGS[locale], { weekday: 'short' });
  // 5 January 2026 is a Monday.
  return Array.from({ length: 7 }, (_, i) => {
    const at = new Date(2026, 0, 5 + i);
    return { long: long.format(at), short: short.format(at) };
  });
}

/** A calendar day (YYYY-MM-DD) in full: « vendredi 12 juin 2026 ». */
export function formatLongDay(day: string, locale: Locale = currentLocale()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return dateTimeFormat(TAGS[locale], { dateStyle: 'full' }).format(at);
}
