/** A country offer as `countries.list` returns it. */
export interface Offer {
  id: number;
  name: string;
  flag?: string;
  price: number;
  stock: number;
  currency: string;
  operators?: string[];
}

export type OfferSort = 'price' | 'stock';

/**
 * The spec's table of common countries: names and flags for orders whose country list was never
 * loaded (history, active orders after a restart) and the choices for the default country.
 */
export const COMMON_COUNTRIES: readonly { id: number; name: string; iso2: string }[] = [
  { id: 187, name: 'USA', iso2: 'US' },
  { id: 28, name: 'United Kingdom', iso2: 'GB' },
  { id: 188, name: 'Canada', iso2: 'CA' },
  { id: 13, name: 'Nigeria', iso2: 'NG' },
  { id: 17, name: 'India', iso2: 'IN' },
  { id: 6, name: 'Malaysia', iso2: 'MY' },
  { id: 4, name: 'Philippines', iso2: 'PH' },
  { id: 5, name: 'Indonesia', iso2: 'ID' },
  { id: 9, name: 'Vietnam', iso2: 'VN' },
  { id: 16, name: 'Egypt', iso2: 'EG' },
  { id: 20, name: 'France', iso2: 'FR' },
  { id: 129, name: 'Germany', iso2: 'DE' },
  { id: 143, name: 'Spain', iso2: 'ES' },
  { id: 142, name: 'Italy', iso2: 'IT' },
  { id: 151, name: 'Thailand', iso2: 'TH' },
  { id: 158, name: 'Australia', iso2: 'AU' },
  { id: 25, name: 'Brazil', iso2: 'BR' },
  { id: 1, name: 'Russia', iso2: 'RU' },
  { id: 2, name: 'Ukraine', iso2: 'UA' },
  { id: 117, name: 'Kenya', iso2: 'KE' },
];

export interface CountryInfo {
  id: number;
  name: string;
  /** ISO 3166-1 alpha-2 as the API gives it (its `flag`), when known. */
  iso2?: string;
}

/** Name and ISO code of a country id from what is known: loaded offers first, then the common table. */
export function countryInfo(
  id: number | string | null | undefined,
  known: ReadonlyMap<number, { name: string; flag?: string }> = new Map(),
): CountryInfo | null {
  if (id === null || id === undefined || id === '') return null;
  const num = typeof id === 'number' ? id : Number(id);
  if (!Number.isInteger(num)) return { id: NaN, name: String(id) };
  const offer = known.get(num);
  if (offer) return { id: num, name: offer.name, ...(offer.flag ? { iso2: offer.flag } : {}) };
  const common = COMMON_COUNTRIES.find((c) => c.id === num);
  if (common) return { id: num, name: common.name, iso2: common.iso2 };
  return { id: num, name: `#${num}` };
}

/**
 * The countries a user can choose as the usual one: the spec's table, then those the API listed
 * (their names and codes win), then the chosen id if neither knows it; sorted by name. A name
 * shared by two ids (the API lists Russia twice) keeps the table's first.
 */
export function countryChoices(known: ReadonlyMap<number, { name: string; flag?: string }>, chosen: number | null = null): CountryInfo[] {
  const all = new Map<number, CountryInfo>();
  for (const c of COMMON_COUNTRIES) all.set(c.id, { id: c.id, name: c.name, iso2: c.iso2 });
  for (const id of known.keys()) all.set(id, countryInfo(id, known)!);
  if (chosen !== null && !all.has(chosen)) all.set(chosen, countryInfo(chosen)!);
  return [...all.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Offers matching a search: by name (any part, case- and accent-insensitive) or exact id. */
export function filterOffers<T extends Offer>(offers: readonly T[], query: string): T[] {
  const q = fold(query.trim());
  if (!q) return [...offers];
  return offers.filter((o) => fold(o.name).includes(q) || String(o.id) === q || (o.flag ? o.flag.toLowerCase() === q : false));
}

/**
 * The order of the country list: the default country first, then the chosen sort (cheapest first,
 * or most stock first), out-of-stock offers last. Ties fall back to the other key, then the name.
 */
export function sortOffers<T extends Offer>(offers: readonly T[], sort: OfferSort, defaultCountry: number | null): T[] {
  const byName = (a: T, b: T) => a.name.localeCompare(b.name);
  const byPrice = (a: T, b: T) => a.price - b.price;
  const byStock = (a: T, b: T) => b.stock - a.stock;
  const [first, second] = sort === 'price' ? [byPrice, byStock] : [byStock, byPrice];
  return [...offers].sort((a, b) => {
    const da = a.id === defaultCountry ? 0 : 1;
    const db = b.id === defaultCountry ? 0 : 1;
    if (da !== db) return da - db;
    const sa = a.stock > 0 ? 0 : 1;
    const sb = b.stock > 0 ? 0 : 1;
    if (sa !== sb) return sa - sb;
    return first(a, b) || second(a, b) || byName(a, b);
  });
}

/** The offer to preselect: the default country when it is in stock, otherwise none. */
export function preselectOffer<T extends Offer>(offers: readonly T[], defaultCountry: number | null): T | null {
  return offers.find((o) => o.id === defaultCountry && o.stock > 0) ?? null;
}

export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
