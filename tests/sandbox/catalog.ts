import { toCents, type Cents } from './money.ts';
import { unitHash } from './random.ts';

/**
 * What NumPool sells: services, countries and their operators, per-country
 * prices and stock, rental services and durations. Fixed data and pure
 * functions: the catalog does not depend on the run's seed, so prices seen in
 * one run (or written in a test) hold in every run.
 */

export interface Service {
  id: string;
  name: string;
  domain: string;
}

/** The spec's table, in its order (left column, then right column). */
export const SERVICES: readonly Service[] = [
  { id: 'wa', name: 'WhatsApp', domain: 'whatsapp.com' },
  { id: 'tg', name: 'Telegram', domain: 'telegram.org' },
  { id: 'fb', name: 'Facebook', domain: 'facebook.com' },
  { id: 'go', name: 'Google', domain: 'google.com' },
  { id: 'tw', name: 'Twitter / X', domain: 'x.com' },
  { id: 'cn', name: 'Fiverr', domain: 'fiverr.com' },
  { id: 'ig', name: 'Instagram', domain: 'instagram.com' },
  { id: 'lf', name: 'TikTok', domain: 'tiktok.com' },
  { id: 'am', name: 'Amazon', domain: 'amazon.com' },
  { id: 'ds', name: 'Discord', domain: 'discord.com' },
  { id: 'ts', name: 'PayPal', domain: 'paypal.com' },
  { id: 'wx', name: 'Apple', domain: 'apple.com' },
  { id: 'ub', name: 'Uber', domain: 'uber.com' },
  { id: 'nf', name: 'Netflix', domain: 'netflix.com' },
  { id: 'tn', name: 'Snapchat', domain: 'snapchat.com' },
  { id: 'vi', name: 'Viber', domain: 'viber.com' },
  { id: 'fu', name: 'Lazada', domain: 'lazada.com' },
  { id: 'mo', name: 'Shopee', domain: 'shopee.com' },
  { id: 'dp', name: 'Steam', domain: 'steampowered.com' },
  { id: 'bw', name: 'Binance', domain: 'binance.com' },
  { id: 'ok', name: 'OKX', domain: 'okx.com' },
  { id: 'oi', name: 'OLX', domain: 'olx.com' },
  { id: 'ka', name: 'KuCoin', domain: 'kucoin.com' },
  { id: 'ab', name: 'Bybit', domain: 'bybit.com' },
  { id: 'ya', name: 'Yahoo', domain: 'yahoo.com' },
  { id: 'vk', name: 'VK', domain: 'vk.com' },
  { id: 'li', name: 'LinkedIn', domain: 'linkedin.com' },
  { id: 'mm', name: 'Microsoft', domain: 'microsoft.com' },
];

/** Price band of a country: 1 cheap (large SIM farms) to 3 dear (US, Western Europe). */
type Tier = 1 | 2 | 3;

export interface Country {
  id: number;
  name: string;
  /** ISO 3166-1 alpha-2, the `flag` field. */
  iso2: string;
  tier: Tier;
  /** Carrier preferences accepted by POST /buy; ANY_OPERATOR first. */
  operators: readonly string[];
}

/** The operator value meaning "no preference". */
export const ANY_OPERATOR = 'any';

const c = (id: number, name: string, iso2: string, tier: Tier, carriers: readonly string[]): Country => ({
  id,
  name,
  iso2,
  tier,
  operators: [ANY_OPERATOR, ...carriers],
});

/**
 * The spec's countries with the spec's ids, then more real countries under ids
 * the spec does not use.
 *
 * The spec gives two lists that disagree, and a faithful sandbox serves both,
 * so a client is tested against either reading:
 * - its example of `GET /countries` starts `{ "id": 0, "name": "Russia" },
 *   { "id": 28, "name": "England" }, { "id": 187, "name": "USA" }`: those come
 *   first here, as there. Id 0 is a real country id, falsy in JavaScript: a
 *   client that reads 0 as "no country" fails against it.
 * - its table says Russia is id 1 and 28 is "United Kingdom": id 1 is Russia
 *   too (the flag is RU for both), and 28 is named as the example names it
 *   (the flag is GB either way).
 */
