import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { ATTENDANCES, attendanceLabel, countOf, en, fr, roleLabel, tr } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('events strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('follow the app language, French first', () => {
    expect(tr('taker.add', { name: 'Awa Diallo' })).toBe('Ajouter « Awa Diallo » comme nouvelle personne');
    setLocale('en');
    expect(tr('taker.add', { name: 'Awa Diallo' })).toBe('Add “Awa Diallo” as a new person');
  });

  it('label the answers and roles with the core\'s French words', () => {
    expect(ATTENDANCES.map((a) => attendanceLabel(a))).toEqual(['Présent', 'Inscrit', 'Invité', 'Excusé', 'Absent']);
    expect(roleLabel('speaker')).toBe('Intervenant');
    expect(roleLabel('guest')).toBe('Invité d\'honneur');
    setLocale('en');
    expect(attendanceLabel('excused')).toBe('Excused');
  });

  it('count with each language\'s grammar', () => {
    expect(countOf('present', 0, 'fr')).toBe('0 présent');
    expect(countOf('present', 1, 'fr')).toBe('1 présent');
    expect(countOf('present', 42, 'fr')).toBe('42 présents');
    expect(countOf('registered', 50, 'fr')).toBe('50 inscrits');
    expect(countOf('members', 3, 'fr')).toBe('3 membres présents');
    expect(countOf('members', 1, 'en')).toBe('1 member present');
    expect(countOf('present', 1200, 'fr')).toBe(`${new Intl.NumberFormat('fr').format(1200)} présents`);
  });
});
