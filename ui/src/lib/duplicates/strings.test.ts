import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { countPairs, en, fr, personName, tr } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('duplicates strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('follow the app language, French first', () => {
    expect(tr('confirm.title', { other: 'Elodie Dupre', keep: 'Élodie Dupré' })).toBe(
      'Fusionner Elodie Dupre dans Élodie Dupré ?',
    );
    setLocale('en');
    expect(tr('confirm.title', { other: 'Elodie Dupre', keep: 'Élodie Dupré' })).toBe(
      'Merge Elodie Dupre into Élodie Dupré?',
    );
  });

  it('count pairs with each language\'s grammar', () => {
    expect(countPairs(1, 'fr')).toBe('1 paire à vérifier');
    expect(countPairs(3, 'fr')).toBe('3 paires à vérifier');
    expect(countPairs(1, 'en')).toBe('1 pair to check');
  });

  it('names a person without a name', () => {
    expect(personName({ first_name: ' ', last_name: '' }, 'fr')).toBe('Sans nom');
    expect(personName({ first_name: 'Awa', last_name: '' }, 'fr')).toBe('Awa');
  });
});
