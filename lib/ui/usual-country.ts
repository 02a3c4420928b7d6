import { browser } from 'wxt/browser';

/** A country the user can choose, with the ISO 3166-1 alpha-2 code the API gives as its `flag`. */
export interface CountryChoice {
  id: number;
  iso2?: string | undefined;
}

/**
 * The region a language tag names (`pt-BR` → BR), else the region its language is most used in
 * (`id` → ID, `vi` → VN: CLDR's likely subtags, through `Intl.Locale#maximize`). Null for a tag
 * that does not parse or names no country (`es-419`, Latin America).
 */
export function regionOfLanguage(tag: string): string | null {
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag.replace('_', '-'));
  } catch {
    return null;
  }
  const region = locale.region ?? locale.maximize().region;
  return region && /^[A-Z]{2}$/.test(region) ? region : null;
}

/**
 * The usual country to suggest from the browser's languages, in the user's order of preference:
 * the first language whose region is a country of the list. Where the list has a country twice
 * under one ISO code (the API has two ids for Russia), the earlier entry wins.
 */
export function suggestCountry(languages: readonly string[], countries: readonly CountryChoice[]): number | null {
  for (const tag of languages) {
    const region = regionOfLanguage(tag);
    if (!region) continue;
    const match = countries.find((c) => c.iso2?.toUpperCase() === region);
    if (match) return match.id;
  }
  return null;
}

/** The browser's languages, preferred first: the page's list, then the browser's own UI language. */
export function browserLanguages(): string[] {
  const list = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? [])];
  try {
    const ui = browser.i18n.getUILanguage();
    if (ui) list.push(ui);
  } catch {
    // No i18n API (unit tests): the page's list is enough.
  }
  return list;
}
