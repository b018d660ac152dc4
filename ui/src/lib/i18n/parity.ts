// The check every feature's own dictionary gets: French and English have the same keys, no
// empty text, and the same placeholders, so switching language never shows a raw key or
// loses a value.

import { expect, it } from 'vitest';

type Dictionary = Record<string, string>;

/** Registers, inside a `describe`, the tests that `fr` and `en` match. */
export function itHasMatchingDictionaries(fr: Dictionary, en: Dictionary): void {
  it('have exactly the same keys in French and English, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    for (const [key, text] of [...Object.entries(fr), ...Object.entries(en)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(fr)) {
      expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(fr[key] ?? ''));
    }
  });
}
