// The trash screen's own words, French first, and how it says kinds, dates and delays. The
// adjectives agree with the kind (« une séance supprimée », « un contact supprimé »).

import { currentLocale, errorMessage, formatDateTime, type DescribableError, type Locale } from '../i18n';
import { numberFormat, pluralRules } from '../i18n/intl';
import type { TrashKind } from './api';

export const fr = {
  title: 'Corbeille',
  intro: 'Les éléments supprimés restent ici 30 jours sur cet ordinateur : vous pouvez les remettre à leur place. Passé ce délai, ils sont effacés définitivement.',
  loading: 'Chargement de la corbeille…',
  empty: 'La corbeille est vide. Les éléments supprimés y restent 30 jours.',
  'list.label': 'Éléments de la corbeille',
  retry: 'Réessayer',
  'error.load': 'La corbeille n\'a pas pu être lue. {message}',

  'kind.person': 'Contact',
  'kind.organization': 'Collectif ou organisation',
  'kind.engagement': 'Accompagnement',
  'kind.session': 'Séance',
  'kind.action': 'Action',
  'kind.event': 'Rencontre',
  'kind.objective': 'Objectif',

  'deleted.m': 'supprimé le {when}',
  'deleted.f': 'supprimée le {when}',
  'expires.on.m': 'sera effacé définitivement le {when}',
  'expires.on.f': 'sera effacée définitivement le {when}',
  'expires.in.one.m': 'sera effacé définitivement dans {count} jour',
  'expires.in.one.f': 'sera effacée définitivement dans {count} jour',
  'expires.in.other.m': 'sera effacé définitivement dans {count} jours',
  'expires.in.other.f': 'sera effacée définitivement dans {count} jours',
  'expires.today.m': 'sera effacé définitivement aujourd\'hui',
  'expires.today.f': 'sera effacée définitivement aujourd\'hui',

  restore: 'Restaurer',
  'restore.label': 'Restaurer {label}',
  restoring: 'Restauration…',
  'restored.person': '{label} est de retour dans les contacts.',
  'restored.organization': '{label} est de retour dans les collectifs et organisations.',
  'restored.engagement': 'L\'accompagnement « {label} » est de retour.',
  'restored.session': 'La séance « {label} » est de retour.',
  'restored.action': 'L\'action « {label} » est de retour dans la feuille de route.',
  'restored.event': 'La rencontre « {label} » est de retour.',
  'restored.objective': 'L\'objectif « {label} » est de retour dans la feuille de route.',
  'restored.leftOut.one': '{count} lien n\'a pas pu être rétabli, car ce à quoi il menait n\'existe plus.',
  'restored.leftOut.other': '{count} liens n\'ont pas pu être rétablis, car ce à quoi ils menaient n\'existe plus.',
  open: 'Ouvrir',
  'open.label': 'Ouvrir {label}',
  'error.restore': 'La restauration de « {label} » n\'a pas abouti. {message}',
  'error.gone': '« {label} » n\'est plus dans la corbeille : cet élément a peut-être déjà été restauré ou effacé.',

  emptyTrash: 'Vider la corbeille',
  'emptyTrash.title': 'Vider la corbeille ?',
  'emptyTrash.body.one': 'L\'élément de la corbeille sera effacé définitivement. Cette action est irréversible.',
  'emptyTrash.body.other': 'Les {count} éléments de la corbeille seront effacés définitivement. Cette action est irréversible.',
  'emptyTrash.confirm': 'Effacer définitivement',
  'emptyTrash.cancel': 'Annuler',
  'emptied.none': 'La corbeille était déjà vide.',
  'emptied.one': '{count} élément a été effacé définitivement.',
  'emptied.other': '{count} éléments ont été effacés définitivement.',
  'error.empty': 'La corbeille n\'a pas été vidée. {message}',

  'error.damaged': 'Le fichier de données de Flocon est endommagé : rien n\'a été modifié.',
} as const;

export type TrashKey = keyof typeof fr;

