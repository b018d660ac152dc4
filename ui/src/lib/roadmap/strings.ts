// The roadmap screens' own words, French first. The status labels are those of
// crates/flocon-core/src/vocab.rs; the decisions are written as what was done (« Reporté »),
// since the board and the timeline show them after the seminar.

import { currentLocale, type Locale } from '../i18n';
import type { ObjectiveStatus, ReviewDecision } from './api';
import { numberFormat, pluralRules } from '../i18n/intl';

export const fr = {
  'board.title': 'Feuille de route {quarter}',
  'board.previous': 'Trimestre précédent ({quarter})',
  'board.next': 'Trimestre suivant ({quarter})',
  'board.reviewed.one': 'Revue : {reviewed} objectif sur {total}',
  'board.reviewed.other': 'Revue : {reviewed} objectifs sur {total}',
  'board.closed': 'Trimestre clos',
  'board.actions': 'Actions sur la feuille de route',
  'board.review': 'Revue du séminaire',
  'board.diff': 'Comparer avec le trimestre précédent',
  'board.timeline': 'Chronologie',
  'board.exports': 'Exporter',
  'board.exportMd': 'Markdown',
  'board.exportHtml': 'Imprimable (HTML)',
  'board.saved': 'Fichier enregistré : {path}',
  'board.filters': 'Filtres',
  'board.owner': 'Responsable',
  'board.allOwners': 'Toutes les personnes',
  'board.status': 'Statut',
  'board.allStatuses': 'Tous les statuts',
  'board.loading': 'Chargement de la feuille de route…',
  'board.noAxes': 'Aucun axe de travail pour l\'instant.',
  'board.columns': 'Axes de travail',
  'board.emptyColumn': 'Aucun objectif',
  'board.new': 'Nouvel objectif',
  'board.newIn': 'Nouvel objectif dans l\'axe {axis}',
  'board.keys': 'Alt+Gauche et Alt+Droite changent d\'axe, Alt+Haut et Alt+Bas changent de statut.',
  'board.statusZones': 'Déposer un objectif sur un statut',
  'board.dropStatus': 'Passer en « {status} »',
  'board.moved': '« {title} » est maintenant dans l\'axe {axis}.',
  'board.statusChanged': '« {title} » passe au statut « {status} ».',
  'board.edge': '« {title} » ne peut pas aller plus loin dans ce sens.',
  'count.one': '{count} objectif',
  'count.other': '{count} objectifs',

  'card.move': 'Déplacer…',
  'card.moveLabel': 'Déplacer « {title} »',
  'card.axis': 'Axe',
  'card.status': 'Statut',
  'card.owners': 'Responsables',
  'card.progress': 'Avancement',
  'card.percent': '{value}\u00a0%',
  'card.count': '{progress} / {target}',
  'card.carriedFrom': 'suite de {quarter}',
  'card.decision': 'Décision : {decision}',
  'card.actions.one': '{count} action ouverte',
  'card.actions.other': '{count} actions ouvertes',

  'status.not_started': 'Pas commencé',
  'status.in_progress': 'En cours',
  'status.achieved': 'Atteint',
  'status.late': 'En retard',
  'status.dropped': 'Abandonné',
  'decision.keep': 'Maintenu',
  'decision.adjust': 'Ajusté',
  'decision.carry': 'Reporté',
  'decision.close': 'Clos',
  'decision.drop': 'Abandonné',

  'editor.newTitle': 'Nouvel objectif',
  'editor.editTitle': 'Modifier « {title} »',
  'editor.title': 'Intitulé',
  'editor.axis': 'Axe',
  'editor.owners': 'Responsables',
  'editor.status': 'Statut',
  'editor.target': 'Cible (facultative)',
  'editor.targetHint': 'Un nombre à atteindre : 40 membres actifs, 3 événements… Sans cible, l\'avancement est un pourcentage.',
  'editor.progressPercent': 'Avancement (%)',
  'editor.progressCount': 'Avancement (nombre atteint)',
  'editor.progressPercentHint': 'Un pourcentage entre 0 et 100.',
  'editor.progressCountHint': 'Où l\'on en est, sur une cible de {target}.',
  'editor.indicators': 'Indicateurs',
  'editor.noIndicators': 'Pas d\'indicateur pour l\'instant.',
  'editor.indicatorName': 'Nom de l\'indicateur {n}',
  'editor.indicatorCurrent': 'Valeur actuelle de l\'indicateur {n}',
  'editor.indicatorTarget': 'Cible de l\'indicateur {n}',
  'editor.indicatorNameShort': 'Nom',
  'editor.indicatorCurrentShort': 'Actuel',
  'editor.indicatorTargetShort': 'Cible',
  'editor.addIndicator': 'Ajouter un indicateur',
  'editor.removeIndicator': 'Retirer l\'indicateur {n}',
  'editor.description': 'Description',
  'editor.descriptionHint': 'En Markdown.',
  'editor.save': 'Enregistrer',
  'editor.saving': 'Enregistrement…',
  'editor.cancel': 'Annuler',
  'editor.delete': 'Supprimer',
  'editor.invalid': 'Corrigez les champs signalés.',
  'editor.shortcuts': 'Ctrl+Entrée pour enregistrer, Échap pour annuler.',
  'check.number': 'Saisissez un nombre, par exemple 12 ou 12,5.',
  'check.percent': 'Sans cible, l\'avancement est un pourcentage entre 0 et 100.',
  'check.positive': 'La cible doit être supérieure à 0.',
  'check.notNegative': 'La valeur ne peut pas être négative.',
  'delete.title': 'Supprimer « {title} » ?',
  'delete.body': 'L\'objectif sera supprimé ; les actions qui en viennent restent, sans lien vers lui. Cette opération est définitive.',
  'delete.confirm': 'Supprimer',
  'delete.cancel': 'Annuler',

  'actions.title': 'Actions',
  'actions.text': 'Action à mener',
  'actions.owner': 'Qui s\'en charge',
  'actions.due': 'Échéance',
  'actions.add': 'Ajouter une action',
  'actions.adding': 'Ajout…',
  'actions.added': 'Action ajoutée : {text}',

  'timeline.title': 'Chronologie des objectifs',
  'timeline.range': 'Période',
  'timeline.from': 'Du trimestre',
  'timeline.to': 'Au trimestre',
  'timeline.loading': 'Chargement de la chronologie…',
  'timeline.empty': 'Aucun objectif sur cette période.',
  'timeline.objective': 'Objectif',
  'timeline.open': 'Ouvrir la feuille de route {quarter}',
  'timeline.absent': 'Pas d\'objectif ce trimestre',
  'timeline.decision': 'Décision : {decision}, vers le trimestre suivant',

  'error.load': 'La feuille de route n\'a pas pu être chargée. {message}',
  'error.move': '« {title} » n\'a pas pu être modifié. {message}',
  'error.export': 'L\'export n\'a pas abouti. {message}',
  'error.delete': 'La suppression n\'a pas abouti. {message}',
  'error.action': 'L\'action n\'a pas pu être ajoutée. {message}',
  'error.timeline': 'La chronologie n\'a pas pu être chargée. {message}',
  retry: 'Réessayer',
} as const;

