/**
 * Shared `Intl` formatters. Building an `Intl.DateTimeFormat` or `Intl.NumberFormat` costs far
 * more than using one (WebKit loads ICU patterns each time: about a millisecond for a date
 * format), and a screen of a hundred rows formats hundreds of dates and counts. Each distinct
 * (locales, options) pair is built once and kept; there are a few dozen in the whole app.
 */

type Locales = string | readonly string[] | undefined;

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const pluralRuleSets = new Map<string, Intl.PluralRules>();

function keyOf(locales: Locales, options: object | undefined): string {
  return `${String(locales)}|${JSON.stringify(options ?? {})}`;
}

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let found = cache.get(key);
  if (found === undefined) {
    found = make();
    cache.set(key, found);
  }
  return found;
}

export function dateTimeFormat(locales: Locales, options?: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateTimeFormats, keyOf(locales, options), () => new Intl.DateTimeFormat(locales as string, options));
}

export function numberFormat(locales: Locales, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, keyOf(locales, options), () => new Intl.NumberFormat(locales as string, options));
}

export function pluralRules(locales: Locales): Intl.PluralRules {
  return cached(pluralRuleSets, keyOf(locales, undefined), () => new Intl.PluralRules(locales as string));
}
