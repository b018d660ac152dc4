// The import screen's own words, French first. They live here rather than in the shared
// dictionaries so that this folder can be wired in on its own; the language is the app's.

import { currentLocale, type Locale } from '../i18n';
import { numberFormat, pluralRules } from '../i18n/intl';

export const fr = {
  title: 'Importer des contacts',
  intro:
    'Ajoutez à Flocon les contacts d\'un téléphone ou de Contacts (fichier vCard), ou ceux de Google, Outlook, LinkedIn ou d\'un tableur (fichier CSV).',
  safety:
    'Flocon montre d\'abord ce qu\'il va faire : rien n\'est enregistré avant que vous cliquiez sur « Importer ». Les personnes déjà présentes sont complétées, pas dupliquées.',
  'file.label': 'Choisir un fichier',
  'file.hint': 'Fichier .vcf, .vcard, .csv ou .txt, 50 Mo au plus.',
  'file.tooLarge': '« {file} » fait {size} Mo : Flocon importe des fichiers de 50 Mo au plus. Rien n\'a été lu.',
  'file.empty': '« {file} » est vide : il n\'y a rien à importer.',
  'file.unreadable': 'Ce fichier n\'a pas pu être ouvert. Vérifiez qu\'il est toujours à sa place, puis réessayez.',

  reading: 'Lecture du fichier…',
  applying: 'Import en cours…',
  progress: '{done} contacts traités sur {total}',

  'preview.title': 'Aperçu de l\'import',
  'preview.file': '{file}, au format {format}.',
  'preview.notYet': 'Rien n\'a encore été enregistré.',
  'preview.nothingNew': 'Rien de nouveau à importer : tous ces contacts sont déjà dans Flocon ou ont été ignorés.',
  'preview.empty': 'Ce fichier ne contient aucun contact.',
  'preview.apply': 'Importer',
  'preview.cancel': 'Annuler',

  'count.created.one': '{count} nouveau contact',
  'count.created.other': '{count} nouveaux contacts',
  'count.merged.one': '{count} fusionné avec un contact existant',
  'count.merged.other': '{count} fusionnés avec un contact existant',
  'count.unchanged.one': '{count} déjà présent',
  'count.unchanged.other': '{count} déjà présents',
  'count.skipped.one': '{count} ignoré',
  'count.skipped.other': '{count} ignorés',
  'count.done.one': '{count} contact créé',
  'count.done.other': '{count} contacts créés',

  'group.created': 'Nouveaux contacts',
  'group.merged': 'Fusionnés avec un contact existant',
  'group.unchanged': 'Déjà présents, sans rien de nouveau',
  'group.skipped': 'Entrées ignorées',
  'group.createdDone': 'Contacts créés',
  'group.count': '{group} ({count})',

  line: 'ligne {line}',
  'skipped.reason': 'Motif : {reason}',
  'match.email': 'même e-mail',
  'match.phone': 'même téléphone',
  'match.name': 'même nom',
  'open.hint': 'Ouvrir la fiche de {name}',

  'done.title': 'Import terminé',
  'done.again': 'Importer un autre fichier',

  'error.malformed': 'Le fichier ne peut pas être lu : {message}',
  'error.failed': 'L\'import n\'a pas abouti. {message}',
  'error.nothingChanged': 'Rien n\'a été modifié dans Flocon.',
  'error.retry': 'Choisir un autre fichier',

  'format.vcard': 'vCard',
  'format.csv': 'CSV',
} as const;

export type ImportKey = keyof typeof fr;

export const en: Record<ImportKey, string> = {
  title: 'Import contacts',
  intro:
    'Add to Flocon the contacts of a phone or of Contacts (vCard file), or those of Google, Outlook, LinkedIn or a spreadsheet (CSV file).',
  safety:
    'Flocon first shows what it will do: nothing is saved before you click “Import”. People already in Flocon are completed, not duplicated.',
  'file.label': 'Choose a file',
  'file.hint': '.vcf, .vcard, .csv or .txt file, 50 MB at most.',
  'file.tooLarge': '“{file}” is {size} MB: Flocon imports files of 50 MB at most. Nothing was read.',
  'file.empty': '“{file}” is empty: there is nothing to import.',
  'file.unreadable': 'This file could not be opened. Check that it is still there, then try again.',

  reading: 'Reading the file…',
  applying: 'Importing…',
  progress: '{done} of {total} contacts processed',

  'preview.title': 'Import preview',
  'preview.file': '{file}, in {format} format.',
  'preview.notYet': 'Nothing has been saved yet.',
  'preview.nothingNew': 'Nothing new to import: all these contacts are already in Flocon or were skipped.',
  'preview.empty': 'This file holds no contacts.',
  'preview.apply': 'Import',
  'preview.cancel': 'Cancel',

  'count.created.one': '{count} new contact',
  'count.created.other': '{count} new contacts',
  'count.merged.one': '{count} merged into an existing contact',
  'count.merged.other': '{count} merged into an existing contact',
  'count.unchanged.one': '{count} already there',
  'count.unchanged.other': '{count} already there',
  'count.skipped.one': '{count} skipped',
  'count.skipped.other': '{count} skipped',
  'count.done.one': '{count} contact created',
  'count.done.other': '{count} contacts created',

  'group.created': 'New contacts',
  'group.merged': 'Merged into an existing contact',
  'group.unchanged': 'Already there, nothing new',
  'group.skipped': 'Skipped entries',
  'group.createdDone': 'Contacts created',
  'group.count': '{group} ({count})',

  line: 'line {line}',
  'skipped.reason': 'Reason: {reason}',
  'match.email': 'same email',
  'match.phone': 'same phone',
  'match.name': 'same name',
  'open.hint': 'Open the page of {name}',

  'done.title': 'Import complete',
  'done.again': 'Import another file',

  'error.malformed': 'The file cannot be read: {message}',
  'error.failed': 'The import did not go through. {message}',
  'error.nothingChanged': 'Nothing was changed in Flocon.',
  'error.retry': 'Choose another file',

  'format.vcard': 'vCard',
  'format.csv': 'CSV',
};

const dictionaries: Record<Locale, Record<ImportKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: ImportKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** « 12 nouveaux contacts », « 1 ignoré », « 0 déjà présent » (French counts 0 as singular). */
export function count(
  group: 'created' | 'merged' | 'unchanged' | 'skipped' | 'done',
  value: number,
  locale: Locale = currentLocale(),
): string {
  const form = pluralRules(locale).select(value) === 'one' ? 'one' : 'other';
  return tr(`count.${group}.${form}`, { count: numberFormat(locale).format(value) }, locale);
}
