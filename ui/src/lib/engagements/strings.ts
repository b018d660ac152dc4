// The engagement screens' own words, French first, with the labels of the coaching
// vocabularies (the French ones are those of crates/flocon-core/src/vocab.rs).

import { currentLocale, type Locale } from '../i18n';
import type { EngagementKind, EngagementStatus, SessionFormat } from '../coaching/api';
import { numberFormat, pluralRules } from '../i18n/intl';

export const fr = {
  'list.title': 'Accompagnements',
  'list.new': 'Nouvel accompagnement',
  'list.filter': 'Filtrer par statut',
  'list.filterAll': 'Tous les statuts',
  'list.label': 'Liste des accompagnements',
  'list.loading': 'Chargement des accompagnements…',
  'list.empty.title': 'Aucun accompagnement pour l\'instant',
  'list.empty.body': 'Créez le premier pour suivre les séances, les décisions et les actions d\'un collectif.',
  'list.noMatch': 'Aucun accompagnement avec le statut « {status} ».',
  'list.lastSession': 'Dernière séance : {date}',
  'list.noSession': 'Pas encore de séance',
  'count.one': '{count} accompagnement',
  'count.other': '{count} accompagnements',
  'sessions.one': '{count} séance',
  'sessions.other': '{count} séances',
  'list.kinds': 'Types d\'accompagnement',

  'page.back': 'Retour aux accompagnements',
  'page.loading': 'Chargement de l\'accompagnement…',
  'page.notFound': 'Cet accompagnement n\'existe plus.',
  'page.actions': 'Actions sur l\'accompagnement',
  'page.edit': 'Modifier',
  'page.delete': 'Supprimer',
  'page.newSession': 'Nouvelle séance',
  'page.collectives': 'Collectifs',
  'page.kinds': 'Types',
  'page.dates': 'Période',
  'page.from': 'Depuis le {date}',
  'page.until': 'Jusqu\'au {date}',
  'page.fromTo': 'Du {start} au {end}',
  'page.cadence': 'Rythme',
  'page.funder': 'Financeur ou partenaire',
  'page.leads': 'Suivi par',
  'page.goals': 'Objectifs',
  'page.noGoals': 'Pas encore d\'objectifs écrits.',
  'page.progress': 'Avancement',
  'progress.goals': 'Objectifs atteints',
  'progress.actions': 'Actions faites',
  'progress.value': '{done} sur {total}',
  'progress.none': 'Rien à mesurer pour l\'instant',
  'page.sessions': 'Séances',
  'page.noSessions': 'Pas encore de séance : la première se prépare ici.',
  'page.decisions': 'Décisions',
  'page.noDecisions': 'Aucune décision notée pour l\'instant.',
  'page.decisionFrom': '{title}, {date}',
  'page.allActions': 'Actions',
  'page.noActions': 'Aucune action pour l\'instant.',
  'delete.title': 'Supprimer « {title} » ?',
  'delete.body': 'L\'accompagnement sera supprimé ; ses séances restent, sans lien vers lui. Cette opération est définitive.',
  'delete.confirm': 'Supprimer',
  'delete.cancel': 'Annuler',

  'form.newTitle': 'Nouvel accompagnement',
  'form.editTitle': 'Modifier « {title} »',
  'form.loading': 'Chargement…',
  'form.title': 'Intitulé',
  'form.collectives': 'Collectifs accompagnés',
  'form.collectivesHint': 'Au moins un. Tapez un nom pour chercher.',
  'form.kinds': 'Types d\'accompagnement',
  'form.status': 'Statut',
  'form.startsOn': 'Début',
  'form.endsOn': 'Fin',
  'form.cadence': 'Rythme',
  'form.cadencePlaceholder': 'bilatérale mensuelle + collective mensuelle',
  'form.funder': 'Financeur ou partenaire',
  'form.leads': 'Suivi par',
  'form.goals': 'Objectifs',
  'form.goalsHint': 'En Markdown. Chaque ligne « - [ ] objectif » compte dans l\'avancement ; cochez-la « - [x] » quand il est atteint.',
  'form.needCollective': 'Choisissez au moins un collectif.',
  'form.invalid': 'Corrigez les champs signalés.',
  'form.save': 'Enregistrer',
  'form.saving': 'Enregistrement…',
  'form.cancel': 'Annuler',
  'form.shortcuts': 'Ctrl+Entrée pour enregistrer, Échap pour annuler.',

  'kind.team_coaching': 'Coaching d\'équipe',
  'kind.organizing_training': 'Formation au community organizing',
  'kind.distributed_leadership': 'Leadership distribué / flocon',
  'kind.storytelling': 'Narration et communication',
  'kind.crisis': 'Accompagnement de crise',
  'kind.media': 'Mise en lumière médiatique',
  'kind.data_tools': 'Structuration data et outils',
  'status.preparing': 'En préparation',
  'status.active': 'En cours',
  'status.finished': 'Terminé',
  'status.suspended': 'Suspendu',
  'format.bilateral': 'Bilatéral',
  'format.collective': 'Collectif',
  'format.individual': 'Individuel',
  'format.training': 'Formation',

  'error.load': 'Les accompagnements n\'ont pas pu être chargés. {message}',
  'error.delete': 'La suppression n\'a pas abouti. {message}',
  retry: 'Réessayer',
} as const;

export type EngagementsKey = keyof typeof fr;

