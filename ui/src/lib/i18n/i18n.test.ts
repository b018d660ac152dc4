import { afterEach, describe, expect, it } from 'vitest';
import { en } from './en';
import { fr } from './fr';
import {
  countContacts,
  currentLocale,
  errorMessage,
  formatDateTime,
  problemMessage,
  reloadLocale,
  setLocale,
  t,
} from './index';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('dictionaries', () => {
  it('have exactly the same keys in French and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('have no empty message', () => {
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
});

describe('language', () => {
  it('is French by default, and <html lang> says so', () => {
    expect(currentLocale()).toBe('fr');
    expect(t('contacts.new')).toBe('Nouveau contact');
    expect(document.documentElement.lang).toBe('fr');
  });

  it('switches to English, updates <html lang> and is remembered', () => {
    setLocale('en');
    expect(t('contacts.new')).toBe('New contact');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('flocon.locale')).toBe('en');

    reloadLocale();
    expect(currentLocale()).toBe('en');
  });

  it('ignores a remembered value that is not a language', () => {
    localStorage.setItem('flocon.locale', 'klingon');
    reloadLocale();
    expect(currentLocale()).toBe('fr');
  });

  it('fills placeholders', () => {
    expect(t('delete.title', { name: 'Élodie Dupré' })).toBe('Supprimer Élodie Dupré ?');
  });
});

describe('error wording', () => {
  it('words each problem code in French', () => {
    expect(problemMessage({ code: 'invalid_email', value: 'elodie@' })).toBe(
      '« elodie@ » n\'est pas une adresse e-mail valide.',
    );
    expect(problemMessage({ code: 'name_required' })).toBe('Indiquez au moins un prénom ou un nom.');
    expect(problemMessage({ code: 'too_long', max: 200 })).toContain('200 caractères au plus');
    expect(problemMessage({ code: 'invalid_phone', value: '12' })).toContain('« 12 »');
  });

  it('words the same problems in English', () => {
    expect(problemMessage({ code: 'invalid_email', value: 'elodie@' }, 'en')).toBe(
      '“elodie@” is not a valid email address.',
    );
    expect(problemMessage({ code: 'name_required' }, 'en')).toBe('Enter at least a first name or a last name.');
  });

  it('words errors without a problem by their kind', () => {
    const error = (kind: Parameters<typeof errorMessage>[0]['kind']) => ({ kind, message: 'raw', problem: null });
    expect(errorMessage(error('not_found'))).toBe('Ce contact n\'existe plus.');
    expect(errorMessage(error('database_too_new'))).toContain('version plus récente de Flocon');
    expect(errorMessage(error('not_found'), 'en')).toBe('This contact no longer exists.');
  });

  it('falls back to a generic sentence that keeps the backend message', () => {
    expect(errorMessage({ kind: 'internal', message: 'database is locked', problem: null })).toBe(
      'Une erreur inattendue est survenue : database is locked',
    );
  });

  it('prefers the problem wording over the kind', () => {
    const error = { kind: 'invalid' as const, message: 'x', problem: { code: 'name_required' as const } };
    expect(errorMessage(error)).toBe('Indiquez au moins un prénom ou un nom.');
  });
});

describe('formats', () => {
  it('writes a UTC time in French, in the given time zone', () => {
    expect(formatDateTime('2026-11-25T17:02:00Z', 'fr', 'Europe/Paris')).toBe('25 novembre 2026 à 18:02');
    expect(formatDateTime('2026-07-01T08:30:00Z', 'fr', 'Europe/Paris')).toBe('1 juillet 2026 à 10:30');
  });

  it('writes the same time in English', () => {
    expect(formatDateTime('2026-11-25T17:02:00Z', 'en', 'Europe/Paris')).toBe('November 25, 2026 at 6:02 PM');
  });

  it('leaves a malformed time as it is rather than showing "Invalid Date"', () => {
    expect(formatDateTime('yesterday', 'fr')).toBe('yesterday');
  });

  it('counts contacts with French grammar (0 and 1 are singular)', () => {
    expect(countContacts(0, 'fr')).toBe('0 contact');
    expect(countContacts(1, 'fr')).toBe('1 contact');
    expect(countContacts(2, 'fr')).toBe('2 contacts');
    expect(countContacts(0, 'en')).toBe('0 contacts');
  });
});
