// The sessions screens' own words, French first. They live here rather than in the shared
// dictionaries so that this folder can be wired in on its own; the language is the app's.

import type { ActionStatus, SessionFormat } from '../coaching/api';
import { currentLocale, type Locale } from '../i18n';
import { numberFormat, pluralRules } from '../i18n/intl';

export const fr = {
  // The list
  'list.title': 'Séances',
  'list.new': 'Préparer une séance',
  'list.loading': 'Chargement des séances…',
  'list.upcoming': 'À venir',
  'list.past': 'Passées',
  'list.noUpcoming': 'Aucune séance prévue.',
  'list.noPast': 'Aucune séance passée.',
  'list.collectives': 'Collectifs',
  'list.engagement': 'Accompagnement',
  'list.openActions.zero': 'Aucune action ouverte',
  'list.openActions.one': '{count} action ouverte',
  'list.openActions.other': '{count} actions ouvertes',
  'list.export': 'Exporter le calendrier (.ics)',
  'list.exporting': 'Export du calendrier…',
  'list.exported': 'Calendrier enregistré : {path}',
  'error.list': 'Les séances n’ont pas pu être chargées. {message}',
  'error.export': 'Le calendrier n’a pas pu être enregistré. {message}',
  retry: 'Réessayer',

  // The new-session form
  'new.title': 'Préparer une séance',
  'new.template': 'Modèle de préparation',
  'new.noTemplate': 'Sans modèle',
  'new.sessionTitle': 'Titre',
  'new.engagement': 'Accompagnement',
  'new.noEngagement': 'Aucun accompagnement',
  'new.engagementHint': 'Choisir un accompagnement ajoute ses collectifs.',
  'new.collectives': 'Collectifs',
  'new.start': 'Début',
  'new.startHint': 'Date et heure, à votre heure locale.',
  'new.duration': 'Durée (minutes)',
  'new.place': 'Lieu ou lien de visio',
  'new.format': 'Format',
  'new.participants': 'Participantes et participants',
  'new.facilitators': 'Animation (équipe)',
  'new.submit': 'Préparer la séance',
  'new.saving': 'Préparation…',
  'new.cancel': 'Annuler',
  'new.startMissing': 'Indiquez une date et une heure de début valides.',
  'new.durationInvalid': 'Indiquez une durée en minutes, entre 1 et 1440.',
  'new.titleMissing': 'Donnez un titre à la séance.',
  'error.options': 'Les modèles et accompagnements n’ont pas pu être chargés. {message}',
  'error.create': 'La séance n’a pas pu être créée. {message}',

  // The editor
  'editor.loading': 'Chargement de la séance…',
  'editor.back': 'Retour aux séances',
  'editor.print': 'Imprimer / PDF',
  'editor.exportMd': 'Exporter en Markdown',
  'editor.exportHtml': 'Page imprimable (HTML)',
  'editor.exported': 'Fichier enregistré : {path}',
  'editor.place': 'Lieu',
  'editor.format': 'Format',
  'editor.engagement': 'Accompagnement',
  'editor.collectives': 'Collectifs',
  'editor.participants': 'Participants',
  'editor.facilitators': 'Animation',
  'editor.nobody': 'Personne',
  'error.load': 'La séance n’a pas pu être ouverte. {message}',
  'error.exportMd': 'Le fichier n’a pas pu être enregistré. {message}',

  'carried.title': 'Actions reportées',
  'carried.hint': 'Une action laissée ouverte reste à faire : elle sera reportée à la prochaine séance.',
  'carried.from': 'décidée le {date} ({session})',
  'carried.none': 'Aucune action reportée.',

  'action.owner': 'Responsable : {name}',
  'action.noOwner': 'Sans responsable',
  'action.due': 'échéance {date}',
  'action.done': 'Fait',
  'action.drop': 'Abandonner',
  'action.reopen': 'Rouvrir',
  'action.doneLabel': 'Marquer « {text} » comme fait',
  'action.dropLabel': 'Abandonner « {text} »',
  'action.reopenLabel': 'Rouvrir « {text} »',
  'error.action': 'L’action n’a pas pu être modifiée. {message}',

  'text.preparation': 'Préparation',
  'text.notes': 'Notes',
  'text.preview': 'Aperçu',
  'text.edit': 'Modifier',
  'text.previewOf': 'Aperçu : {name}',
  'text.previewLoading': 'Mise en forme…',
  'text.previewEmpty': 'Rien à afficher pour l’instant.',
  'error.preview': 'L’aperçu n’a pas pu être affiché. {message}',
  'text.shortcuts':
    'Raccourcis : Ctrl+D fait de la ligne une décision, Ctrl+Maj+A en fait une action, Ctrl+E bascule l’aperçu. Markdown accepté.',

  'save.saving': 'Enregistrement…',
  'save.saved': 'Enregistré à {time}',
  'save.idle': 'Enregistrement automatique',
  'save.failed': 'Pas encore enregistré : {message} Le texte est conservé, nouvel essai à la prochaine frappe.',

  'decisions.title': 'Décisions',
  'decisions.none': 'Aucune décision pour l’instant. Ctrl+D dans les notes ajoute la ligne courante.',
  'decisions.remove': 'Retirer',
  'decisions.removeLabel': 'Retirer la décision « {text} »',
  'decisions.added': 'Décision ajoutée : {text}',
  'decisions.emptyLine': 'La ligne est vide : rien à ajouter.',
  'error.decisions': 'Les décisions n’ont pas pu être enregistrées. {message}',

  'actions.title': 'Actions',
  'actions.none': 'Aucune action décidée dans cette séance.',
  'actions.add': 'Ajouter une action',
  'actions.added': 'Action ajoutée : {text}',
  'actionForm.lineTitle': 'Faire de la ligne une action',
  'actionForm.addTitle': 'Nouvelle action',
  'actionForm.text': 'Action',
  'actionForm.owner': 'Responsable',
  'actionForm.noOwner': 'Personne pour l’instant',
  'actionForm.otherOwner': 'Quelqu’un d’autre…',
  'actionForm.pickOwner': 'Autre responsable',
  'actionForm.due': 'Échéance',
  'actionForm.submit': 'Créer l’action',
  'actionForm.cancel': 'Annuler',
  'actionForm.hint': 'Entrée crée l’action, Échap annule.',
  'actionForm.textMissing': 'Décrivez l’action.',
  'error.addAction': 'L’action n’a pas pu être créée. {message}',

  'next.title': 'Prochaine séance',
  'next.label': 'Date de la prochaine séance',
  'next.saved': 'Date de la prochaine séance enregistrée.',
  'error.next': 'La date n’a pas pu être enregistrée. {message}',

  'status.todo': 'À faire',
  'status.done': 'Fait',
  'status.dropped': 'Abandonné',
  'format.bilateral': 'Bilatéral',
  'format.collective': 'Collectif',
  'format.individual': 'Individuel',
  'format.training': 'Formation',

} as const;

