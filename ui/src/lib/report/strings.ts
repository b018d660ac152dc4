// The activity report's own words, French first, written the way the association reports to
// its funders and members. The labels of the shared vocabularies (formats, kinds of engagement,
// sectors, cohort stages) come from their own modules.

import { currentLocale, type Locale } from '../i18n';
import type { ReportPart, ReportTotals } from './api';
import { numberFormat, pluralRules } from '../i18n/intl';

export const fr = {
  title: 'Rapport d\'activité',

  'period.legend': 'Période du rapport',
  'period.from': 'Du',
  'period.to': 'Au',
  'period.quick': 'Choix rapides',
  'period.thisYear': 'Année en cours',
  'period.lastYear': 'Année dernière',
  'period.missing': 'Indiquez les deux dates de la période, « Du » et « Au ».',
  'period.reversed': 'La période est à l\'envers : la date « Au » ({to}) vient avant la date « Du » ({from}).',
  generate: 'Générer le rapport',
  generating: 'Préparation…',

  'progress.label': 'Avancement du rapport',
  'progress.start': 'Préparation du rapport…',
  'progress.sessions': 'Lecture des séances…',
  'progress.events': 'Lecture des rencontres…',
  'progress.trainings': 'Lecture des formations…',
  'progress.cohorts': 'Lecture des cohortes…',
  'progress.contacts': 'Lecture des nouveaux contacts…',
  'progress.objectives': 'Lecture des objectifs de la feuille de route…',
  'error.build': 'Le rapport n\'a pas pu être préparé. {message}',

  'report.label': 'Rapport d\'activité du {from} au {to}',
  'report.period': 'Du {from} au {to}',
  'report.empty':
    'Rien n\'a été enregistré sur cette période : ni séance, ni rencontre, ni nouveau contact. Essayez une période plus large, ou revenez quand l\'année aura avancé.',

  'export.label': 'Exporter ou imprimer le rapport',
  'export.md': 'Exporter en Markdown',
  'export.html': 'Page imprimable (HTML)',
  'export.print': 'Imprimer',
  'export.saved': 'Enregistré dans Téléchargements : {path}',
  'error.export': 'Le fichier n\'a pas été enregistré. {message}',

  'totals.title': 'Les chiffres clés',
  'total.events.one': 'rencontre',
  'total.events.other': 'rencontres',
  'total.attendees_present.one': 'participation',
  'total.attendees_present.other': 'participations',
  'total.people_present.one': 'personne différente',
  'total.people_present.other': 'personnes différentes',
  'total.sessions.one': 'séance',
  'total.sessions.other': 'séances',
  'total.engagements.one': 'accompagnement',
  'total.engagements.other': 'accompagnements',
  'total.collectives.one': 'collectif accompagné',
  'total.collectives.other': 'collectifs accompagnés',
  'total.new_contacts.one': 'nouveau contact',
  'total.new_contacts.other': 'nouveaux contacts',
  'total.cohorts.one': 'cohorte',
  'total.cohorts.other': 'cohortes',
  'total.objectives_reached.one': 'objectif atteint',
  'total.objectives_reached.other': 'objectifs atteints',
  'noun.present.one': 'présent',
  'noun.present.other': 'présents',
  'noun.contacts.one': 'contact',
  'noun.contacts.other': 'contacts',
  counted: '{count} {noun}',

  'figure.records': 'Le détail : {figure}',
  'note.attendees': 'Présents nommés et personnes comptées sans nom, rencontre par rencontre.',
  'note.peoplePresent': 'Les noms des personnes présentes sont sur la fiche de chaque rencontre.',
  'note.sessionsElsewhere.one': 'Une autre séance du total n\'a ni collectif ni formation : elle est sur l\'écran des séances.',
  'note.sessionsElsewhere.other': '{count} autres séances du total n\'ont ni collectif ni formation : elles sont sur l\'écran des séances.',
  'note.sectors': 'Un contact de deux secteurs compte dans chacun.',

  'collectives.title': 'Accompagnements par collectif',
  'collectives.empty': 'Aucune séance avec un collectif sur la période.',
  'engagement.none': 'Séances hors accompagnement',
  'engagement.kinds': 'Thèmes',
  'engagement.formats': 'Formats : {list}',
  'engagement.format': '{format} ({count})',
  'engagement.with': 'Avec :',

  'series.title': 'Rencontres par série',
  'series.empty': 'Aucune rencontre sur la période.',
  'series.none': 'Hors série',
  'series.events': 'Les rencontres de la série',
  'event.present.one': '{count} présent',
  'event.present.other': '{count} présents',
  'event.unnamed': 'dont {count} sans nom',
  'event.registered.one': '{count} inscrit',
  'event.registered.other': '{count} inscrits',

  'trainings.title': 'Formations',
  'trainings.empty': 'Aucune séance de formation sur la période.',

  'cohorts.title': 'Cohortes',
  'cohorts.empty': 'Aucune cohorte sur la période.',
  'cohorts.programme': 'Programme : {name}',
  'cohorts.nobody': 'Personne n\'a encore franchi d\'étape.',

  'contacts.title': 'Nouveaux contacts par secteur',
  'contacts.empty': 'Aucun nouveau contact sur la période.',
  'contacts.noSector': 'Sans secteur',

  'objectives.title': 'Objectifs de la feuille de route atteints',
  'objectives.empty': 'Aucun objectif marqué atteint sur les trimestres de la période.',
  'objective.meta': '{quarter} · {axis}',
} as const;

