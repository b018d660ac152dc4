// How a person is shown: name, initials, sector label. Shared by the list and the page.

import { t } from '../i18n';

export { SECTORS, sectorLabel } from '../vocab';

interface Named {
  first_name: string;
  last_name: string;
}

/** « Élodie Dupré »: first name then last name, as people say it. */
export function displayName(person: Named): string {
  const name = `${person.first_name} ${person.last_name}`.trim();
  return name || t('contacts.unnamed');
}

function firstLetter(word: string): string {
  return Array.from(word.trim())[0] ?? '';
}

/** « ÉD » for Élodie Dupré; one letter when there is only one name. */
export function initials(person: Named): string {
  const letters = firstLetter(person.first_name) + firstLetter(person.last_name);
  return (letters || '?').toLocaleUpperCase();
}

const AVATAR_TINTS = 6;

/** A stable tint per person, so a face is easier to find again in a long list. */
export function avatarTint(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % AVATAR_TINTS;
}
