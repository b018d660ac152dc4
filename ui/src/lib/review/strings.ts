// The seminar review's own words, French first. The labels of decisions and statuses are those
// of crates/flocon-core/src/vocab.rs.

import { currentLocale, type Locale } from '../i18n';
import type { ObjectiveStatus, ReviewDecision } from '../roadmap/api';
import { dateTimeFormat, numberFormat, pluralRules } from '../i18n/intl';

export const fr = {
  'review.title': 'Revue du trimestre {quarter}',
  'review.loading': 'Chargement de la feuille de route…',
  'review.empty': 'Aucun objectif en {quarter} : rien à revoir.',
  'review.exit': 'Quitter la revue',
  'review.seminar': 'Séminaire',
  'review.noSeminar': 'Sans séminaire',
  'review.progress': 'Objectif {position} sur {total} · {reviewed}',
  'review.reviewed.one': '{count} revu',
  'review.reviewed.other': '{count} revus',
  'review.progressBar': 'Objectifs revus',
  'review.previous': 'Objectif précédent',
  'review.next': 'Objectif suivant',
  'review.keys': 'Raccourcis clavier',
  'review.keys.decide': '1 à 5 : décision',
  'review.keys.record': 'Entrée : enregistrer (Ctrl+Entrée dans le commentaire)',
  'review.keys.move': '← → : objectif précédent ou suivant',
  'review.keys.exit': 'Échap : quitter',

  'seminar.heading': 'Séminaire du trimestre {quarter}',
  'seminar.intro': 'Aucun séminaire n\'est encore noté pour ce trimestre. Créez-le pour y rattacher les décisions, ou passez.',
  'seminar.title': 'Intitulé',
  'seminar.defaultTitle': 'Séminaire {quarter}',
  'seminar.startsOn': 'Début',
  'seminar.endsOn': 'Fin',
  'seminar.place': 'Lieu',
  'seminar.create': 'Créer le séminaire et commencer',
  'seminar.creating': 'Création…',
  'seminar.skip': 'Commencer sans séminaire',

  'panel.heading': 'Séminaire du trimestre',
  'panel.loading': 'Chargement du séminaire…',
  'panel.none': 'Aucun séminaire n\'est encore prévu pour {quarter}.',
  'panel.prepare': 'Préparer le séminaire',
  'panel.edit': 'Modifier',
  'panel.formNew': 'Préparer le séminaire {quarter}',
  'panel.formEdit': 'Modifier le séminaire',
  'panel.dates': 'Dates',
  'panel.noDates': 'Dates à fixer',
  'panel.until': 'Jusqu\'au {date}',
  'panel.noPlace': 'Lieu à fixer',
  'panel.participants': 'Participants',
  'panel.noParticipants': 'Personne pour l\'instant',
  'panel.agenda': 'Ordre du jour',
  'panel.notes': 'Notes',
  'panel.nothing': 'Rien pour l\'instant.',
  'panel.notesHint': 'Prises pendant le séminaire : enregistrées dès que vous quittez le champ.',
  'panel.save': 'Enregistrer',
  'panel.saving': 'Enregistrement…',
  'panel.cancel': 'Annuler',
  'panel.saved': 'Séminaire enregistré.',
  'panel.invalid': 'Le séminaire n\'a pas été enregistré : corrigez les champs signalés.',
  'panel.notesSaving': 'Enregistrement des notes…',
  'panel.notesSaved': 'Notes enregistrées.',
  'panel.notesFailed': 'Notes non enregistrées : {message} Elles restent dans le champ ; Enregistrer réessaie.',

  'card.label': 'Objectif en revue',
  'card.axis': 'Axe :',
  'card.owners': 'Porté par',
  'card.noOwner': 'Personne pour l\'instant',
  'card.status': 'Statut',
  'card.progress': 'Avancement',
  'card.progressOf': '{progress} / {target}',
  'card.indicators': 'Indicateurs',
  'card.indicatorValue': '{current} / {target}',
  'card.indicatorNone': '—',
  'card.carriedFrom': 'Suite de {quarter}',
  'card.current': 'Décision prise : {decision}',
  'card.comment': '« {comment} »',
  'card.currentTarget': 'nouvelle cible : {target}',

  'decide.group': 'Décision',
  'decide.comment': 'Commentaire',
  'decide.target': 'Nouvelle cible',
  'decide.targetHint': 'La cible de l\'objectif au trimestre suivant.',
  'decide.record': 'Enregistrer la décision',
  'decide.change': 'Changer la décision',
  'decide.recording': 'Enregistrement…',
  'decide.undo': 'Annuler la décision',
  'decide.undone': 'Décision annulée pour « {title} ».',
  'decide.needDecision': 'Choisissez une décision (touches 1 à 5).',
  'decide.needTarget': 'Indiquez la nouvelle cible, un nombre positif.',

  'outcome.keep': '« {title} » : maintenu en {quarter}.',
  'outcome.adjust': '« {title} » : ajusté, cible {target} en {quarter}.',
  'outcome.carry': '« {title} » : reporté en {quarter}.',
  'outcome.close': '« {title} » : clos, atteint.',
  'outcome.drop': '« {title} » : abandonné.',

  'leave.title': 'Quitter la revue ?',
  'leave.body': 'La décision en cours de saisie ne sera pas enregistrée.',
  'leave.confirm': 'Quitter',
  'leave.cancel': 'Continuer la revue',

  'summary.title': 'Revue terminée : {quarter}',
  'summary.counts': 'Décisions',
  'summary.continued': 'Poursuivis en {quarter}',
  'summary.closed': 'Clos car atteints',
  'summary.dropped': 'Abandonnés',
  'summary.none': 'Aucun.',
  'summary.openNext': 'Voir le trimestre suivant',
  'summary.diff': 'Voir l\'évolution',
  'summary.revisit': 'Revoir les décisions',

  'decision.keep': 'Maintenir',
  'decision.adjust': 'Ajuster',
  'decision.carry': 'Reporter au trimestre suivant',
  'decision.close': 'Clore car atteint',
  'decision.drop': 'Abandonner',
  'decision.none': 'Sans décision',

  'status.not_started': 'Pas commencé',
  'status.in_progress': 'En cours',
  'status.achieved': 'Atteint',
  'status.late': 'En retard',
  'status.dropped': 'Abandonné',

  'diff.title': 'Évolution de la feuille de route',
  'diff.from': 'Depuis',
  'diff.to': 'Jusqu\'à',
  'diff.open': 'Voir le tableau {quarter}',
  'diff.loading': 'Calcul de l\'évolution…',
  'diff.order': 'Choisissez un trimestre d\'arrivée postérieur au trimestre de départ.',
  'diff.added': 'Nouveaux objectifs',
  'diff.carried': 'Poursuivis ou reportés',
  'diff.closed': 'Clos car atteints',
  'diff.dropped': 'Abandonnés',
  'diff.unreviewed': 'Non revus',
  'diff.none': 'Aucun.',
  'diff.refLine': '{axis} · {status} · {percent}',
  'diff.unchanged': 'Sans changement',
  'diff.changes': 'Changements',
  'diff.change.status': 'Statut : {before} → {after}',
  'diff.change.percent': 'Avancement : {before} → {after}',
  'diff.change.target': 'Cible : {before} → {after}',
  'diff.change.axis': 'Axe changé : {before} → {after}',
  'diff.change.title': 'Intitulé : {before} → {after}',
  'diff.noTarget': 'aucune',
  'diff.comment': 'Commentaire : {comment}',
  'diff.export': 'Exporter (Markdown)',
  'diff.exporting': 'Export…',
  'diff.saved': 'Enregistré dans {path}',

  'error.load': 'Impossible de charger : {message}',
  retry: 'Réessayer',
} as const;

