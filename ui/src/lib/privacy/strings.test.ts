import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { en, erasedNotice, fieldProblem, fr, recordKind, retentionCount, retentionEmpty, tr } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('privacy strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('follow the app language, French first', () => {
    expect(tr('export.done', { json: 'a.json', html: 'a.html' })).toBe('Données exportées dans Téléchargements : a.json et a.html');
    setLocale('en');
    expect(tr('export.done', { json: 'a.json', html: 'a.html' })).toBe('Data exported to Downloads: a.json and a.html');
  });

  it('count the people to review with French grammar', () => {
    expect(retentionCount(42, 3, 'fr')).toBe('42 personnes sans activité depuis plus de 3 ans');
    expect(retentionCount(1, 3, 'fr')).toBe('1 personne sans activité depuis plus de 3 ans');
    expect(retentionCount(2, 1, 'fr')).toBe('2 personnes sans activité depuis plus d\'un an');
    expect(retentionCount(1, 5, 'en')).toBe('1 person with no activity for more than 5 years');
    expect(retentionEmpty(3, 'fr')).toBe('Personne n\'est sans activité depuis plus de 3 ans : rien à revoir pour l\'instant.');
  });

  it('word the date in the future the core refuses, and leave other problems to the shared messages', () => {
    expect(fieldProblem({ code: 'date_in_future', value: '2027-03-12' }, 'fr')).toBe(
      'La date ne peut pas être dans le futur (12 mars 2027).',
    );
    expect(fieldProblem({ code: 'invalid_date', value: '2026-02-30' }, 'fr')).toBe('« 2026-02-30 » n\'est pas une date valide.');
  });

  it('say how many notes mention an erased person, and name the kinds of records in French', () => {
    expect(erasedNotice('Awa Diallo', 0, 'fr')).toBe('Awa Diallo : données effacées.');
    expect(erasedNotice('Awa Diallo', 1, 'fr')).toBe(
      'Awa Diallo : données effacées. 1 note mentionne cette personne : à relire dans la rubrique RGPD.',
    );
    expect(erasedNotice('Awa Diallo', 3, 'fr')).toBe(
      'Awa Diallo : données effacées. 3 notes mentionnent cette personne : à relire dans la rubrique RGPD.',
    );
    expect(recordKind('event', 'fr')).toBe('Rencontre');
    expect(recordKind('interaction', 'fr')).toBe('Échange');
    expect(recordKind('something-new', 'fr')).toBe('Fiche');
  });
});
