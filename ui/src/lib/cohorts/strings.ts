// The cohort screens' own words, French first. The stage labels are those of
// crates/flocon-core/src/vocab.rs; the counted forms (« 10 candidats ») are how the association
// writes about a cohort, and the activity report reuses them.

import { currentLocale, type Locale } from '../i18n';
import type { CohortStage } from './api';
import { numberFormat, pluralRules } from '../i18n/intl';

export const fr = {
  'list.title': 'Cohortes',
  'list.label': 'Liste des cohortes',
  'list.loading': 'Chargement des cohortes…',
  'list.empty': 'Aucune cohorte pour l\'instant : créez la première avec le formulaire « Nouvelle cohorte ».',
  'list.programme': 'Programme',
  'list.startsOn': 'Début le {date}',
  'list.noStart': 'Date de début à fixer',
  'people.one': '{count} personne',
  'people.other': '{count} personnes',
  retry: 'Réessayer',
  'error.load': 'Les cohortes n\'ont pas pu être chargées. {message}',

  'form.title': 'Nouvelle cohorte',
  'form.name': 'Nom',
  'form.namePlaceholder': 'Formation organisateurs 2026',
  'form.programme': 'Programme',
  'form.programmeHint': 'Un programme déjà utilisé, ou un nouveau : il sera créé.',
  'form.startsOn': 'Début (facultatif)',
  'form.create': 'Créer la cohorte',
  'form.creating': 'Création…',
  'error.create': 'La cohorte n\'a pas été créée. {message}',

  'board.back': 'Toutes les cohortes',
  'board.loading': 'Chargement de la cohorte…',
  'board.programme': 'Programme : {name}',
  'board.startsOn': 'Début le {date}',
  'board.none': 'Personne dans cette cohorte pour l\'instant.',
  'board.way': 'Le parcours',
  'board.exits': 'Sorties du parcours',
  'board.columnTitle': '{stage} · {count}',
  'board.reached.one': '{count} au total passé par là',
  'board.reached.other': '{count} au total passés par là',
  'board.emptyColumn': 'Personne à cette étape.',
  'error.board': 'La cohorte n\'a pas pu être chargée. {message}',

  'card.since': 'depuis le {date}',
  'card.move': 'Changer d\'étape',
  'card.moveLabel': 'Changer l\'étape de {name}',
  'card.remove': 'Retirer',
  'card.removeLabel': 'Retirer {name} de la cohorte',
  'move.legend': 'Nouvelle étape pour {name}',
  'move.stage': 'Étape',
  'move.on': 'Date',
  'move.save': 'Enregistrer',
  'move.cancel': 'Annuler',
  'move.steps': 'Parcours :',
  'move.step': '{stage} le {date}',
  'move.badDate': 'Indiquez une date valide.',
  'moved': '{name} : {stage} depuis le {date}.',
  'error.move': 'La nouvelle étape de {name} n\'a pas été enregistrée. {message}',

  'add.title': 'Ajouter une personne',
  'add.person': 'Personne',
  'add.personHint': 'Tapez un nom, puis choisissez dans la liste.',
  'add.stage': 'Étape d\'arrivée',
  'add.on': 'Date d\'arrivée',
  'add.submit': 'Ajouter à la cohorte',
  'add.pickFirst': 'Choisissez d\'abord une personne dans la liste.',
  'added': '{name} fait maintenant partie de la cohorte ({stage}).',
  'error.add': '{name} n\'a pas été ajouté à la cohorte. {message}',

  'remove.title': 'Retirer {name} de la cohorte ?',
  'remove.body': 'Son parcours dans cette cohorte (toutes ses étapes) sera effacé. Sa fiche de contact reste intacte.',
  'remove.confirm': 'Retirer',
  'remove.cancel': 'Annuler',
  'removed': '{name} ne fait plus partie de la cohorte.',
  'error.remove': 'Le retrait de {name} n\'a pas abouti. {message}',

  'stage.interested': 'Intéressé',
  'stage.applicant': 'Candidat',
  'stage.accepted': 'Retenu',
  'stage.certified': 'Certifié',
  'stage.rejected': 'Non retenu',
  'stage.dropped': 'Abandon',
  'noun.interested.one': 'intéressé',
  'noun.interested.other': 'intéressés',
  'noun.applicant.one': 'candidat',
  'noun.applicant.other': 'candidats',
  'noun.accepted.one': 'retenu',
  'noun.accepted.other': 'retenus',
  'noun.certified.one': 'certifié',
  'noun.certified.other': 'certifiés',
  'noun.rejected.one': 'non retenu',
  'noun.rejected.other': 'non retenus',
  'noun.dropped.one': 'abandon',
  'noun.dropped.other': 'abandons',
  counted: '{count} {noun}',
  'summary.separator': ', ',
} as const;

export type CohortsKey = keyof typeof fr;