export type RoadmapKey = keyof typeof fr;

export const en: Record<RoadmapKey, string> = {
  'board.title': 'Roadmap {quarter}',
  'board.previous': 'Previous quarter ({quarter})',
  'board.next': 'Next quarter ({quarter})',
  'board.reviewed.one': 'Review: {reviewed} objective of {total}',
  'board.reviewed.other': 'Review: {reviewed} objectives of {total}',
  'board.closed': 'Quarter closed',
  'board.actions': 'Roadmap actions',
  'board.review': 'Seminar review',
  'board.diff': 'Compare with the previous quarter',
  'board.timeline': 'Timeline',
  'board.exports': 'Export',
  'board.exportMd': 'Markdown',
  'board.exportHtml': 'Printable (HTML)',
  'board.saved': 'File saved: {path}',
  'board.filters': 'Filters',
  'board.owner': 'Owner',
  'board.allOwners': 'Everyone',
  'board.status': 'Status',
  'board.allStatuses': 'All statuses',
  'board.loading': 'Loading the roadmap…',
  'board.noAxes': 'No focus area yet.',
  'board.columns': 'Focus areas',
  'board.emptyColumn': 'No objective',
  'board.new': 'New objective',
  'board.newIn': 'New objective in {axis}',
  'board.keys': 'Alt+Left and Alt+Right change the focus area, Alt+Up and Alt+Down change the status.',
  'board.statusZones': 'Drop an objective on a status',
  'board.dropStatus': 'Set to “{status}”',
  'board.moved': '“{title}” is now in {axis}.',
  'board.statusChanged': '“{title}” is now “{status}”.',
  'board.edge': '“{title}” cannot go further that way.',
  'count.one': '{count} objective',
  'count.other': '{count} objectives',

  'card.move': 'Move…',
  'card.moveLabel': 'Move “{title}”',
  'card.axis': 'Focus area',
  'card.status': 'Status',
  'card.owners': 'Owners',
  'card.progress': 'Progress',
  'card.percent': '{value}%',
  'card.count': '{progress} / {target}',
  'card.carriedFrom': 'continues {quarter}',
  'card.decision': 'Decision: {decision}',
  'card.actions.one': '{count} open action',
  'card.actions.other': '{count} open actions',

  'status.not_started': 'Not started',
  'status.in_progress': 'In progress',
  'status.achieved': 'Achieved',
  'status.late': 'Late',
  'status.dropped': 'Dropped',
  'decision.keep': 'Kept',
  'decision.adjust': 'Adjusted',
  'decision.carry': 'Carried over',
  'decision.close': 'Closed',
  'decision.drop': 'Dropped',

  'editor.newTitle': 'New objective',
  'editor.editTitle': 'Edit “{title}”',
  'editor.title': 'Title',
  'editor.axis': 'Focus area',
  'editor.owners': 'Owners',
  'editor.status': 'Status',
  'editor.target': 'Target (optional)',
  'editor.targetHint': 'A number to reach: 40 active members, 3 events… Without a target, progress is a percentage.',
  'editor.progressPercent': 'Progress (%)',
  'editor.progressCount': 'Progress (count reached)',
  'editor.progressPercentHint': 'A percentage from 0 to 100.',
  'editor.progressCountHint': 'Where things stand, towards a target of {target}.',
  'editor.indicators': 'Indicators',
  'editor.noIndicators': 'No indicator yet.',
  'editor.indicatorName': 'Name of indicator {n}',
  'editor.indicatorCurrent': 'Current value of indicator {n}',
  'editor.indicatorTarget': 'Target of indicator {n}',
  'editor.indicatorNameShort': 'Name',
  'editor.indicatorCurrentShort': 'Current',
  'editor.indicatorTargetShort': 'Target',
  'editor.addIndicator': 'Add an indicator',
  'editor.removeIndicator': 'Remove indicator {n}',
  'editor.description': 'Description',
  'editor.descriptionHint': 'In Markdown.',
  'editor.save': 'Save',
  'editor.saving': 'Saving…',
  'editor.cancel': 'Cancel',
  'editor.delete': 'Delete',
  'editor.invalid': 'Correct the fields marked.',
  'editor.shortcuts': 'Ctrl+Enter to save, Escape to cancel.',
  'check.number': 'Enter a number, such as 12 or 12.5.',
  'check.percent': 'Without a target, progress is a percentage from 0 to 100.',
  'check.positive': 'The target must be greater than 0.',
  'check.notNegative': 'The value cannot be negative.',
  'delete.title': 'Delete “{title}”?',
  'delete.body': 'The objective will be deleted; the actions that came from it stay, no longer linked to it. This cannot be undone.',
  'delete.confirm': 'Delete',
  'delete.cancel': 'Cancel',

  'actions.title': 'Actions',
  'actions.text': 'Action to take',
  'actions.owner': 'Who takes it on',
  'actions.due': 'Due date',
  'actions.add': 'Add an action',
  'actions.adding': 'Adding…',
  'actions.added': 'Action added: {text}',

  'timeline.title': 'Objectives timeline',
  'timeline.range': 'Period',
  'timeline.from': 'From quarter',
  'timeline.to': 'To quarter',
  'timeline.loading': 'Loading the timeline…',
  'timeline.empty': 'No objective in this period.',
  'timeline.objective': 'Objective',
  'timeline.open': 'Open the {quarter} roadmap',
  'timeline.absent': 'No objective this quarter',
  'timeline.decision': 'Decision: {decision}, towards the next quarter',

  'error.load': 'The roadmap could not be loaded. {message}',
  'error.move': '“{title}” could not be changed. {message}',
  'error.export': 'The export did not go through. {message}',
  'error.delete': 'The deletion did not go through. {message}',
  'error.action': 'The action could not be added. {message}',
  'error.timeline': 'The timeline could not be loaded. {message}',
  retry: 'Try again',
};

