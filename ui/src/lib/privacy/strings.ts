// The words of the GDPR tools, French first: the legal basis on the contact form and page, the
// contacts filter, the export of one person's data, the retention view and the erasure of a
// person with the notes to reread after it. They live here
// rather than in the shared dictionaries so that this folder can be wired in on its own; the
// language is the app's. The legal bases' own labels are the shared ones (vocab.ts).

import type { Problem } from '../api/types.gen';
import { currentLocale, formatDate, problemMessage, type Locale } from '../i18n';
import { numberFormat, pluralRules } from '../i18n/intl';

export const fr = {
  'basis.group': 'Base légale (RGPD)',
  'basis.label': 'Base légale',
  'basis.none': '— non renseignée —',
  'basis.on': 'Depuis le',
  'basis.source': 'Source',
  'basis.sourcePlaceholder': 'ex. formulaire papier, soirée du 12 mars',
  'basis.hint': 'Sur quelle base l\'association garde les données de cette personne, depuis quand, et d\'où elles viennent.',
  'basis.future': 'La date ne peut pas être dans le futur ({value}).',
  'basis.missing': 'Base légale non renseignée',
  'basis.missingHint': 'Sans base légale, l\'association ne devrait pas garder ces données : précisez-la.',
  'basis.set': 'Renseigner la base légale',
  'basis.edit': 'Modifier la base légale',

  'filter.label': 'Base légale',
  'filter.all': 'Toutes les bases légales',
  'filter.none': 'Non renseignée',

  'export.button': 'Exporter les données de cette personne',
  'export.busy': 'Export en cours…',
  'export.done': 'Données exportées dans Téléchargements : {json} et {html}',
  'export.failed': 'L\'export n\'a pas abouti : {reason}',

  'retention.title': 'Durée de conservation',
  'retention.before': 'Sans activité depuis',
  'retention.after': 'ans',
  'retention.yearsInvalid': 'Indiquez un nombre d\'années entre {min} et {max}.',
  'retention.why':
    'Le RGPD demande de ne pas garder les données personnelles plus longtemps que nécessaire. Voici les personnes sans activité (rencontre, échange, séance…) depuis plus longtemps que la durée choisie : passez-les en revue, puis redemandez leur consentement ou effacez-les.',
  'retention.loading': 'Recherche des personnes sans activité…',
  'retention.count.one': '{count} personne sans activité depuis plus de {years} ans',
  'retention.count.other': '{count} personnes sans activité depuis plus de {years} ans',
  'retention.count.oneYear.one': '{count} personne sans activité depuis plus d\'un an',
  'retention.count.oneYear.other': '{count} personnes sans activité depuis plus d\'un an',
  'retention.empty': 'Personne n\'est sans activité depuis plus de {years} ans : rien à revoir pour l\'instant.',
  'retention.emptyOneYear': 'Personne n\'est sans activité depuis plus d\'un an : rien à revoir pour l\'instant.',
  'retention.list': 'Personnes sans activité',
  'retention.lastActivity': 'Dernière activité : {date}',
  'retention.noActivity': 'Aucune activité depuis la création le {date}',
  'retention.failed': 'La liste n\'a pas pu être chargée : {reason}',
  retry: 'Réessayer',

  'erase.button': 'Effacer cette personne (RGPD)',
  'erase.title': 'Effacer définitivement {name} ?',
  'erase.everywhere':
    'Tout ce qui concerne cette personne sera supprimé : de cet ordinateur tout de suite, des autres ordinateurs de l\'équipe à leur prochaine synchronisation, et du dossier partagé.',
  'erase.final': 'C\'est irréversible : rien ne passe par la corbeille, rien ne pourra être récupéré.',
  'erase.exportFirst': 'Si la personne a demandé ses données, exportez-les d\'abord avec « Exporter les données de cette personne ».',
  'erase.mentions':
    'Les notes qui la mentionnent par son nom ne sont pas modifiées : elles seront listées dans la rubrique RGPD pour être relues.',
  'erase.typeName': 'Pour confirmer, tapez son nom complet : {name}',
  'erase.cancel': 'Annuler',
  'erase.confirm': 'Effacer définitivement',
  'erase.busy': 'Effacement…',
  'erase.failed': 'L\'effacement n\'a pas abouti : {reason}',
  'erase.done.zero': '{name} : données effacées.',
  'erase.done.one': '{name} : données effacées. {count} note mentionne cette personne : à relire dans la rubrique RGPD.',
  'erase.done.other':
    '{name} : données effacées. {count} notes mentionnent cette personne : à relire dans la rubrique RGPD.',

  'review.title': 'Notes à relire après un effacement',
  'review.why':
    'Ces fiches mentionnent par son nom une personne qui a été effacée : relisez-les et retirez ce qui permettrait de l\'identifier.',
  'review.loading': 'Recherche des notes à relire…',
  'review.empty': 'Aucune note à relire : aucun texte ne mentionne une personne effacée.',
  'review.list': 'Notes à relire',
  'review.failed': 'Les notes à relire n\'ont pas pu être chargées : {reason}',
  'review.kind.person': 'Contact',
  'review.kind.organization': 'Organisation',
  'review.kind.interaction': 'Échange',
  'review.kind.engagement': 'Accompagnement',
  'review.kind.session': 'Séance',
  'review.kind.event': 'Rencontre',
  'review.kind.objective': 'Objectif',
  'review.kind.seminar': 'Séminaire',
  'review.kind.other': 'Fiche',
} as const;

