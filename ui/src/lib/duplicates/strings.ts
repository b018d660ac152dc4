// The duplicates screen's own words, French first. They live here rather than in the shared
// dictionaries so that this folder can be wired in on its own; the language is the app's.

import { currentLocale, type Locale } from '../i18n';
import { numberFormat, pluralRules } from '../i18n/intl';

export const fr = {
  title: 'Doublons',
  intro:
    'Ces fiches partagent un e-mail, un téléphone ou un nom : elles décrivent peut-être la même personne. Gardez la bonne, l\'autre y sera fusionnée. Une fusion peut être annulée juste après.',
  loading: 'Recherche des doublons…',
  'count.one': '{count} paire à vérifier',
  'count.other': '{count} paires à vérifier',
  'list.label': 'Doublons probables',
  'empty.title': 'Aucun doublon probable.',
  'empty.body': 'Flocon compare les e-mails, les téléphones et les noms de tous les contacts.',

  'pair.label': '{first} et {second}',
  'pair.reasons': 'En commun :',
  'reason.email': 'Même e-mail',
  'reason.phone': 'Même téléphone',
  'reason.name': 'Même nom',
  'field.email': 'E-mail',
  'field.organization': 'Organisation',
  'field.city': 'Ville',
  'field.none': 'Non renseigné',
  'open.hint': 'Ouvrir la fiche de {name}',
  keep: 'Garder celui-ci',
  unnamed: 'Sans nom',

  'confirm.title': 'Fusionner {other} dans {keep} ?',
  'confirm.body':
    'Tout ce qui concerne {other} (e-mails, téléphones, étiquettes, appartenances, échanges) sera rattaché à {keep}.',
  'confirm.ok': 'Fusionner',
  'confirm.cancel': 'Annuler',

  merged: 'Fusion effectuée',
  'merged.detail': 'Tout ce qui concernait {other} est maintenant rattaché à {keep}.',
  undo: 'Annuler la fusion',
  undoing: 'Annulation de la fusion…',
  undone: 'Fusion annulée',
  'undone.detail': '{other} et {keep} sont de nouveau deux fiches distinctes.',
  dismiss: 'Fermer le message',

  'error.list': 'Les doublons n\'ont pas pu être chargés. {message}',
  'error.merge': 'La fusion n\'a pas abouti, rien n\'a été modifié. {message}',
  'error.undo': 'La fusion n\'a pas pu être annulée. {message}',
  retry: 'Réessayer',
} as const;

export type DuplicatesKey = keyof typeof fr;

export const en: Record<DuplicatesKey, string> = {
  title: 'Duplicates',
  intro:
    'These records share an email, a phone or a name: they may describe the same person. Keep the right one, the other will be merged into it. A merge can be undone right after.',
  loading: 'Looking for duplicates…',
  'count.one': '{count} pair to check',
  'count.other': '{count} pairs to check',
  'list.label': 'Probable duplicates',
  'empty.title': 'No probable duplicates.',
  'empty.body': 'Flocon compares the emails, phones and names of all contacts.',

  'pair.label': '{first} and {second}',
  'pair.reasons': 'In common:',
  'reason.email': 'Same email',
  'reason.phone': 'Same phone',
  'reason.name': 'Same name',
  'field.email': 'Email',
  'field.organization': 'Organisation',
  'field.city': 'City',
  'field.none': 'Not set',
  'open.hint': 'Open the page of {name}',
  keep: 'Keep this one',
  unnamed: 'No name',

  'confirm.title': 'Merge {other} into {keep}?',
  'confirm.body':
    'Everything about {other} (emails, phones, tags, memberships, conversations) will be attached to {keep}.',
  'confirm.ok': 'Merge',
  'confirm.cancel': 'Cancel',

  merged: 'Merge done',
  'merged.detail': 'Everything about {other} is now attached to {keep}.',
  undo: 'Undo the merge',
  undoing: 'Undoing the merge…',
  undone: 'Merge undone',
  'undone.detail': '{other} and {keep} are two separate records again.',
  dismiss: 'Close the message',

  'error.list': 'The duplicates could not be loaded. {message}',
  'error.merge': 'The merge did not go through, nothing was changed. {message}',
  'error.undo': 'The merge could not be undone. {message}',
  retry: 'Try again',
};

const dictionaries: Record<Locale, Record<DuplicatesKey, string>> = { fr, en };

export type Params = Record<string, string | number>;

/** The message in the current language, `{name}` placeholders filled from `params`. */
export function tr(key: DuplicatesKey, params?: Params, locale: Locale = currentLocale()): string {
  const template = dictionaries[locale][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** « 1 paire à vérifier », « 3 paires à vérifier ». */
export function countPairs(value: number, locale: Locale = currentLocale()): string {
  const form = pluralRules(locale).select(value) === 'one' ? 'one' : 'other';
  return tr(`count.${form}`, { count: numberFormat(locale).format(value) }, locale);
}

/** « Élodie Dupré »: first name then last name, as people say it. */
export function personName(person: { first_name: string; last_name: string }, locale: Locale = currentLocale()): string {
  return `${person.first_name} ${person.last_name}`.trim() || tr('unnamed', undefined, locale);
}