export type ReviewKey = keyof typeof fr;

export const en: Record<ReviewKey, string> = {
  'review.title': '{quarter} review',
  'review.loading': 'Loading the roadmap…',
  'review.empty': 'No objective in {quarter}: nothing to review.',
  'review.exit': 'Leave the review',
  'review.seminar': 'Seminar',
  'review.noSeminar': 'No seminar',
  'review.progress': 'Objective {position} of {total} · {reviewed}',
  'review.reviewed.one': '{count} reviewed',
  'review.reviewed.other': '{count} reviewed',
  'review.progressBar': 'Objectives reviewed',
  'review.previous': 'Previous objective',
  'review.next': 'Next objective',
  'review.keys': 'Keyboard shortcuts',
  'review.keys.decide': '1 to 5: decision',
  'review.keys.record': 'Enter: record (Ctrl+Enter in the comment)',
  'review.keys.move': '← →: previous or next objective',
  'review.keys.exit': 'Esc: leave',

  'seminar.heading': '{quarter} seminar',
  'seminar.intro': 'No seminar is recorded for this quarter yet. Create it to attach the decisions to it, or skip.',
  'seminar.title': 'Title',
  'seminar.defaultTitle': 'Seminar {quarter}',
  'seminar.startsOn': 'Start',
  'seminar.endsOn': 'End',
  'seminar.place': 'Place',
  'seminar.create': 'Create the seminar and start',
  'seminar.creating': 'Creating…',
  'seminar.skip': 'Start without a seminar',

  'panel.heading': 'Seminar of the quarter',
  'panel.loading': 'Loading the seminar…',
  'panel.none': 'No seminar is planned for {quarter} yet.',
  'panel.prepare': 'Prepare the seminar',
  'panel.edit': 'Edit',
  'panel.formNew': 'Prepare the {quarter} seminar',
  'panel.formEdit': 'Edit the seminar',
  'panel.dates': 'Dates',
  'panel.noDates': 'Dates to be set',
  'panel.until': 'Until {date}',
  'panel.noPlace': 'Place to be set',
  'panel.participants': 'Participants',
  'panel.noParticipants': 'Nobody yet',
  'panel.agenda': 'Agenda',
  'panel.notes': 'Notes',
  'panel.nothing': 'Nothing yet.',
  'panel.notesHint': 'Taken during the seminar: saved as soon as you leave the field.',
  'panel.save': 'Save',
  'panel.saving': 'Saving…',
  'panel.cancel': 'Cancel',
  'panel.saved': 'Seminar saved.',
  'panel.invalid': 'The seminar was not saved: correct the fields marked.',
  'panel.notesSaving': 'Saving the notes…',
  'panel.notesSaved': 'Notes saved.',
  'panel.notesFailed': 'Notes not saved: {message} They stay in the field; Save tries again.',

  'card.label': 'Objective under review',
  'card.axis': 'Axis:',
  'card.owners': 'Led by',
  'card.noOwner': 'Nobody yet',
  'card.status': 'Status',
  'card.progress': 'Progress',
  'card.progressOf': '{progress} / {target}',
  'card.indicators': 'Indicators',
  'card.indicatorValue': '{current} / {target}',
  'card.indicatorNone': '—',
  'card.carriedFrom': 'Continues {quarter}',
  'card.current': 'Decision taken: {decision}',
  'card.comment': '“{comment}”',
  'card.currentTarget': 'new target: {target}',

  'decide.group': 'Decision',
  'decide.comment': 'Comment',
  'decide.target': 'New target',
  'decide.targetHint': 'The objective\'s target next quarter.',
  'decide.record': 'Record the decision',
  'decide.change': 'Change the decision',
  'decide.recording': 'Recording…',
  'decide.undo': 'Take the decision back',
  'decide.undone': 'Decision taken back for “{title}”.',
  'decide.needDecision': 'Choose a decision (keys 1 to 5).',
  'decide.needTarget': 'Enter the new target, a positive number.',

  'outcome.keep': '“{title}”: kept in {quarter}.',
  'outcome.adjust': '“{title}”: adjusted, target {target} in {quarter}.',
  'outcome.carry': '“{title}”: carried over to {quarter}.',
  'outcome.close': '“{title}”: closed, achieved.',
  'outcome.drop': '“{title}”: dropped.',

  'leave.title': 'Leave the review?',
  'leave.body': 'The decision being typed will not be recorded.',
  'leave.confirm': 'Leave',
  'leave.cancel': 'Continue the review',

  'summary.title': 'Review done: {quarter}',
  'summary.counts': 'Decisions',
  'summary.continued': 'Continued in {quarter}',
  'summary.closed': 'Closed as achieved',
  'summary.dropped': 'Dropped',
  'summary.none': 'None.',
  'summary.openNext': 'See the next quarter',
  'summary.diff': 'See what changed',
  'summary.revisit': 'Go back over the decisions',

  'decision.keep': 'Keep',
  'decision.adjust': 'Adjust',
  'decision.carry': 'Carry over to next quarter',
  'decision.close': 'Close as achieved',
  'decision.drop': 'Drop',
  'decision.none': 'No decision',

  'status.not_started': 'Not started',
  'status.in_progress': 'In progress',
  'status.achieved': 'Achieved',
  'status.late': 'Late',
  'status.dropped': 'Dropped',

  'diff.title': 'How the roadmap changed',
  'diff.from': 'From',
  'diff.to': 'To',
  'diff.open': 'See the {quarter} board',
  'diff.loading': 'Comparing…',
  'diff.order': 'Choose an end quarter after the start quarter.',
  'diff.added': 'New objectives',
  'diff.carried': 'Continued or carried over',
  'diff.closed': 'Closed as achieved',
  'diff.dropped': 'Dropped',
  'diff.unreviewed': 'Not reviewed',
  'diff.none': 'None.',
  'diff.refLine': '{axis} · {status} · {percent}',
  'diff.unchanged': 'Unchanged',
  'diff.changes': 'Changes',
  'diff.change.status': 'Status: {before} → {after}',
  'diff.change.percent': 'Progress: {before} → {after}',
  'diff.change.target': 'Target: {before} → {after}',
  'diff.change.axis': 'Axis changed: {before} → {after}',
  'diff.change.title': 'Title: {before} → {after}',
  'diff.noTarget': 'none',
  'diff.comment': 'Comment: {comment}',
  'diff.export': 'Export (Markdown)',
  'diff.exporting': 'Exporting…',
  'diff.saved': 'Saved to {path}',

  'error.load': 'Could not load: {message}',
  retry: 'Try again',
};

