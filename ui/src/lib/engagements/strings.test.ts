import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { countEngagements, countSessions, en, ENGAGEMENT_KINDS, ENGAGEMENT_STATUSES, fr, kindLabel, statusLabel } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('engagements strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('label every kind and status, with the core\'s French words', () => {
    expect(ENGAGEMENT_KINDS.map((k) => kindLabel(k))).toContain('Leadership distribué / flocon');
    expect(ENGAGEMENT_STATUSES.map((s) => statusLabel(s))).toEqual(['En préparation', 'En cours', 'Terminé', 'Suspendu']);
    setLocale('en');
    expect(statusLabel('active')).toBe('In progress');
  });

  it('count with each language\'s grammar', () => {
    expect(countSessions(0, 'fr')).toBe('0 séance');
    expect(countSessions(3, 'fr')).toBe('3 séances');
    expect(countEngagements(1, 'en')).toBe('1 engagement');
  });
});