export type ReportKey = keyof typeof fr;

export const en: Record<ReportKey, string> = {
  title: 'Activity report',

  'period.legend': 'Report period',
  'period.from': 'From',
  'period.to': 'To',
  'period.quick': 'Quick choices',
  'period.thisYear': 'This year',
  'period.lastYear': 'Last year',
  'period.missing': 'Enter both dates of the period, “From” and “To”.',
  'period.reversed': 'The period is back to front: the “To” date ({to}) comes before the “From” date ({from}).',
  generate: 'Build the report',
  generating: 'Building…',

  'progress.label': 'Report progress',
  'progress.start': 'Preparing the report…',
  'progress.sessions': 'Reading sessions…',
  'progress.events': 'Reading events…',
  'progress.trainings': 'Reading trainings…',
  'progress.cohorts': 'Reading cohorts…',
  'progress.contacts': 'Reading new contacts…',
  'progress.objectives': 'Reading roadmap objectives…',
  'error.build': 'The report could not be built. {message}',

  'report.label': 'Activity report from {from} to {to}',
  'report.period': 'From {from} to {to}',
  'report.empty':
    'Nothing was recorded over this period: no session, no event, no new contact. Try a wider period, or come back later in the year.',

  'export.label': 'Export or print the report',
  'export.md': 'Export as Markdown',
  'export.html': 'Printable page (HTML)',
  'export.print': 'Print',
  'export.saved': 'Saved in Downloads: {path}',
  'error.export': 'The file was not saved. {message}',

  'totals.title': 'Key figures',
  'total.events.one': 'event',
  'total.events.other': 'events',
  'total.attendees_present.one': 'attendance',
  'total.attendees_present.other': 'attendances',
  'total.people_present.one': 'different person',
  'total.people_present.other': 'different people',
  'total.sessions.one': 'session',
  'total.sessions.other': 'sessions',
  'total.engagements.one': 'engagement',
  'total.engagements.other': 'engagements',
  'total.collectives.one': 'collective supported',
  'total.collectives.other': 'collectives supported',
  'total.new_contacts.one': 'new contact',
  'total.new_contacts.other': 'new contacts',
  'total.cohorts.one': 'cohort',
  'total.cohorts.other': 'cohorts',
  'total.objectives_reached.one': 'objective reached',
  'total.objectives_reached.other': 'objectives reached',
  'noun.present.one': 'present',
  'noun.present.other': 'present',
  'noun.contacts.one': 'contact',
  'noun.contacts.other': 'contacts',
  counted: '{count} {noun}',

  'figure.records': 'Details: {figure}',
  'note.attendees': 'People marked present and people counted without a name, event by event.',
  'note.peoplePresent': 'The names of the people present are on each event\'s page.',
  'note.sessionsElsewhere.one': 'One more session of the total has no collective and no training: it is on the sessions screen.',
  'note.sessionsElsewhere.other': '{count} more sessions of the total have no collective and no training: they are on the sessions screen.',
  'note.sectors': 'A contact in two sectors counts in each.',

  'collectives.title': 'Engagements by collective',
  'collectives.empty': 'No session with a collective over the period.',
  'engagement.none': 'Sessions outside any engagement',
  'engagement.kinds': 'Themes',
  'engagement.formats': 'Formats: {list}',
  'engagement.format': '{format} ({count})',
  'engagement.with': 'With:',

  'series.title': 'Events by series',
  'series.empty': 'No event over the period.',
  'series.none': 'Outside any series',
  'series.events': 'The series\' events',
  'event.present.one': '{count} present',
  'event.present.other': '{count} present',
  'event.unnamed': 'including {count} without a name',
  'event.registered.one': '{count} registered',
  'event.registered.other': '{count} registered',

  'trainings.title': 'Trainings',
  'trainings.empty': 'No training session over the period.',

  'cohorts.title': 'Cohorts',
  'cohorts.empty': 'No cohort over the period.',
  'cohorts.programme': 'Programme: {name}',
  'cohorts.nobody': 'Nobody has reached a stage yet.',

  'contacts.title': 'New contacts by sector',
  'contacts.empty': 'No new contact over the period.',
  'contacts.noSector': 'No sector',

  'objectives.title': 'Roadmap objectives reached',
  'objectives.empty': 'No objective marked reached in the period\'s quarters.',
  'objective.meta': '{quarter} · {axis}',
};