const dictionaries: Record<Locale, Record<ReviewKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: ReviewKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The decisions in the order of their keys: 1 keeps, 5 drops. */
export const DECISIONS: readonly ReviewDecision[] = ['keep', 'adjust', 'carry', 'close', 'drop'];

/** Decisions after which the objective goes on in the next quarter. */
export const CONTINUING: readonly ReviewDecision[] = ['keep', 'adjust', 'carry'];

export const decisionLabel = (code: ReviewDecision | null, locale: Locale = currentLocale()) =>
  tr(code ? `decision.${code}` : 'decision.none', undefined, locale);

export const statusLabel = (code: ObjectiveStatus, locale: Locale = currentLocale()) =>
  tr(`status.${code}`, undefined, locale);

/** « 1 revu », « 3 revus ». */
export function countReviewed(value: number, locale: Locale = currentLocale()): string {
  const form = pluralRules(locale).select(value) === 'one' ? 'review.reviewed.one' : 'review.reviewed.other';
  return tr(form, { count: formatAmount(value, locale) }, locale);
}

/** « 28 », « 12,5 »: a count or a target, as people write it. */
export function formatAmount(value: number, locale: Locale = currentLocale()): string {
  return numberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** « 70 % » in French, "70%" in English, from a 0–100 number. */
export function formatPercent(value: number, locale: Locale = currentLocale()): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
}

/** A target as the input shows it: « 12,5 » in French, no thousands separator; empty for none. */
export function formatTargetInput(value: number | null, locale: Locale = currentLocale()): string {
  if (value === null) return '';
  return numberFormat(locale, { maximumFractionDigits: 2, useGrouping: false }).format(value);
}

const DATE_TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** A calendar date (YYYY-MM-DD) read as a local date, so no time zone moves it. */
function localDate(date: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null;
}

/** A seminar's dates: « 12–14 décembre 2026 », « 12 décembre 2026 », « Jusqu'au … ». */
export function formatSeminarDates(startsOn: string | null, endsOn: string | null, locale: Locale = currentLocale()): string {
  const format = dateTimeFormat(DATE_TAGS[locale], { dateStyle: 'long' });
  const start = startsOn ? localDate(startsOn) : null;
  const end = endsOn ? localDate(endsOn) : null;
  if (start && end) return end < start ? `${format.format(start)} – ${format.format(end)}` : format.formatRange(start, end);
  // A start alone is a one-day seminar.
  if (start) return format.format(start);
  if (end) return tr('panel.until', { date: format.format(end) }, locale);
  return tr('panel.noDates', undefined, locale);
}
