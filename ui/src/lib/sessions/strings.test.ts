import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { countOpenActions, en, formatLabel, fr, statusLabel, tr } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('sessions strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('follow the app language, French first', () => {
    expect(tr('list.exported', { path: '/home/awa/Téléchargements/flocon.ics' })).toBe(
      'Calendrier enregistré : /home/awa/Téléchargements/flocon.ics',
    );
    setLocale('en');
    expect(tr('list.exported', { path: '/tmp/flocon.ics' })).toBe('Calendar saved: /tmp/flocon.ics');
  });

  it('count open actions with each language’s grammar', () => {
    expect(countOpenActions(0, 'fr')).toBe('Aucune action ouverte');
    expect(countOpenActions(1, 'fr')).toBe('1 action ouverte');
    expect(countOpenActions(3, 'fr')).toBe('3 actions ouvertes');
    expect(countOpenActions(3, 'en')).toBe('3 open actions');
  });

  it('name the vocabularies as the core does in French', () => {
    expect(formatLabel('collective', 'fr')).toBe('Collectif');
    expect(formatLabel('bilateral', 'fr')).toBe('Bilatéral');
    expect(statusLabel('todo', 'fr')).toBe('À faire');
    expect(statusLabel('dropped', 'fr')).toBe('Abandonné');
  });
});
