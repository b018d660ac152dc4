import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { REPORT_PARTS } from './fake';
import { countOf, countTotal, en, fr, partLabel, sessionsElsewhere, TOTAL_KEYS, totalNoun, tr } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('report strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('follow the app language, French first', () => {
    expect(tr('title')).toBe('Rapport d\'activité');
    expect(tr('export.saved', { path: '/tmp/r.md' })).toBe('Enregistré dans Téléchargements : /tmp/r.md');
    setLocale('en');
    expect(tr('title')).toBe('Activity report');
    expect(tr('export.saved', { path: '/tmp/r.md' })).toBe('Saved in Downloads: /tmp/r.md');
  });

  it('name every headline figure, in the singular and the plural', () => {
    expect(TOTAL_KEYS.map((key) => countTotal(key, 2, 'fr'))).toEqual([
      '2 rencontres',
      '2 participations',
      '2 personnes différentes',
      '2 séances',
      '2 accompagnements',
      '2 collectifs accompagnés',
      '2 nouveaux contacts',
      '2 cohortes',
      '2 objectifs atteints',
    ]);
    expect(totalNoun('objectives_reached', 1, 'fr')).toBe('objectif atteint');
    expect(totalNoun('objectives_reached', 0, 'fr')).toBe('objectif atteint');
    expect(totalNoun('objectives_reached', 0, 'en')).toBe('objectives reached');
    expect(countTotal('new_contacts', 1234, 'fr')).toBe('1\u202f234 nouveaux contacts');
    expect(countOf('event.present', 75, 'fr')).toBe('75 présents');
    expect(countOf('event.registered', 1, 'fr')).toBe('1 inscrit');
    expect(sessionsElsewhere(1, 'fr')).toMatch(/^Une autre séance/);
    expect(sessionsElsewhere(3, 'fr')).toMatch(/^3 autres séances/);
  });

  it('say which part of the report is being read', () => {
    expect(REPORT_PARTS.map((part) => partLabel(part, 'fr'))).toEqual([
      'Lecture des séances…',
      'Lecture des rencontres…',
      'Lecture des formations…',
      'Lecture des cohortes…',
      'Lecture des nouveaux contacts…',
      'Lecture des objectifs de la feuille de route…',
    ]);
  });
});