export const en: Record<EngagementsKey, string> = {
  'list.title': 'Engagements',
  'list.new': 'New engagement',
  'list.filter': 'Filter by status',
  'list.filterAll': 'All statuses',
  'list.label': 'Engagement list',
  'list.loading': 'Loading engagements…',
  'list.empty.title': 'No engagements yet',
  'list.empty.body': 'Create the first one to follow a collective\'s sessions, decisions and actions.',
  'list.noMatch': 'No engagement with the status “{status}”.',
  'list.lastSession': 'Last session: {date}',
  'list.noSession': 'No session yet',
  'count.one': '{count} engagement',
  'count.other': '{count} engagements',
  'sessions.one': '{count} session',
  'sessions.other': '{count} sessions',
  'list.kinds': 'Kinds of engagement',

  'page.back': 'Back to engagements',
  'page.loading': 'Loading the engagement…',
  'page.notFound': 'This engagement no longer exists.',
  'page.actions': 'Engagement actions',
  'page.edit': 'Edit',
  'page.delete': 'Delete',
  'page.newSession': 'New session',
  'page.collectives': 'Collectives',
  'page.kinds': 'Kinds',
  'page.dates': 'Period',
  'page.from': 'Since {date}',
  'page.until': 'Until {date}',
  'page.fromTo': 'From {start} to {end}',
  'page.cadence': 'Cadence',
  'page.funder': 'Funder or partner',
  'page.leads': 'Led by',
  'page.goals': 'Goals',
  'page.noGoals': 'No goals written yet.',
  'page.progress': 'Progress',
  'progress.goals': 'Goals reached',
  'progress.actions': 'Actions done',
  'progress.value': '{done} of {total}',
  'progress.none': 'Nothing to measure yet',
  'page.sessions': 'Sessions',
  'page.noSessions': 'No session yet: prepare the first one from here.',
  'page.decisions': 'Decisions',
  'page.noDecisions': 'No decision written down yet.',
  'page.decisionFrom': '{title}, {date}',
  'page.allActions': 'Actions',
  'page.noActions': 'No actions yet.',
  'delete.title': 'Delete “{title}”?',
  'delete.body': 'The engagement will be deleted; its sessions stay, no longer linked to it. This cannot be undone.',
  'delete.confirm': 'Delete',
  'delete.cancel': 'Cancel',

  'form.newTitle': 'New engagement',
  'form.editTitle': 'Edit “{title}”',
  'form.loading': 'Loading…',
  'form.title': 'Title',
  'form.collectives': 'Collectives supported',
  'form.collectivesHint': 'At least one. Type a name to search.',
  'form.kinds': 'Kinds of engagement',
  'form.status': 'Status',
  'form.startsOn': 'Start',
  'form.endsOn': 'End',
  'form.cadence': 'Cadence',
  'form.cadencePlaceholder': 'monthly one-to-one + monthly collective',
  'form.funder': 'Funder or partner',
  'form.leads': 'Led by',
  'form.goals': 'Goals',
  'form.goalsHint': 'In Markdown. Each “- [ ] goal” line counts towards progress; tick it “- [x]” once reached.',
  'form.needCollective': 'Choose at least one collective.',
  'form.invalid': 'Correct the fields marked.',
  'form.save': 'Save',
  'form.saving': 'Saving…',
  'form.cancel': 'Cancel',
  'form.shortcuts': 'Ctrl+Enter to save, Escape to cancel.',

  'kind.team_coaching': 'Team coaching',
  'kind.organizing_training': 'Community organizing training',
  'kind.distributed_leadership': 'Distributed leadership / snowflake',
  'kind.storytelling': 'Storytelling and communication',
  'kind.crisis': 'Crisis support',
  'kind.media': 'Media spotlight',
  'kind.data_tools': 'Data and tools',
  'status.preparing': 'Preparing',
  'status.active': 'In progress',
  'status.finished': 'Finished',
  'status.suspended': 'Suspended',
  'format.bilateral': 'One-to-one',
  'format.collective': 'Collective',
  'format.individual': 'Individual',
  'format.training': 'Training',

  'error.load': 'The engagements could not be loaded. {message}',
  'error.delete': 'The deletion did not go through. {message}',
  retry: 'Try again',
};

const dictionaries: Record<Locale, Record<EngagementsKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: EngagementsKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function plural(keys: { one: EngagementsKey; other: EngagementsKey }, value: number, locale: Locale): string {
  const form = pluralRules(locale).select(value) === 'one' ? keys.one : keys.other;
  return tr(form, { count: numberFormat(locale).format(value) }, locale);
}

/** « 1 accompagnement », « 3 accompagnements ». */
export const countEngagements = (value: number, locale: Locale = currentLocale()) =>
  plural({ one: 'count.one', other: 'count.other' }, value, locale);

/** « 0 séance », « 4 séances ». */
export const countSessions = (value: number, locale: Locale = currentLocale()) =>
  plural({ one: 'sessions.one', other: 'sessions.other' }, value, locale);

export const ENGAGEMENT_KINDS: readonly EngagementKind[] = [
  'team_coaching',
  'organizing_training',
  'distributed_leadership',
  'storytelling',
  'crisis',
  'media',
  'data_tools',
];

export const ENGAGEMENT_STATUSES: readonly EngagementStatus[] = ['preparing', 'active', 'finished', 'suspended'];

export const kindLabel = (code: EngagementKind, locale: Locale = currentLocale()) => tr(`kind.${code}`, undefined, locale);
export const statusLabel = (code: EngagementStatus, locale: Locale = currentLocale()) =>
  tr(`status.${code}`, undefined, locale);
export const formatLabel = (code: SessionFormat, locale: Locale = currentLocale()) =>
  tr(`format.${code}`, undefined, locale);