export const en: Record<TrashKey, string> = {
  title: 'Trash',
  intro: 'Deleted items stay here for 30 days on this computer: you can put them back. After that, they are erased for good.',
  loading: 'Loading the trash…',
  empty: 'The trash is empty. Deleted items stay in it for 30 days.',
  'list.label': 'Items in the trash',
  retry: 'Try again',
  'error.load': 'The trash could not be read. {message}',

  'kind.person': 'Contact',
  'kind.organization': 'Collective or organization',
  'kind.engagement': 'Engagement',
  'kind.session': 'Session',
  'kind.action': 'Action',
  'kind.event': 'Event',
  'kind.objective': 'Objective',

  'deleted.m': 'deleted on {when}',
  'deleted.f': 'deleted on {when}',
  'expires.on.m': 'will be erased for good on {when}',
  'expires.on.f': 'will be erased for good on {when}',
  'expires.in.one.m': 'will be erased for good in {count} day',
  'expires.in.one.f': 'will be erased for good in {count} day',
  'expires.in.other.m': 'will be erased for good in {count} days',
  'expires.in.other.f': 'will be erased for good in {count} days',
  'expires.today.m': 'will be erased for good today',
  'expires.today.f': 'will be erased for good today',

  restore: 'Restore',
  'restore.label': 'Restore {label}',
  restoring: 'Restoring…',
  'restored.person': '{label} is back in the contacts.',
  'restored.organization': '{label} is back in the collectives and organizations.',
  'restored.engagement': 'The engagement “{label}” is back.',
  'restored.session': 'The session “{label}” is back.',
  'restored.action': 'The action “{label}” is back in the roadmap.',
  'restored.event': 'The event “{label}” is back.',
  'restored.objective': 'The objective “{label}” is back in the roadmap.',
  'restored.leftOut.one': '{count} link could not be restored, as what it led to no longer exists.',
  'restored.leftOut.other': '{count} links could not be restored, as what they led to no longer exists.',
  open: 'Open',
  'open.label': 'Open {label}',
  'error.restore': 'Restoring “{label}” did not go through. {message}',
  'error.gone': '“{label}” is no longer in the trash: it may already have been restored or erased.',

  emptyTrash: 'Empty the trash',
  'emptyTrash.title': 'Empty the trash?',
  'emptyTrash.body.one': 'The item in the trash will be erased for good. This cannot be undone.',
  'emptyTrash.body.other': 'The {count} items in the trash will be erased for good. This cannot be undone.',
  'emptyTrash.confirm': 'Erase for good',
  'emptyTrash.cancel': 'Cancel',
  'emptied.none': 'The trash was already empty.',
  'emptied.one': '{count} item was erased for good.',
  'emptied.other': '{count} items were erased for good.',
  'error.empty': 'The trash was not emptied. {message}',

  'error.damaged': 'Flocon\'s data file is damaged: nothing was changed.',
};

const dictionaries: Record<Locale, Record<TrashKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: TrashKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export const TRASH_KINDS: readonly TrashKind[] = ['person', 'organization', 'engagement', 'session', 'action', 'event', 'objective'];

/** Kinds named by a feminine noun in French (« une séance »): their adjectives agree. */
const FEMININE: ReadonlySet<TrashKind> = new Set(['session', 'action', 'event']);
const gender = (kind: TrashKind) => (FEMININE.has(kind) ? 'f' : 'm');
const pluralForm = (value: number, locale: Locale) => (pluralRules(locale).select(value) === 'one' ? 'one' : 'other');
const number = (value: number, locale: Locale) => numberFormat(locale).format(value);

export const kindLabel = (kind: TrashKind, locale: Locale = currentLocale()) => tr(`kind.${kind}`, undefined, locale);

/** « supprimée le 26 novembre 2026 à 10:30 ». `timeZone` is for tests. */
export function deletedOn(kind: TrashKind, deletedAt: string, locale: Locale = currentLocale(), timeZone?: string): string {
  return tr(`deleted.${gender(kind)}`, { when: formatDateTime(deletedAt, locale, timeZone) }, locale);
}

const DAY = 24 * 60 * 60 * 1000;
/** Closer than this, the delay is said in days: « dans 3 jours » reads better than a date. */
const SOON_DAYS = 7;

/** « sera effacé définitivement le 26 décembre 2026 à 10:30 », or « dans 3 jours » when close. */
export function expiresIn(
  kind: TrashKind,
  expiresAt: string,
  now: Date,
  locale: Locale = currentLocale(),
  timeZone?: string,
): string {
  const left = new Date(expiresAt).getTime() - now.getTime();
  if (Number.isNaN(left)) return tr(`expires.on.${gender(kind)}`, { when: expiresAt }, locale);
  if (left < DAY) return tr(`expires.today.${gender(kind)}`, undefined, locale);
  const days = Math.floor(left / DAY);
  if (days < SOON_DAYS) {
    return tr(`expires.in.${pluralForm(days, locale)}.${gender(kind)}`, { count: number(days, locale) }, locale);
  }
  return tr(`expires.on.${gender(kind)}`, { when: formatDateTime(expiresAt, locale, timeZone) }, locale);
}

/** What the status line says once a record is back, links left out included. */
export function restoredMessage(kind: TrashKind, label: string, leftOut: number, locale: Locale = currentLocale()): string {
  const back = tr(`restored.${kind}`, { label }, locale);
  if (leftOut <= 0) return back;
  return `${back} ${tr(`restored.leftOut.${pluralForm(leftOut, locale)}`, { count: number(leftOut, locale) }, locale)}`;
}

/** The confirmation of « Vider la corbeille », counting what goes. */
export const emptyBody = (count: number, locale: Locale = currentLocale()) =>
  tr(`emptyTrash.body.${count === 1 ? 'one' : 'other'}`, { count: number(count, locale) }, locale);

/** What « Vider la corbeille » did. */
export function emptiedMessage(count: number, locale: Locale = currentLocale()): string {
  if (count === 0) return tr('emptied.none', undefined, locale);
  return tr(`emptied.${pluralForm(count, locale)}`, { count: number(count, locale) }, locale);
}

/** A failure in French; a damaged database gets its own words (the app then shows its screen). */
export function failureText(error: DescribableError, locale: Locale = currentLocale()): string {
  if (error.kind === 'damaged') return tr('error.damaged', undefined, locale);
  return errorMessage(error, locale);
}
