import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { COHORT_STAGES, countAtStage, countPeople, countReached, en, fr, stageLabel, summarize, tr } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('cohort strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('label every stage with the core\'s French words, and follow the app language', () => {
    expect(COHORT_STAGES.map((s) => stageLabel(s))).toEqual(['Intéressé', 'Candidat', 'Retenu', 'Certifié', 'Non retenu', 'Abandon']);
    expect(tr('list.title')).toBe('Cohortes');
    setLocale('en');
    expect(stageLabel('rejected')).toBe('Not accepted');
    expect(tr('list.title')).toBe('Cohorts');
  });

  it('count people at a stage with each language\'s grammar', () => {
    expect(countAtStage('applicant', 10, 'fr')).toBe('10 candidats');
    expect(countAtStage('accepted', 1, 'fr')).toBe('1 retenu');
    expect(countAtStage('certified', 0, 'fr')).toBe('0 certifié');
    expect(countAtStage('rejected', 2, 'fr')).toBe('2 non retenus');
    expect(countAtStage('dropped', 3, 'fr')).toBe('3 abandons');
    expect(countAtStage('applicant', 1, 'en')).toBe('1 applicant');
    expect(countAtStage('dropped', 2, 'en')).toBe('2 dropouts');
    expect(countPeople(1, 'fr')).toBe('1 personne');
    expect(countPeople(12, 'fr')).toBe('12 personnes');
    expect(countPeople(12, 'en')).toBe('12 people');
    expect(countReached(1, 'fr')).toBe('1 au total passé par là');
    expect(countReached(10, 'fr')).toBe('10 au total passés par là');
  });

  it('sum a cohort up as the association writes it', () => {
    const figures = [
      { stage: 'interested', count: 10 },
      { stage: 'applicant', count: 10 },
      { stage: 'accepted', count: 10 },
      { stage: 'certified', count: 9 },
      { stage: 'rejected', count: 0 },
      { stage: 'dropped', count: 1 },
    ] as const;
    expect(summarize(figures, 'fr')).toBe('10 candidats, 10 retenus, 9 certifiés, 1 abandon');
    expect(summarize(figures, 'en')).toBe('10 applicants, 10 accepted, 9 certified, 1 dropout');
    // Only the interested so far: they are the news.
    expect(summarize([{ stage: 'interested', count: 4 }], 'fr')).toBe('4 intéressés');
    expect(summarize([], 'fr')).toBe('');
  });
});