export const COUNTRIES: readonly Country[] = [
  c(0, 'Russia', 'RU', 2, ['mts', 'beeline', 'megafon']),
  c(28, 'England', 'GB', 3, ['ee', 'vodafone', 'o2', 'three']),
  c(187, 'USA', 'US', 3, ['tmobile', 'verizon', 'att']),
  c(188, 'Canada', 'CA', 3, ['rogers', 'bell', 'telus']),
  c(13, 'Nigeria', 'NG', 1, ['mtn', 'glo', 'airtel']),
  c(17, 'India', 'IN', 1, ['jio', 'airtel', 'vi']),
  c(6, 'Malaysia', 'MY', 2, ['maxis', 'celcom', 'digi']),
  c(4, 'Philippines', 'PH', 1, ['globe', 'smart', 'dito']),
  c(5, 'Indonesia', 'ID', 1, ['telkomsel', 'indosat', 'xl']),
  c(9, 'Vietnam', 'VN', 1, ['viettel', 'vinaphone', 'mobifone']),
  c(16, 'Egypt', 'EG', 2, ['vodafone', 'orange', 'etisalat']),
  c(20, 'France', 'FR', 3, ['orange', 'sfr', 'bouygues', 'free']),
  c(129, 'Germany', 'DE', 3, ['telekom', 'vodafone', 'o2']),
  c(143, 'Spain', 'ES', 3, ['movistar', 'vodafone', 'orange']),
  c(142, 'Italy', 'IT', 3, ['tim', 'vodafone', 'windtre']),
  c(151, 'Thailand', 'TH', 2, ['ais', 'dtac', 'truemove']),
  c(158, 'Australia', 'AU', 3, ['telstra', 'optus', 'vodafone']),
  c(25, 'Brazil', 'BR', 2, ['vivo', 'claro', 'tim']),
  c(1, 'Russia', 'RU', 2, ['mts', 'beeline', 'megafon']),
  c(2, 'Ukraine', 'UA', 2, ['kyivstar', 'vodafone', 'lifecell']),
  c(117, 'Kenya', 'KE', 1, ['safaricom', 'airtel', 'telkom']),
  c(15, 'Poland', 'PL', 2, ['orange', 'play', 'plus']),
  c(48, 'Netherlands', 'NL', 3, ['kpn', 'vodafone', 'odido']),
  c(46, 'Sweden', 'SE', 3, ['telia', 'tele2', 'telenor']),
  c(120, 'Portugal', 'PT', 3, ['meo', 'nos', 'vodafone']),
  c(32, 'Romania', 'RO', 2, ['orange', 'vodafone', 'digi']),
  c(54, 'Mexico', 'MX', 2, ['telcel', 'att', 'movistar']),
  c(33, 'Colombia', 'CO', 2, ['claro', 'movistar', 'tigo']),
  c(152, 'Chile', 'CL', 2, ['entel', 'movistar', 'claro']),
  c(31, 'South Africa', 'ZA', 2, ['vodacom', 'mtn', 'cellc']),
  c(38, 'Ghana', 'GH', 1, ['mtn', 'telecel', 'airteltigo']),
  c(37, 'Morocco', 'MA', 2, ['maroctelecom', 'orange', 'inwi']),
  c(66, 'Pakistan', 'PK', 1, ['jazz', 'zong', 'telenor']),
  c(60, 'Bangladesh', 'BD', 1, ['grameenphone', 'robi', 'banglalink']),
  c(62, 'Turkey', 'TR', 2, ['turkcell', 'vodafone', 'turktelekom']),
  c(23, 'Israel', 'IL', 3, ['cellcom', 'partner', 'pelephone']),
  c(70, 'Kazakhstan', 'KZ', 2, ['beeline', 'kcell', 'tele2']),
  c(24, 'Cambodia', 'KH', 1, ['cellcard', 'smart', 'metfone']),
  c(34, 'Myanmar', 'MM', 1, ['mpt', 'atom', 'ooredoo']),
  c(14, 'Hong Kong', 'HK', 3, ['csl', 'smartone', 'three']),
  c(64, 'Sri Lanka', 'LK', 1, ['dialog', 'mobitel', 'airtel']),
];

export const USA_ID = 187;
/** The spec's example id for Russia: falsy, so worth offering everywhere. */
export const ZERO_ID = 0;

/** Price range in dollars per tier. */
const TIER_PRICE_RANGE: Readonly<Record<Tier, [min: number, max: number]>> = {
  1: [0.05, 0.35],
  2: [0.1, 0.8],
  3: [0.25, 2.0],
};
/** Share of service/country pairs the provider does not offer at all (absent from the list; buy is a 400). */
const NOT_OFFERED_SHARE = 0.15;
/** Share of pairs offered but sold out (also absent from the list, which shows only countries in stock). */
const SOLD_OUT_SHARE = 0.05;
/** Share of in-stock pairs with a small stock, as real providers show. */
const LOW_STOCK_SHARE = 0.1;

/** Values the spec shows, kept exact so its examples read true against the sandbox. */
const SPEC_OFFERS: Readonly<Record<string, { price: number; stock: number }>> = {
  'wa:187': { price: 0.43, stock: 338_400 },
};

export interface Offer {
  service: Service;
  country: Country;
  priceCents: Cents;
  /** Stock when the sandbox starts; the store tracks it from there. */
  initialStock: number;
}

