// "Ma semaine"'s own words, French first. They live here rather than in the shared
// dictionaries so that this folder can be wired in on its own; the language is the app's.

import { currentLocale, type Locale } from '../i18n';
import { numberFormat, pluralRules } from '../i18n/intl';

export const fr = {
  title: 'Ma semaine',
  newSession: 'Nouvelle séance',
  loading: 'Chargement de la semaine…',
  retry: 'Réessayer',
  'error.load': 'La semaine n\'a pas pu être chargée. {message}',
  'error.done': 'L\'action « {text} » n\'a pas pu être marquée comme faite. {message}',
  'done.notice': 'Action « {text} » marquée comme faite.',

  'today.title': 'Aujourd\'hui',
  'today.empty': 'Pas de séance aujourd\'hui : un bon moment pour préparer les prochaines.',
  'thisWeek.title': 'Cette semaine',
  'thisWeek.empty': 'Aucune autre séance prévue cette semaine.',
  'session.collectives': 'Collectifs',
  'session.place': 'Lieu : {place}',
  'session.openActions.one': '{count} action ouverte',
  'session.openActions.other': '{count} actions ouvertes',

  'overdue.title': 'Actions en retard',
  'overdue.empty': 'Aucune action en retard. Bravo !',
  'upcoming.title': 'À venir (15 jours)',
  'upcoming.empty': 'Rien d\'attendu dans les quinze prochains jours.',
  'owner.none': 'Sans responsable',
  'more.one': 'Voir l\'autre action',
  'more.other': 'Voir les {count} autres actions',
  'moreAll.one': 'Voir l\'action',
  'moreAll.other': 'Voir les {count} actions',
  'moreSessions.one': 'Voir l\'autre séance',
  'moreSessions.other': 'Voir les {count} autres séances',
  'moreQuiet.one': 'Voir l\'autre accompagnement',
  'moreQuiet.other': 'Voir les {count} autres accompagnements',
  'moreOwners.one': 'Voir une autre personne ({actions})',
  'moreOwners.other': 'Voir les {count} autres personnes ({actions})',
  'actions.one': '{count} action',
  'actions.other': '{count} actions',
  'more.label': '{label} de {owner}',
  less: 'Réduire',
  'action.markDone': 'Marquer comme faite : {text}',
  'action.reopen': 'Remettre à faire : {text}',
  'action.owner': 'Responsable : {name}',
  'action.due': 'Pour le {date}',
  'action.objective': 'Objectif : {title} ({quarter})',
  'action.noDue': 'Sans échéance',
  'action.from': 'Décidée en séance : {title}',
  'action.done': 'Faite le {date}',
  'action.dropped': 'Abandonnée',

  'quiet.title': 'Accompagnements sans séance depuis plus de {weeks} semaines',
  'quiet.threshold': 'Seuil',
  'quiet.weeks': '{weeks} semaines',
  'quiet.empty': 'Tous les accompagnements en cours ont eu une séance récemment.',
  'quiet.last': 'Dernière séance : {date}',
  'quiet.never': 'Jamais',
} as const;

export type WeekKey = keyof typeof fr;

export const en: Record<WeekKey, string> = {
  title: 'My week',
  newSession: 'New session',
  loading: 'Loading the week…',
  retry: 'Try again',
  'error.load': 'The week could not be loaded. {message}',
  'error.done': 'The action “{text}” could not be marked as done. {message}',
  'done.notice': 'Action “{text}” marked as done.',

  'today.title': 'Today',
  'today.empty': 'No session today: a good moment to prepare the next ones.',
  'thisWeek.title': 'This week',
  'thisWeek.empty': 'No other session planned this week.',
  'session.collectives': 'Collectives',
  'session.place': 'Place: {place}',
  'session.openActions.one': '{count} open action',
  'session.openActions.other': '{count} open actions',

  'overdue.title': 'Overdue actions',
  'overdue.empty': 'No overdue actions. Well done!',
  'upcoming.title': 'Coming up (15 days)',
  'upcoming.empty': 'Nothing due in the next fifteen days.',
  'owner.none': 'No owner',
  'more.one': 'Show the other action',
  'more.other': 'Show the {count} other actions',
  'moreAll.one': 'Show the action',
  'moreAll.other': 'Show the {count} actions',
  'moreSessions.one': 'Show the other session',
  'moreSessions.other': 'Show the {count} other sessions',
  'moreQuiet.one': 'Show the other engagement',
  'moreQuiet.other': 'Show the {count} other engagements',
  'moreOwners.one': 'Show one more person ({actions})',
  'moreOwners.other': 'Show the {count} other people ({actions})',
  'actions.one': '{count} action',
  'actions.other': '{count} actions',
  'more.label': '{label} of {owner}',
  less: 'Show fewer',
  'action.markDone': 'Mark as done: {text}',
  'action.reopen': 'Mark as to do again: {text}',
  'action.owner': 'Owner: {name}',
  'action.due': 'Due {date}',
  'action.objective': 'Objective: {title} ({quarter})',
  'action.noDue': 'No due date',
  'action.from': 'Decided in session: {title}',
  'action.done': 'Done on {date}',
  'action.dropped': 'Dropped',

  'quiet.title': 'Engagements with no session for more than {weeks} weeks',
  'quiet.threshold': 'Threshold',
  'quiet.weeks': '{weeks} weeks',
  'quiet.empty': 'Every engagement in progress had a session recently.',
  'quiet.last': 'Last session: {date}',
  'quiet.never': 'Never',
};

const dictionaries: Record<Locale, Record<WeekKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: WeekKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** « 1 action ouverte », « 3 actions ouvertes ». */
export function countOpenActions(value: number, locale: Locale = currentLocale()): string {
  const form = pluralRules(locale).select(value) === 'one' ? 'one' : 'other';
  return tr(`session.openActions.${form}`, { count: numberFormat(locale).format(value) }, locale);
}

/** « Voir l'autre action », « Voir les 12 autres actions » (or sessions, or engagements). */
export function showMore(
  value: number,
  what: 'more' | 'moreAll' | 'moreSessions' | 'moreQuiet' = 'more',
  locale: Locale = currentLocale(),
): string {
  const form = pluralRules(locale).select(value) === 'one' ? 'one' : 'other';
  return tr(`${what}.${form}`, { count: numberFormat(locale).format(value) }, locale);
}

/** « Voir les 812 autres personnes (3 571 actions) »: the owners a long list keeps folded. */
export function showMoreOwners(owners: number, actions: number, locale: Locale = currentLocale()): string {
  const form = (value: number) => (pluralRules(locale).select(value) === 'one' ? 'one' : 'other');
  const format = numberFormat(locale);
  const actionCount = tr(`actions.${form(actions)}`, { count: format.format(actions) }, locale);
  return tr(`moreOwners.${form(owners)}`, { count: format.format(owners), actions: actionCount }, locale);
}
