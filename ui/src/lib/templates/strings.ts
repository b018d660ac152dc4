// The session templates screen's own words, French first. They live here rather than in the
// shared dictionaries so that this folder can be wired in on its own; the language is the app's.

import { currentLocale, type Locale } from '../i18n';

export const fr = {
  title: 'Modèles de séance',
  intro: 'Un modèle donne le point de départ de la préparation d\'une séance : ordre du jour, questions à poser, tour de météo…',
  new: 'Nouveau modèle',
  list: 'Modèles',
  loading: 'Chargement des modèles…',
  'empty.title': 'Aucun modèle pour l\'instant',
  'empty.body': 'Créez-en un pour ne pas repartir de zéro à chaque préparation.',
  'pick.hint': 'Choisissez un modèle à modifier, ou créez-en un nouveau.',
  'editor.new': 'Nouveau modèle',
  'editor.edit': 'Modifier « {name} »',
  name: 'Nom',
  body: 'Contenu de la préparation',
  'body.hint': 'En Markdown : titres avec « ## », listes avec « - ».',
  'body.placeholder': '## Météo\n\n## Où en est-on ?\n\n## Prochaines étapes',
  save: 'Enregistrer',
  saving: 'Enregistrement…',
  cancel: 'Annuler',
  delete: 'Supprimer',
  saved: 'Modèle « {name} » enregistré.',
  deleted: 'Modèle « {name} » supprimé.',
  'delete.title': 'Supprimer le modèle « {name} » ?',
  'delete.body': 'Les séances déjà préparées avec ce modèle ne changent pas. Cette opération est définitive.',
  'delete.confirm': 'Supprimer',
  'delete.cancel': 'Annuler',
  'error.load': 'Les modèles n\'ont pas pu être chargés. {message}',
  'error.delete': 'Le modèle n\'a pas pu être supprimé. {message}',
  retry: 'Réessayer',
} as const;

export type TemplatesKey = keyof typeof fr;

export const en: Record<TemplatesKey, string> = {
  title: 'Session templates',
  intro: 'A template is the starting point of a session\'s preparation: agenda, questions to ask, check-in round…',
  new: 'New template',
  list: 'Templates',
  loading: 'Loading templates…',
  'empty.title': 'No templates yet',
  'empty.body': 'Create one so that each preparation does not start from scratch.',
  'pick.hint': 'Choose a template to edit, or create a new one.',
  'editor.new': 'New template',
  'editor.edit': 'Edit “{name}”',
  name: 'Name',
  body: 'Preparation content',
  'body.hint': 'In Markdown: headings with “##”, lists with “-”.',
  'body.placeholder': '## Check-in\n\n## Where are we?\n\n## Next steps',
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  delete: 'Delete',
  saved: 'Template “{name}” saved.',
  deleted: 'Template “{name}” deleted.',
  'delete.title': 'Delete the template “{name}”?',
  'delete.body': 'Sessions already prepared from this template do not change. This cannot be undone.',
  'delete.confirm': 'Delete',
  'delete.cancel': 'Cancel',
  'error.load': 'The templates could not be loaded. {message}',
  'error.delete': 'The template could not be deleted. {message}',
  retry: 'Try again',
};

const dictionaries: Record<Locale, Record<TemplatesKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: TemplatesKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