const servicesById = new Map(SERVICES.map((s) => [s.id, s]));
const countriesById = new Map(COUNTRIES.map((country) => [country.id, country]));

export function findService(id: string): Service | undefined {
  return servicesById.get(id);
}

export function findCountry(id: number): Country | undefined {
  return countriesById.get(id);
}

/**
 * The offer for a service in a country, or undefined when the provider does not
 * offer it. Derived from a hash of the pair, so it is the same in every run.
 * The USA and id 0 are offered for every service, so tests and the spec's
 * examples always have a country to buy in, and id 0 can always be tested.
 */
export function findOffer(serviceId: string, countryId: number): Offer | undefined {
  const service = findService(serviceId);
  const country = findCountry(countryId);
  if (!service || !country) return undefined;
  const pair = `${service.id}:${country.id}`;
  const spec = SPEC_OFFERS[pair];
  if (spec) return { service, country, priceCents: toCents(spec.price), initialStock: spec.stock };

  const availability = unitHash(`offer:${pair}`);
  const alwaysOffered = country.id === USA_ID || country.id === ZERO_ID;
  if (!alwaysOffered && availability < NOT_OFFERED_SHARE) return undefined;
  const soldOut = !alwaysOffered && availability < NOT_OFFERED_SHARE + SOLD_OUT_SHARE;

  const [min, max] = TIER_PRICE_RANGE[country.tier];
  const priceCents = toCents(min + unitHash(`price:${pair}`) * (max - min));
  const stockRoll = unitHash(`stock:${pair}`);
  const initialStock = soldOut
    ? 0
    : stockRoll < LOW_STOCK_SHARE
      ? 1 + Math.floor((stockRoll / LOW_STOCK_SHARE) * 99)
      : 1_000 + Math.floor(stockRoll * stockRoll * 500_000);
  return { service, country, priceCents, initialStock };
}

/** Every offer of a service, sold out or not, in catalog order. */
export function offersFor(serviceId: string): Offer[] {
  return COUNTRIES.flatMap((country) => findOffer(serviceId, country.id) ?? []);
}

// ---- Rentals: US numbers only, as the spec says ("US Number Rentals").

export const RENTAL_DURATIONS = [
  { duration: 'oneDay', days: 1 },
  { duration: 'threeDay', days: 3 },
  { duration: 'sevenDay', days: 7 },
  { duration: 'fourteenDay', days: 14 },
  { duration: 'thirtyDay', days: 30 },
] as const;
export type RentalDurationKey = (typeof RENTAL_DURATIONS)[number]['duration'];

/** Discord's prices (the spec shows oneDay 1.20 and sevenDay 4.50); longer rentals cost less per day. */
const BASE_RENTAL_PRICES: Readonly<Record<RentalDurationKey, number>> = {
  oneDay: 1.2,
  threeDay: 2.4,
  sevenDay: 4.5,
  fourteenDay: 8.0,
  thirtyDay: 15.0,
};

export interface RentalService {
  /** Lowercase slug, as the spec's examples ("discord"); not the verification ids. */
  service: string;
  name: string;
  /** Multiplies BASE_RENTAL_PRICES. */
  priceFactor: number;
}

export const RENTAL_SERVICES: readonly RentalService[] = [
  { service: 'discord', name: 'Discord', priceFactor: 1 },
  { service: 'google', name: 'Google', priceFactor: 1.25 },
  { service: 'telegram', name: 'Telegram', priceFactor: 1.1 },
  { service: 'whatsapp', name: 'WhatsApp', priceFactor: 1.5 },
  { service: 'facebook', name: 'Facebook', priceFactor: 1 },
  { service: 'tinder', name: 'Tinder', priceFactor: 1.35 },
  { service: 'uber', name: 'Uber', priceFactor: 0.9 },
  { service: 'amazon', name: 'Amazon', priceFactor: 1.15 },
];

/** The SMS template to use for a rental service's messages (see sms-templates.ts). */
export const RENTAL_TEMPLATE_KEYS: Readonly<Record<string, string>> = {
  discord: 'ds',
  google: 'go',
  telegram: 'tg',
  whatsapp: 'wa',
  facebook: 'fb',
  tinder: 'tinder',
  uber: 'ub',
  amazon: 'am',
};

export function findRentalService(slug: string): RentalService | undefined {
  return RENTAL_SERVICES.find((s) => s.service === slug);
}

export interface RentalPrice {
  duration: RentalDurationKey;
  days: number;
  priceCents: Cents;
}

export function rentalPrices(service: RentalService): RentalPrice[] {
  return RENTAL_DURATIONS.map(({ duration, days }) => ({
    duration,
    days,
    priceCents: toCents(BASE_RENTAL_PRICES[duration] * service.priceFactor),
  }));
}