export type PrivacyKey = keyof typeof fr;

export const en: Record<PrivacyKey, string> = {
  'basis.group': 'Legal basis (GDPR)',
  'basis.label': 'Legal basis',
  'basis.none': '— not set —',
  'basis.on': 'Since',
  'basis.source': 'Source',
  'basis.sourcePlaceholder': 'e.g. paper form, evening of 12 March',
  'basis.hint': 'On what basis the association keeps this person\'s data, since when, and where it came from.',
  'basis.future': 'The date cannot be in the future ({value}).',
  'basis.missing': 'No legal basis recorded',
  'basis.missingHint': 'Without a legal basis the association should not keep this data: record one.',
  'basis.set': 'Record the legal basis',
  'basis.edit': 'Edit the legal basis',

  'filter.label': 'Legal basis',
  'filter.all': 'All legal bases',
  'filter.none': 'Not set',

  'export.button': 'Export this person\'s data',
  'export.busy': 'Exporting…',
  'export.done': 'Data exported to Downloads: {json} and {html}',
  'export.failed': 'The export failed: {reason}',

  'retention.title': 'Retention period',
  'retention.before': 'No activity for',
  'retention.after': 'years',
  'retention.yearsInvalid': 'Enter a number of years between {min} and {max}.',
  'retention.why':
    'The GDPR asks not to keep personal data longer than needed. Here are the people with no activity (event, conversation, session…) for longer than the chosen period: review them, then ask for their consent again or erase them.',
  'retention.loading': 'Looking for people with no activity…',
  'retention.count.one': '{count} person with no activity for more than {years} years',
  'retention.count.other': '{count} people with no activity for more than {years} years',
  'retention.count.oneYear.one': '{count} person with no activity for more than a year',
  'retention.count.oneYear.other': '{count} people with no activity for more than a year',
  'retention.empty': 'Nobody has been without activity for more than {years} years: nothing to review for now.',
  'retention.emptyOneYear': 'Nobody has been without activity for more than a year: nothing to review for now.',
  'retention.list': 'People with no activity',
  'retention.lastActivity': 'Last activity: {date}',
  'retention.noActivity': 'No activity since they were added on {date}',
  'retention.failed': 'The list could not be loaded: {reason}',
  retry: 'Try again',

  'erase.button': 'Erase this person (GDPR)',
  'erase.title': 'Erase {name} for good?',
  'erase.everywhere':
    'Everything about this person will be removed: from this computer now, from the team\'s other computers at their next sync, and from the shared folder.',
  'erase.final': 'This cannot be undone: nothing goes to the trash, nothing can be recovered.',
  'erase.exportFirst': 'If the person asked for their data, export it first with « Export this person\'s data ».',
  'erase.mentions': 'Notes that mention them by name are not changed: they will be listed under GDPR to be reread.',
  'erase.typeName': 'To confirm, type their full name: {name}',
  'erase.cancel': 'Cancel',
  'erase.confirm': 'Erase for good',
  'erase.busy': 'Erasing…',
  'erase.failed': 'The erasure failed: {reason}',
  'erase.done.zero': '{name}\'s data has been erased.',
  'erase.done.one': '{name}\'s data has been erased. {count} note mentions this person: to reread under GDPR.',
  'erase.done.other': '{name}\'s data has been erased. {count} notes mention this person: to reread under GDPR.',

  'review.title': 'Notes to reread after an erasure',
  'review.why': 'These records mention an erased person by name: reread them and remove what could identify them.',
  'review.loading': 'Looking for notes to reread…',
  'review.empty': 'No notes to reread: no text mentions an erased person.',
  'review.list': 'Notes to reread',
  'review.failed': 'The notes to reread could not be loaded: {reason}',
  'review.kind.person': 'Contact',
  'review.kind.organization': 'Organization',
  'review.kind.interaction': 'Conversation',
  'review.kind.engagement': 'Coaching',
  'review.kind.session': 'Session',
  'review.kind.event': 'Event',
  'review.kind.objective': 'Objective',
  'review.kind.seminar': 'Seminar',
  'review.kind.other': 'Record',
};

