import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { decisionLabel, en, formatPercent, fr, OBJECTIVE_STATUSES, REVIEW_DECISIONS, reviewState, statusLabel } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('roadmap strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('label every status with the core\'s French words, and every decision as done', () => {
    expect(OBJECTIVE_STATUSES.map((s) => statusLabel(s))).toEqual(['Pas commencé', 'En cours', 'Atteint', 'En retard', 'Abandonné']);
    expect(REVIEW_DECISIONS.map((d) => decisionLabel(d))).toEqual(['Maintenu', 'Ajusté', 'Reporté', 'Clos', 'Abandonné']);
    setLocale('en');
    expect(statusLabel('late')).toBe('Late');
    expect(decisionLabel('carry')).toBe('Carried over');
  });

  it('agree the review count with the number reviewed, in each language', () => {
    expect(reviewState(3, 5, 'fr')).toBe('Revue : 3 objectifs sur 5');
    expect(reviewState(1, 5, 'fr')).toBe('Revue : 1 objectif sur 5');
    expect(reviewState(1, 5, 'en')).toBe('Review: 1 objective of 5');
  });

  it('write a percentage the way each language does', () => {
    expect(formatPercent(70, 'fr')).toBe('70\u00a0%');
    expect(formatPercent(62.5, 'fr')).toBe('62,5\u00a0%');
    expect(formatPercent(70, 'en')).toBe('70%');
  });
});
