// The words of the GDPR tools, French first: the legal basis on the contact form and page, the
// contacts filter, the export of one person's data and the retention view. They live here
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
