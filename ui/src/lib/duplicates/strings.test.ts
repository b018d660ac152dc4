import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { countPairs, en, fr, personName, tr } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('duplicates strings', () => {
  it('have exactly the same keys in French and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, text] of [...Object.entries(fr), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]));
    }
  });

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