export type SessionsKey = keyof typeof fr;

export const en: Record<SessionsKey, string> = {
  'list.title': 'Sessions',
  'list.new': 'Prepare a session',
  'list.loading': 'Loading sessions…',
  'list.upcoming': 'Upcoming',
  'list.past': 'Past',
  'list.noUpcoming': 'No session planned.',
  'list.noPast': 'No past session.',
  'list.collectives': 'Collectives',
  'list.engagement': 'Engagement',
  'list.openActions.zero': 'No open action',
  'list.openActions.one': '{count} open action',
  'list.openActions.other': '{count} open actions',
  'list.export': 'Export the calendar (.ics)',
  'list.exporting': 'Exporting the calendar…',
  'list.exported': 'Calendar saved: {path}',
  'error.list': 'The sessions could not be loaded. {message}',
  'error.export': 'The calendar could not be saved. {message}',
  retry: 'Try again',

  'new.title': 'Prepare a session',
  'new.template': 'Preparation template',
  'new.noTemplate': 'No template',
  'new.sessionTitle': 'Title',
  'new.engagement': 'Engagement',
  'new.noEngagement': 'No engagement',
  'new.engagementHint': 'Choosing an engagement adds its collectives.',
  'new.collectives': 'Collectives',
  'new.start': 'Start',
  'new.startHint': 'Date and time, in your local time.',
  'new.duration': 'Duration (minutes)',
  'new.place': 'Place or video link',
  'new.format': 'Format',
  'new.participants': 'Participants',
  'new.facilitators': 'Facilitation (team)',
  'new.submit': 'Prepare the session',
  'new.saving': 'Preparing…',
  'new.cancel': 'Cancel',
  'new.startMissing': 'Enter a valid start date and time.',
  'new.durationInvalid': 'Enter a duration in minutes, between 1 and 1440.',
  'new.titleMissing': 'Give the session a title.',
  'error.options': 'The templates and engagements could not be loaded. {message}',
  'error.create': 'The session could not be created. {message}',

  'editor.loading': 'Loading the session…',
  'editor.back': 'Back to sessions',
  'editor.print': 'Print / PDF',
  'editor.exportMd': 'Export as Markdown',
  'editor.exportHtml': 'Printable page (HTML)',
  'editor.exported': 'File saved: {path}',
  'editor.place': 'Place',
  'editor.format': 'Format',
  'editor.engagement': 'Engagement',
  'editor.collectives': 'Collectives',
  'editor.participants': 'Participants',
  'editor.facilitators': 'Facilitation',
  'editor.nobody': 'Nobody',
  'error.load': 'The session could not be opened. {message}',
  'error.exportMd': 'The file could not be saved. {message}',

  'carried.title': 'Carried-over actions',
  'carried.hint': 'An action left open is still to do: it will be carried over to the next session.',
  'carried.from': 'decided on {date} ({session})',
  'carried.none': 'No carried-over action.',

  'action.owner': 'Owner: {name}',
  'action.noOwner': 'No owner',
  'action.due': 'due {date}',
  'action.done': 'Done',
  'action.drop': 'Drop',
  'action.reopen': 'Reopen',
  'action.doneLabel': 'Mark “{text}” as done',
  'action.dropLabel': 'Drop “{text}”',
  'action.reopenLabel': 'Reopen “{text}”',
  'error.action': 'The action could not be changed. {message}',

  'text.preparation': 'Preparation',
  'text.notes': 'Notes',
  'text.preview': 'Preview',
  'text.edit': 'Edit',
  'text.previewOf': 'Preview: {name}',
  'text.previewLoading': 'Formatting…',
  'text.previewEmpty': 'Nothing to show yet.',
  'error.preview': 'The preview could not be shown. {message}',
  'text.shortcuts':
    'Shortcuts: Ctrl+D turns the line into a decision, Ctrl+Shift+A into an action, Ctrl+E toggles the preview. Markdown accepted.',

  'save.saving': 'Saving…',
  'save.saved': 'Saved at {time}',
  'save.idle': 'Saved automatically',
  'save.failed': 'Not saved yet: {message} The text is kept; it will try again at the next keystroke.',

  'decisions.title': 'Decisions',
  'decisions.none': 'No decision yet. Ctrl+D in the notes adds the current line.',
  'decisions.remove': 'Remove',
  'decisions.removeLabel': 'Remove the decision “{text}”',
  'decisions.added': 'Decision added: {text}',
  'decisions.emptyLine': 'The line is empty: nothing to add.',
  'error.decisions': 'The decisions could not be saved. {message}',

  'actions.title': 'Actions',
  'actions.none': 'No action decided in this session.',
  'actions.add': 'Add an action',
  'actions.added': 'Action added: {text}',
  'actionForm.lineTitle': 'Turn the line into an action',
  'actionForm.addTitle': 'New action',
  'actionForm.text': 'Action',
  'actionForm.owner': 'Owner',
  'actionForm.noOwner': 'Nobody yet',
  'actionForm.otherOwner': 'Someone else…',
  'actionForm.pickOwner': 'Other owner',
  'actionForm.due': 'Due date',
  'actionForm.submit': 'Create the action',
  'actionForm.cancel': 'Cancel',
  'actionForm.hint': 'Enter creates the action, Escape cancels.',
  'actionForm.textMissing': 'Describe the action.',
  'error.addAction': 'The action could not be created. {message}',

  'next.title': 'Next session',
  'next.label': 'Date of the next session',
  'next.saved': 'Date of the next session saved.',
  'error.next': 'The date could not be saved. {message}',

  'status.todo': 'To do',
  'status.done': 'Done',
  'status.dropped': 'Dropped',
  'format.bilateral': 'Bilateral',
  'format.collective': 'Collective',
  'format.individual': 'Individual',
  'format.training': 'Training',

};

const dictionaries: Record<Locale, Record<SessionsKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: SessionsKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** « 2 actions ouvertes », « Aucune action ouverte ». */
export function countOpenActions(count: number, locale: Locale = currentLocale()): string {
  if (count === 0) return tr('list.openActions.zero', undefined, locale);
  const form = pluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  return tr(`list.openActions.${form}`, { count: numberFormat(locale).format(count) }, locale);
}

export const SESSION_FORMATS: readonly SessionFormat[] = ['collective', 'bilateral', 'individual', 'training'];

export const formatLabel = (format: SessionFormat, locale: Locale = currentLocale()): string =>
  tr(`format.${format}`, undefined, locale);

export const statusLabel = (status: ActionStatus, locale: Locale = currentLocale()): string =>
  tr(`status.${status}`, undefined, locale);
