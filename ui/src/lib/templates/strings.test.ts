import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { en, fr, tr } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('templates strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('follow the app language, French first', () => {
    expect(tr('saved', { name: 'Bilatérale' })).toBe('Modèle « Bilatérale » enregistré.');
    setLocale('en');
    expect(tr('saved', { name: 'Bilatérale' })).toBe('Template “Bilatérale” saved.');
  });
});