export const en: Record<CohortsKey, string> = {
  'list.title': 'Cohorts',
  'list.label': 'Cohort list',
  'list.loading': 'Loading cohorts…',
  'list.empty': 'No cohort yet: create the first one with the “New cohort” form.',
  'list.programme': 'Programme',
  'list.startsOn': 'Starts on {date}',
  'list.noStart': 'Start date to be set',
  'people.one': '{count} person',
  'people.other': '{count} people',
  retry: 'Try again',
  'error.load': 'The cohorts could not be loaded. {message}',

  'form.title': 'New cohort',
  'form.name': 'Name',
  'form.namePlaceholder': 'Organizers training 2026',
  'form.programme': 'Programme',
  'form.programmeHint': 'A programme already used, or a new one: it will be created.',
  'form.startsOn': 'Start (optional)',
  'form.create': 'Create the cohort',
  'form.creating': 'Creating…',
  'error.create': 'The cohort was not created. {message}',

  'board.back': 'All cohorts',
  'board.loading': 'Loading the cohort…',
  'board.programme': 'Programme: {name}',
  'board.startsOn': 'Starts on {date}',
  'board.none': 'Nobody in this cohort yet.',
  'board.way': 'The way through',
  'board.exits': 'Left the way',
  'board.columnTitle': '{stage} · {count}',
  'board.reached.one': '{count} in all went through',
  'board.reached.other': '{count} in all went through',
  'board.emptyColumn': 'Nobody at this stage.',
  'error.board': 'The cohort could not be loaded. {message}',

  'card.since': 'since {date}',
  'card.move': 'Change stage',
  'card.moveLabel': 'Change the stage of {name}',
  'card.remove': 'Remove',
  'card.removeLabel': 'Remove {name} from the cohort',
  'move.legend': 'New stage for {name}',
  'move.stage': 'Stage',
  'move.on': 'Date',
  'move.save': 'Save',
  'move.cancel': 'Cancel',
  'move.steps': 'Way through:',
  'move.step': '{stage} on {date}',
  'move.badDate': 'Enter a valid date.',
  'moved': '{name}: {stage} since {date}.',
  'error.move': 'The new stage of {name} was not saved. {message}',

  'add.title': 'Add a person',
  'add.person': 'Person',
  'add.personHint': 'Type a name, then choose from the list.',
  'add.stage': 'Starting stage',
  'add.on': 'Joining date',
  'add.submit': 'Add to the cohort',
  'add.pickFirst': 'First choose a person from the list.',
  'added': '{name} is now part of the cohort ({stage}).',
  'error.add': '{name} was not added to the cohort. {message}',

  'remove.title': 'Remove {name} from the cohort?',
  'remove.body': 'Their way through this cohort (every stage) will be erased. Their contact record stays as it is.',
  'remove.confirm': 'Remove',
  'remove.cancel': 'Cancel',
  'removed': '{name} is no longer part of the cohort.',
  'error.remove': 'Removing {name} did not go through. {message}',

  'stage.interested': 'Interested',
  'stage.applicant': 'Applicant',
  'stage.accepted': 'Accepted',
  'stage.certified': 'Certified',
  'stage.rejected': 'Not accepted',
  'stage.dropped': 'Dropped out',
  'noun.interested.one': 'interested',
  'noun.interested.other': 'interested',
  'noun.applicant.one': 'applicant',
  'noun.applicant.other': 'applicants',
  'noun.accepted.one': 'accepted',
  'noun.accepted.other': 'accepted',
  'noun.certified.one': 'certified',
  'noun.certified.other': 'certified',
  'noun.rejected.one': 'not accepted',
  'noun.rejected.other': 'not accepted',
  'noun.dropped.one': 'dropout',
  'noun.dropped.other': 'dropouts',
  counted: '{count} {noun}',
  'summary.separator': ', ',
};

const dictionaries: Record<Locale, Record<CohortsKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: CohortsKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const pluralForm = (value: number, locale: Locale) => (pluralRules(locale).select(value) === 'one' ? 'one' : 'other');
const number = (value: number, locale: Locale) => numberFormat(locale).format(value);

/** The way through a cohort, in order. */
export const WAY_STAGES: readonly CohortStage[] = ['interested', 'applicant', 'accepted', 'certified'];
/** The ways out of it, shown apart. */
export const EXIT_STAGES: readonly CohortStage[] = ['rejected', 'dropped'];
export const COHORT_STAGES: readonly CohortStage[] = [...WAY_STAGES, ...EXIT_STAGES];

export const stageLabel = (stage: CohortStage, locale: Locale = currentLocale()) => tr(`stage.${stage}`, undefined, locale);

/** « candidat », « candidats » (0 and 1 take the singular in French): what follows a count. */
export const stageNoun = (stage: CohortStage, value: number, locale: Locale = currentLocale()) =>
  tr(`noun.${stage}.${pluralForm(value, locale)}`, undefined, locale);

/** « 10 candidats », « 1 abandon ». */
export const countAtStage = (stage: CohortStage, value: number, locale: Locale = currentLocale()) =>
  tr('counted', { count: number(value, locale), noun: stageNoun(stage, value, locale) }, locale);

/** « 1 personne », « 12 personnes ». */
export const countPeople = (value: number, locale: Locale = currentLocale()) =>
  tr(`people.${pluralForm(value, locale)}`, { count: number(value, locale) }, locale);

/** « 10 au total passés par là ». */
export const countReached = (value: number, locale: Locale = currentLocale()) =>
  tr(`board.reached.${pluralForm(value, locale)}`, { count: number(value, locale) }, locale);

export interface StageFigure {
  stage: CohortStage;
  count: number;
}

/**
 * The stages a summary names, the way the association writes it (« 10 candidats, 10 retenus,
 * 9 certifiés »): every stage someone reached, in the order of the way then the exits. The
 * interested are named only when nobody went further, as every candidate was interested first.
 */
export function summaryStages<T extends StageFigure>(figures: readonly T[]): T[] {
  const reached = COHORT_STAGES.flatMap((stage) => figures.filter((f) => f.stage === stage && f.count > 0));
  const beyondInterest = reached.filter((f) => f.stage !== 'interested');
  return beyondInterest.length > 0 ? beyondInterest : reached;
}

/** « 10 candidats, 10 retenus, 9 certifiés »; empty when nobody reached any stage. */
export function summarize(figures: readonly StageFigure[], locale: Locale = currentLocale()): string {
  return summaryStages(figures)
    .map((f) => countAtStage(f.stage, f.count, locale))
    .join(tr('summary.separator', undefined, locale));
}
