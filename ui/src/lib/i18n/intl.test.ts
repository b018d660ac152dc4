import { describe, expect, it } from 'vitest';
import { dateTimeFormat, numberFormat, pluralRules } from './intl';

describe('shared Intl formatters', () => {
  it('builds one formatter per locale and options, and formats as a new one would', () => {
    const day = new Date(2026, 10, 26, 9, 30);
    const long = dateTimeFormat('fr-FR', { dateStyle: 'long' });
    expect(dateTimeFormat('fr-FR', { dateStyle: 'long' })).toBe(long);
    expect(long.format(day)).toBe(new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' }).format(day));
    expect(dateTimeFormat('fr-FR', { dateStyle: 'full' })).not.toBe(long);
    expect(dateTimeFormat('en-GB', { dateStyle: 'long' })).not.toBe(long);
    expect(dateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' })).not.toBe(long);
  });

  it('keeps number formats and plural rules apart by locale and options', () => {
    expect(numberFormat('fr').format(1234.5)).toBe(new Intl.NumberFormat('fr').format(1234.5));
    expect(numberFormat('fr')).toBe(numberFormat('fr'));
    expect(numberFormat('fr', { maximumFractionDigits: 0 }).format(2.6)).toBe('3');
    expect(pluralRules('fr').select(1)).toBe('one');
    expect(pluralRules('fr').select(0)).toBe('one');
    expect(pluralRules('en').select(0)).toBe('other');
  });
});
