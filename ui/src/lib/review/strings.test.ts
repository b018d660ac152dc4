import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { countReviewed, DECISIONS, decisionLabel, en, formatPercent, formatTargetInput, fr, statusLabel } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('review strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('label decisions and statuses with the core\'s French words', () => {
    expect(DECISIONS.map((d) => decisionLabel(d))).toEqual([
      'Maintenir',
      'Ajuster',
      'Reporter au trimestre suivant',
      'Clore car atteint',
      'Abandonner',
    ]);
    expect((['not_started', 'in_progress', 'achieved', 'late', 'dropped'] as const).map((s) => statusLabel(s))).toEqual([
      'Pas commencé',
      'En cours',
      'Atteint',
      'En retard',
      'Abandonné',
    ]);
    setLocale('en');
    expect(decisionLabel('carry')).toBe('Carry over to next quarter');
  });

  it('count reviewed objectives with each language\'s grammar', () => {
    expect(countReviewed(0, 'fr')).toBe('0 revu');
    expect(countReviewed(2, 'fr')).toBe('2 revus');
    expect(countReviewed(1, 'en')).toBe('1 reviewed');
  });

  it('write percentages and targets the way each language does', () => {
    expect(formatPercent(70, 'fr')).toMatch(/^70\s%$/);
    expect(formatPercent(70, 'en')).toBe('70%');
    expect(formatTargetInput(12.5, 'fr')).toBe('12,5');
    expect(formatTargetInput(1200, 'fr')).toBe('1200');
    expect(formatTargetInput(null, 'fr')).toBe('');
  });
});
