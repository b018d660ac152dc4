// The changes of an objective carried from one quarter to the next, in words, as the diff
// screen lists them: « Statut : En cours → En retard », « Avancement : 40 % → 55 % ».

import type { CarriedObjective, ObjectiveRef } from '../roadmap/api';
import { currentLocale, type Locale } from '../i18n';
import { formatAmount, formatPercent, statusLabel, tr } from './strings';

/** Two percentages closer than this are the same to the eye (and to rounding). */
const SAME_PERCENT = 0.5;

export function changesOf(item: CarriedObjective, locale: Locale = currentLocale()): string[] {
  const { before, after } = item;
  const changes: string[] = [];
  if (before.title !== after.title) {
    changes.push(tr('diff.change.title', { before: before.title, after: after.title }, locale));
  }
  if (before.axis !== after.axis) {
    changes.push(tr('diff.change.axis', { before: before.axis, after: after.axis }, locale));
  }
  if (before.status !== after.status) {
    const words = { before: statusLabel(before.status, locale), after: statusLabel(after.status, locale) };
    changes.push(tr('diff.change.status', words, locale));
  }
  if (Math.abs(before.percent - after.percent) >= SAME_PERCENT) {
    const words = { before: formatPercent(before.percent, locale), after: formatPercent(after.percent, locale) };
    changes.push(tr('diff.change.percent', words, locale));
  }
  if (before.target !== after.target) {
    const words = { before: targetText(before.target, locale), after: targetText(after.target, locale) };
    changes.push(tr('diff.change.target', words, locale));
  }
  return changes;
}

function targetText(value: number | null, locale: Locale): string {
  return value === null ? tr('diff.noTarget', undefined, locale) : formatAmount(value, locale);
}

/** « Mobilisation · En cours · 40 % »: where an objective stands, in one line. */
export function refLine(ref: ObjectiveRef, locale: Locale = currentLocale()): string {
  return tr(
    'diff.refLine',
    { axis: ref.axis, status: statusLabel(ref.status, locale), percent: formatPercent(ref.percent, locale) },
    locale,
  );
}
