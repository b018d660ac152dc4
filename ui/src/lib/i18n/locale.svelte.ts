// The current language, remembered across launches. French unless the user chose English.

export type Locale = 'fr' | 'en';

export const LOCALES: readonly Locale[] = ['fr', 'en'];

const STORAGE_KEY = 'flocon.locale';

function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en';
}

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(value) ? value : 'fr';
  } catch {
    // Storage can be unavailable (private mode, a locked profile): French is a fine answer.
    return 'fr';
  }
}

function reflectInDocument(locale: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

const state = $state<{ locale: Locale }>({ locale: storedLocale() });
reflectInDocument(state.locale);

/** The current language; reading it inside a component or `$derived` tracks changes. */
export function currentLocale(): Locale {
  return state.locale;
}

export function setLocale(locale: Locale): void {
  state.locale = locale;
  reflectInDocument(locale);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered this time; the choice still applies to this session.
  }
}

/** Reads the remembered choice again; for tests that change localStorage. */
export function reloadLocale(): void {
  state.locale = storedLocale();
  reflectInDocument(state.locale);
}
