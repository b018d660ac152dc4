// How far a sync has gone, in words and as a bar: « Lecture du dossier partagé : 12 fichiers
// sur 120 ». A first sync from a slow USB key takes minutes; this says it is moving.

import type { Locale } from '../i18n';
import { currentLocale } from '../i18n';
import { numberFormat, pluralRules } from '../i18n/intl';
import type { SyncProgress } from './api';
import { tr, type SyncKey } from './strings';

/** The steps that count something (settling does not), and the key of their counted line. */
const COUNTED = {
  reading: 'progress.reading.count',
  sending: 'progress.sending.count',
  applying: 'progress.applying.count',
} as const;

/** The line under the bar. Null (no report yet) reads « Synchronisation… »; a step whose size
 *  is not known yet (total 0) is named without counts. */
export function progressLine(progress: SyncProgress | null, locale: Locale = currentLocale()): string {
  if (progress === null) return tr('syncing', undefined, locale);
  const { step, done, total } = progress;
  if (step === 'settling' || total === 0) return tr(`progress.${step}`, undefined, locale);
  const numbers = { done: numberFormat(locale).format(done), total: numberFormat(locale).format(total) };
  const key: SyncKey =
    step === 'applying'
      ? COUNTED.applying
      : `${COUNTED[step]}.${pluralRules(locale).select(done) === 'one' ? 'one' : 'other'}`;
  return tr(key, numbers, locale);
}

/** The bar's `value` and `max`; null (a bar that moves without counting) when nothing can be
 *  counted. */
export function progressBar(progress: SyncProgress | null): { value: number; max: number } | null {
  if (progress === null || progress.step === 'settling' || progress.total === 0) return null;
  return { value: Math.min(progress.done, progress.total), max: progress.total };
}