const dictionaries: Record<Locale, Record<PrivacyKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: PrivacyKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * What is wrong with a field, in the user's words: the shared messages, plus the date in the
 * future that the legal basis's « Depuis le » refuses.
 */
export function fieldProblem(problem: Problem, locale: Locale = currentLocale()): string {
  const raw = problem as { code: string; value?: unknown };
  if (raw.code === 'date_in_future') {
    const value = typeof raw.value === 'string' ? formatDate(raw.value, locale) : '';
    return tr('basis.future', { value }, locale);
  }
  return problemMessage(problem, locale);
}

/** « 42 personnes sans activité depuis plus de 3 ans ». */
export function retentionCount(count: number, years: number, locale: Locale = currentLocale()): string {
  const form = pluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  const params = { count: numberFormat(locale).format(count), years: numberFormat(locale).format(years) };
  return years === 1 ? tr(`retention.count.oneYear.${form}`, params, locale) : tr(`retention.count.${form}`, params, locale);
}

/** What the retention view says when nobody is found. */
export function retentionEmpty(years: number, locale: Locale = currentLocale()): string {
  return years === 1 ? tr('retention.emptyOneYear', undefined, locale) : tr('retention.empty', { years }, locale);
}

/** « Awa Diallo : données effacées. 2 notes mentionnent cette personne : … ». */
export function erasedNotice(name: string, flagged: number, locale: Locale = currentLocale()): string {
  if (flagged === 0) return tr('erase.done.zero', { name }, locale);
  const form = pluralRules(locale).select(flagged) === 'one' ? 'one' : 'other';
  return tr(`erase.done.${form}`, { name, count: numberFormat(locale).format(flagged) }, locale);
}

const KINDS = ['person', 'organization', 'interaction', 'engagement', 'session', 'event', 'objective', 'seminar'] as const;

/** The kind of a flagged record in the user's words (« Rencontre »). */
export function recordKind(kind: string, locale: Locale = currentLocale()): string {
  const known = KINDS.find((k) => k === kind);
  return tr(known ? `review.kind.${known}` : 'review.kind.other', undefined, locale);
}
