import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { en, fr, tr } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('templates strings', () => {
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
    expect(tr('saved', { name: 'Bilatérale' })).toBe('Modèle « Bilatérale » enregistré.');
    setLocale('en');
    expect(tr('saved', { name: 'Bilatérale' })).toBe('Template “Bilatérale” saved.');
  });
});
