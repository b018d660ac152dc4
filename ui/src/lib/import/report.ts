// How an import report reads: the one-line summary, the match reasons, the format, the size.

import { currentLocale, type Locale } from '../i18n';
import type { ImportReport, MatchReason } from './api';
import { count, tr } from './strings';
import { numberFormat } from '../i18n/intl';

/**
 * « 12 nouveaux contacts, 3 fusionnés avec un contact existant, 2 déjà présents, 1 ignoré »
 * (« 12 contacts créés, … » once applied). Empty groups are left out; an empty string when the
 * file held nothing at all.
 */
export function summary(report: ImportReport, locale: Locale = currentLocale()): string {
  const parts = [
    [report.dry_run ? 'created' : 'done', report.created.length],
    ['merged', report.merged.length],
    ['unchanged', report.unchanged.length],
    ['skipped', report.skipped.length],
  ] as const;
  return parts
    .filter(([, n]) => n > 0)
    .map(([group, n]) => count(group, n, locale))
    .join(', ');
}

/** Whether applying the report would change anything. */
export function bringsSomething(report: ImportReport): boolean {
  return report.created.length + report.merged.length > 0;
}

export function matchLabel(reason: MatchReason, locale: Locale = currentLocale()): string {
  return tr(`match.${reason}`, undefined, locale);
}

/** « vCard », « CSV »; a format this version does not know is shown as the core names it. */
export function formatLabel(format: string, locale: Locale = currentLocale()): string {
  return format === 'vcard' || format === 'csv' ? tr(`format.${format}`, undefined, locale) : format;
}

/** A size in megabytes as people read it: « 63,2 ». */
export function megabytes(bytes: number, locale: Locale = currentLocale()): string {
  return numberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024));
}