const dictionaries: Record<Locale, Record<RoadmapKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: RoadmapKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

function plural(keys: { one: RoadmapKey; other: RoadmapKey }, value: number, params: Params, locale: Locale): string {
  const form = pluralRules(locale).select(value) === 'one' ? keys.one : keys.other;
  return tr(form, params, locale);
}

/** A number as the user reads it: « 12,5 » in French, at most one decimal (as the core rounds). */
export const formatValue = (value: number, locale: Locale = currentLocale()) =>
  numberFormat(locale, { maximumFractionDigits: 1 }).format(value);

/** « 1 objectif », « 4 objectifs ». */
export const countObjectives = (value: number, locale: Locale = currentLocale()) =>
  plural({ one: 'count.one', other: 'count.other' }, value, { count: formatValue(value, locale) }, locale);

/** « 2 actions ouvertes ». */
export const countOpenActions = (value: number, locale: Locale = currentLocale()) =>
  plural({ one: 'card.actions.one', other: 'card.actions.other' }, value, { count: formatValue(value, locale) }, locale);

/** « Revue : 3 objectifs sur 5 »: the word agrees with the number reviewed. */
export const reviewState = (reviewed: number, total: number, locale: Locale = currentLocale()) =>
  plural(
    { one: 'board.reviewed.one', other: 'board.reviewed.other' },
    reviewed,
    { reviewed: formatValue(reviewed, locale), total: formatValue(total, locale) },
    locale,
  );

/** « 70 % ». */
export const formatPercent = (value: number, locale: Locale = currentLocale()) =>
  tr('card.percent', { value: formatValue(value, locale) }, locale);

/** In the order of the board's status zones and of Alt+↑/↓. */
export const OBJECTIVE_STATUSES: readonly ObjectiveStatus[] = ['not_started', 'in_progress', 'achieved', 'late', 'dropped'];

export const REVIEW_DECISIONS: readonly ReviewDecision[] = ['keep', 'adjust', 'carry', 'close', 'drop'];

export const statusLabel = (code: ObjectiveStatus, locale: Locale = currentLocale()) => tr(`status.${code}`, undefined, locale);
export const decisionLabel = (code: ReviewDecision, locale: Locale = currentLocale()) =>
  tr(`decision.${code}`, undefined, locale);