const dictionaries: Record<Locale, Record<ReportKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: ReportKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const pluralForm = (value: number, locale: Locale) => (pluralRules(locale).select(value) === 'one' ? 'one' : 'other');
const number = (value: number, locale: Locale) => numberFormat(locale).format(value);

/** The headline figures, in the order the report shows them. */
export const TOTAL_KEYS: readonly (keyof ReportTotals)[] = [
  'events',
  'attendees_present',
  'people_present',
  'sessions',
  'engagements',
  'collectives',
  'new_contacts',
  'cohorts',
  'objectives_reached',
];

/** What follows a headline figure: « rencontres », « 1 objectif atteint ». */
export const totalNoun = (key: keyof ReportTotals, value: number, locale: Locale = currentLocale()) =>
  tr(`total.${key}.${pluralForm(value, locale)}`, undefined, locale);

/** « 4 séances », « 1 cohorte ». */
export const countTotal = (key: keyof ReportTotals, value: number, locale: Locale = currentLocale()) =>
  tr('counted', { count: number(value, locale), noun: totalNoun(key, value, locale) }, locale);

/** « présents », « contacts »: what follows a count inside a section. */
export const noun = (what: 'present' | 'contacts', value: number, locale: Locale = currentLocale()) =>
  tr(`noun.${what}.${pluralForm(value, locale)}`, undefined, locale);

/** « 75 présents », « 1 inscrit ». */
export const countOf = (what: 'event.present' | 'event.registered', value: number, locale: Locale = currentLocale()) =>
  tr(`${what}.${pluralForm(value, locale)}`, { count: number(value, locale) }, locale);

/** The note under the sessions figure when some sessions of the total are in no list. */
export const sessionsElsewhere = (value: number, locale: Locale = currentLocale()) =>
  tr(`note.sessionsElsewhere.${pluralForm(value, locale)}`, { count: number(value, locale) }, locale);

/** What the progress bar says while a part is read. */
export const partLabel = (part: ReportPart, locale: Locale = currentLocale()) => tr(`progress.${part}`, undefined, locale);
