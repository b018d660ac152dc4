// Every user-facing string goes through `t`. Keys are typed from the French dictionary.

import type { ErrorKind, Problem } from '../api/types.gen';
import { en } from './en';
import { fr, type MessageKey } from './fr';
import { currentLocale, type Locale } from './locale.svelte';

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
  return new Intl.NumberFormat(locale).format(value);
}

/** "3 contacts", "1 contact" (and "0 contact" in French, as French grammar wants). */
export function countContacts(count: number, locale: Locale = currentLocale()): string {
  const one = new Intl.PluralRules(locale).select(count) === 'one';
  return t(one ? 'contacts.count.one' : 'contacts.count.other', { count: formatNumber(count, locale) }, locale);
}

/**
 * A stored UTC time in the user's time zone: « 25 novembre 2026 à 18:02 ».
 * `timeZone` is for tests; the app always uses the system's.
 */
export function formatDateTime(iso: string, locale: Locale = currentLocale(), timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(date);
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
    case 'unknown_sector':
      return t('problem.unknown_sector', { value: problem.value }, locale);
    case 'invalid_id':
      return t('problem.invalid_id', { value: problem.value }, locale);
    case 'too_long':
      return t('problem.too_long', { max: problem.max }, locale);
  }
  // A newer backend may send a code this version does not know yet.
  return t('error.invalid', { message: String((problem as { code: unknown }).code) }, locale);
}

export interface DescribableError {
  kind: ErrorKind;
  message: string;
  problem: Problem | null;
}

/** What to tell the user about a failed call; the English `message` only fills gaps. */
export function errorMessage(error: DescribableError, locale: Locale = currentLocale()): string {
  if (error.problem) return problemMessage(error.problem, locale);
  switch (error.kind) {
    case 'not_found':
    case 'database_too_new':
    case 'not_a_flocon_database':
      return t(`error.${error.kind}`, undefined, locale);
    case 'refused':
    case 'invalid':
    case 'storage':
    case 'internal':
      return t(`error.${error.kind}`, { message: error.message }, locale);
  }
  return t('error.internal', { message: error.message }, locale);
}
