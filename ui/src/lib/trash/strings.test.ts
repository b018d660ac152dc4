import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { deletedOn, emptiedMessage, emptyBody, en, expiresIn, fr, kindLabel, restoredMessage, TRASH_KINDS, tr } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

const NOW = new Date('2026-11-26T09:30:00Z');

describe('trash strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('name every kind of record in French, and follow the app language', () => {
    expect(TRASH_KINDS.map((k) => kindLabel(k))).toEqual([
      'Contact',
      'Collectif ou organisation',
      'Accompagnement',
      'Séance',
      'Action',
      'Rencontre',
      'Objectif',
    ]);
    setLocale('en');
    expect(kindLabel('event')).toBe('Event');
    expect(tr('title')).toBe('Trash');
  });

  it('date a deletion in the user\'s time zone, the adjective agreeing with the kind', () => {
    expect(deletedOn('person', '2026-11-26T09:30:00Z', 'fr', 'Europe/Paris')).toBe('supprimé le 26 novembre 2026 à 10:30');
    expect(deletedOn('session', '2026-11-26T09:30:00Z', 'fr', 'Europe/Paris')).toBe('supprimée le 26 novembre 2026 à 10:30');
  });

  it('say when an item goes for good: a date when far, a number of days when close', () => {
    expect(expiresIn('person', '2026-12-26T09:30:00Z', NOW, 'fr', 'Europe/Paris')).toBe(
      'sera effacé définitivement le 26 décembre 2026 à 10:30',
    );
    expect(expiresIn('action', '2026-11-30T12:00:00Z', NOW, 'fr')).toBe('sera effacée définitivement dans 4 jours');
    expect(expiresIn('person', '2026-11-27T12:00:00Z', NOW, 'fr')).toBe('sera effacé définitivement dans 1 jour');
    expect(expiresIn('person', '2026-11-26T20:00:00Z', NOW, 'fr')).toBe('sera effacé définitivement aujourd\'hui');
    // Already past (the purge runs soon): never a negative count.
    expect(expiresIn('person', '2026-11-20T20:00:00Z', NOW, 'fr')).toBe('sera effacé définitivement aujourd\'hui');
    expect(expiresIn('person', '2026-11-30T12:00:00Z', NOW, 'en')).toBe('will be erased for good in 4 days');
  });

  it('say where a restored record is back, and the links left out', () => {
    expect(restoredMessage('person', 'Awa Diallo', 0, 'fr')).toBe('Awa Diallo est de retour dans les contacts.');
    expect(restoredMessage('session', 'Coaching', 2, 'fr')).toBe(
      'La séance « Coaching » est de retour. 2 liens n\'ont pas pu être rétablis, car ce à quoi ils menaient n\'existe plus.',
    );
    expect(restoredMessage('person', 'Awa Diallo', 1, 'en')).toBe(
      'Awa Diallo is back in the contacts. 1 link could not be restored, as what it led to no longer exists.',
    );
  });

  it('count what emptying removes', () => {
    expect(emptyBody(1, 'fr')).toBe('L\'élément de la corbeille sera effacé définitivement. Cette action est irréversible.');
    expect(emptyBody(5, 'fr')).toBe('Les 5 éléments de la corbeille seront effacés définitivement. Cette action est irréversible.');
    expect(emptiedMessage(0, 'fr')).toBe('La corbeille était déjà vide.');
    expect(emptiedMessage(1, 'fr')).toBe('1 élément a été effacé définitivement.');
    expect(emptiedMessage(5, 'fr')).toBe('5 éléments ont été effacés définitivement.');
  });
});
