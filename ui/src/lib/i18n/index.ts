// Every user-facing string goes through `t`. Keys are typed from the French dictionary.

import type { ErrorKind, Problem, SchemaDifference } from '../api/types.gen';
import { en } from './en';
import { fr, type MessageKey } from './fr';
import { currentLocale, type Locale } from './locale.svelte';
import { dateTimeFormat, numberFormat, pluralRules } from './intl';

export { currentLocale, LOCALES, reloadLocale, setLocale, type Locale } from './locale.svelte';
export type { MessageKey } from './fr';

export type Params = Record<string, string | number>;

const dictionaries: Record<Locale, Record<MessageKey, string>> = { fr, en };

function interpolate(template: string, params: Params | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function t(key: MessageKey, params?: Params, locale: Locale = currentLocale()): string {
  return interpolate(dictionaries[locale][key], params);
}

export function formatNumber(value: number, locale: Locale = currentLocale()): string {
  return numberFormat(locale).format(value);
}

/** "3 contacts", "1 contact" (and "0 contact" in French, as French grammar wants). */
export function countContacts(count: number, locale: Locale = currentLocale()): string {
  const one = pluralRules(locale).select(count) === 'one';
  return t(one ? 'contacts.count.one' : 'contacts.count.other', { count: formatNumber(count, locale) }, locale);
}

/** "12 organisations"; "200+ contacts" when more pages may follow. */
function countOf(
  keys: { one: MessageKey; other: MessageKey },
  count: number,
  locale: Locale,
): string {
  const one = pluralRules(locale).select(count) === 'one';
  return t(one ? keys.one : keys.other, { count: formatNumber(count, locale) }, locale);
}

/** What a list shows of its size when only the first pages are loaded: "200+ contacts". */
export function countContactsAtLeast(count: number, locale: Locale = currentLocale()): string {
  return t('contacts.count.more', { count: formatNumber(count, locale) }, locale);
}

export function countOrgs(count: number, locale: Locale = currentLocale()): string {
  return countOf({ one: 'orgs.count.one', other: 'orgs.count.other' }, count, locale);
}

export function countMembers(count: number, locale: Locale = currentLocale()): string {
  return countOf({ one: 'orgs.members.one', other: 'orgs.members.other' }, count, locale);
}

/**
 * A calendar date (YYYY-MM-DD, no time zone) as « 12 octobre 2026 ». Read as a local date so
 * that no time zone moves it to the day before.
 */
export function formatDate(date: string, locale: Locale = currentLocale()): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const value = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return dateTimeFormat(locale, { dateStyle: 'long' }).format(value);
}

/**
 * A stored UTC time in the user's time zone: « 25 novembre 2026 à 18:02 ».
 * `timeZone` is for tests; the app always uses the system's.
 */
export function formatDateTime(iso: string, locale: Locale = currentLocale(), timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
}

/** The wording of a field problem, in the current language. */
export function problemMessage(problem: Problem, locale: Locale = currentLocale()): string {
  switch (problem.code) {
    case 'name_required':
      return t('problem.name_required', undefined, locale);
    case 'invalid_email':
      return t('problem.invalid_email', { value: problem.value }, locale);
    case 'invalid_phone':
      return t('problem.invalid_phone', { value: problem.value }, locale);
    case 'unknown_value':
      return t('problem.unknown_value', { value: problem.value, expected: problem.expected }, locale);
    case 'invalid_date':
      return t('problem.invalid_date', { value: problem.value }, locale);
    case 'required':
    case 'only_for_collectives':
    case 'ends_before_start':
    case 'self_reference':
      return t(`problem.${problem.code}`, undefined, locale);
    case 'invalid_id':
      return t('problem.invalid_id', { value: problem.value }, locale);
    case 'too_long':
      return t('problem.too_long', { max: problem.max }, locale);
    case 'invalid_date_time':
      return t('problem.invalid_date_time', { value: problem.value }, locale);
    case 'out_of_range':
      return t('problem.out_of_range', { min: problem.min, max: problem.max }, locale);
    case 'date_in_future':
      return t('problem.date_in_future', { value: problem.value }, locale);
  }
  // A newer backend may send a code this version does not know yet.
  return t('error.invalid', { message: String((problem as { code: unknown }).code) }, locale);
}

export interface DescribableError {
  kind: ErrorKind;
  message: string;
  problem: Problem | null;
  schema?: SchemaDifference | null;
}

/**
 * How a file's schema differs from Flocon's: « il contient un déclencheur inconnu « x » ». The
 * name comes from the file, escaped by the core; it is only ever shown as text.
 */
export function schemaDifferenceMessage(difference: SchemaDifference, locale: Locale = currentLocale()): string {
  const { change, object, name, others } = difference;
  const what =
    change === 'unknown'
      ? t('schema.contains', { object: t(`schema.unknown.${object}`, { name }, locale) }, locale)
      : t(`schema.${change}`, { object: t(`schema.object.${object}`, { name }, locale) }, locale);
  if (others === 0) return what;
  const more = t(others === 1 ? 'schema.others.one' : 'schema.others.other', { count: formatNumber(others, locale) }, locale);
  return `${what} ${more}`;
}

/** What to tell the user about a failed call; the English `message` only fills gaps. */
export function errorMessage(error: DescribableError, locale: Locale = currentLocale()): string {
  if (error.problem) return problemMessage(error.problem, locale);
  switch (error.kind) {
    case 'not_found':
    case 'database_too_new':
    case 'not_a_flocon_database':
    case 'wrong_passphrase':
    case 'damaged':
    case 'sync_folder_missing':
      return t(`error.${error.kind}`, undefined, locale);
    case 'foreign_schema':
      if (error.schema) {
        return t('error.foreign_schema', { difference: schemaDifferenceMessage(error.schema, locale) }, locale);
      }
      return t('error.foreign_schema.unsaid', undefined, locale);
    case 'refused':
    case 'malformed':
    case 'invalid':
    case 'storage':
    case 'internal':
      return t(`error.${error.kind}`, { message: error.message }, locale);
  }
  return t('error.internal', { message: error.message }, locale);
}
