import { afterEach, describe, expect, it } from 'vitest';
import { reloadLocale, setLocale } from '../i18n';
import { itHasMatchingDictionaries } from '../i18n/parity';
import { makeEntry, makeReport } from './fake';
import { megabytes, summary } from './report';
import { count, en, fr, tr } from './strings';

afterEach(() => {
  localStorage.clear();
  reloadLocale();
});

describe('import strings', () => {
  itHasMatchingDictionaries(fr, en);

  it('follow the app language, French first', () => {
    expect(tr('title')).toBe('Importer des contacts');
    setLocale('en');
    expect(tr('title')).toBe('Import contacts');
  });

  it('count with French grammar: 0 and 1 are singular', () => {
    expect(count('created', 0, 'fr')).toBe('0 nouveau contact');
    expect(count('created', 1, 'fr')).toBe('1 nouveau contact');
    expect(count('created', 12, 'fr')).toBe('12 nouveaux contacts');
    expect(count('unchanged', 2, 'fr')).toBe('2 déjà présents');
    expect(count('created', 1200, 'fr')).toBe('1\u202f200 nouveaux contacts');
    expect(count('created', 0, 'en')).toBe('0 new contacts');
  });
});

describe('report summary', () => {
  const entries = (n: number) => Array.from({ length: n }, (_, i) => makeEntry({ line: i + 1 }));

  it('reads as one sentence, before and after the import', () => {
    const report = makeReport({
      created: entries(12),
      merged: entries(3),
      unchanged: entries(2),
      skipped: [{ line: 9, reason: 'no name, email, phone or organisation' }],
    });
    expect(summary(report, 'fr')).toBe(
      '12 nouveaux contacts, 3 fusionnés avec un contact existant, 2 déjà présents, 1 ignoré',
    );
    expect(summary({ ...report, dry_run: false }, 'fr')).toBe(
      '12 contacts créés, 3 fusionnés avec un contact existant, 2 déjà présents, 1 ignoré',
    );
  });

  it('leaves out empty groups, and is empty for an empty file', () => {
    expect(summary(makeReport({ merged: entries(1) }), 'fr')).toBe('1 fusionné avec un contact existant');
    expect(summary(makeReport(), 'fr')).toBe('');
  });

  it('writes sizes in megabytes the French way', () => {
    expect(megabytes(63.25 * 1024 * 1024, 'fr')).toBe('63,3');
  });
});
