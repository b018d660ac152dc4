import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { countOpenActions, en, fr, tr } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('week strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('follow the app language, French first', () => {
    expect(tr('quiet.title', { weeks: 6 })).toBe('Accompagnements sans séance depuis plus de 6 semaines');
    setLocale('en');
    expect(tr('quiet.title', { weeks: 6 })).toBe('Engagements with no session for more than 6 weeks');
  });

  it('count open actions with each language\'s grammar', () => {
    expect(countOpenActions(1, 'fr')).toBe('1 action ouverte');
    expect(countOpenActions(2, 'fr')).toBe('2 actions ouvertes');
    expect(countOpenActions(1, 'en')).toBe('1 open action');
  });
});
