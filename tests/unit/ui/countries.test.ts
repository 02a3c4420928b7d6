import { describe, expect, it } from 'vitest';
import { countryChoices, countryInfo, filterOffers, preselectOffer, sortOffers, type Offer } from '../../../lib/ui/countries';

const offer = (id: number, name: string, price: number, stock: number, flag?: string): Offer => ({
  id,
  name,
  price,
  stock,
  currency: 'USD',
  ...(flag ? { flag } : {}),
});
const offers = [
  offer(187, 'USA', 0.43, 338400, 'US'),
  offer(6, 'Malaysia', 0.12, 50, 'MY'),
  offer(16, 'Egypt', 0.12, 900, 'EG'),
  offer(20, 'France', 0.9, 0, 'FR'),
  offer(129, 'Germany', 0.6, 5000, 'DE'),
];
const ids = (list: Offer[]) => list.map((o) => o.id);

describe('sortOffers', () => {
  it('sorts by price, cheapest first; equal prices by stock; out of stock last', () => {
    expect(ids(sortOffers(offers, 'price', null))).toEqual([16, 6, 187, 129, 20]);
  });
  it('sorts by stock, most first; out of stock last', () => {
    expect(ids(sortOffers(offers, 'stock', null))).toEqual([187, 129, 16, 6, 20]);
  });
  it('puts the default country first whatever the sort', () => {
    expect(ids(sortOffers(offers, 'price', 129))[0]).toBe(129);
    expect(ids(sortOffers(offers, 'stock', 6))[0]).toBe(6);
    // Even out of stock: the user sees why their usual country is not available.
    expect(ids(sortOffers(offers, 'price', 20))[0]).toBe(20);
  });
  it('does not change the list it was given', () => {
    const copy = [...offers];
    sortOffers(offers, 'price', 187);
    expect(offers).toEqual(copy);
  });
});

describe('filterOffers', () => {
  it('matches a part of the name, ignoring case and accents, or the exact id or ISO code', () => {
    expect(ids(filterOffers(offers, 'ger'))).toEqual([129]);
    expect(ids(filterOffers([offer(1, 'Curaçao', 1, 1)], 'curacao'))).toEqual([1]);
    expect(ids(filterOffers(offers, '187'))).toEqual([187]);
    expect(ids(filterOffers(offers, 'us'))).toEqual([187]);
    expect(filterOffers(offers, '  ')).toHaveLength(offers.length);
  });
});

describe('preselectOffer', () => {
  it('preselects the default country only when it has stock', () => {
    expect(preselectOffer(offers, 187)?.id).toBe(187);
    expect(preselectOffer(offers, 20)).toBeNull();
    expect(preselectOffer(offers, null)).toBeNull();
  });
});

describe('countryInfo', () => {
  it('prefers loaded offers, then the common table, then the bare id', () => {
    expect(countryInfo(187)).toEqual({ id: 187, name: 'USA', iso2: 'US' });
    expect(countryInfo(999, new Map([[999, { name: 'Atlantis', flag: 'AT' }]]))).toEqual({ id: 999, name: 'Atlantis', iso2: 'AT' });
    expect(countryInfo(998)).toEqual({ id: 998, name: '#998' });
    expect(countryInfo('28')?.name).toBe('United Kingdom');
    expect(countryInfo(null)).toBeNull();
  });
  it('shows a country the server named by text as that text', () => {
    expect(countryInfo('England')).toEqual({ id: NaN, name: 'England' });
  });
});

describe('countryChoices', () => {
  it('lists the common table and the loaded countries by name, the loaded names winning', () => {
    const known = new Map([
      [28, { name: 'England', flag: 'GB' }],
      [48, { name: 'Netherlands', flag: 'NL' }],
    ]);
    const list = countryChoices(known);
    expect(list.find((c) => c.id === 28)).toEqual({ id: 28, name: 'England', iso2: 'GB' });
    expect(list.find((c) => c.id === 48)).toEqual({ id: 48, name: 'Netherlands', iso2: 'NL' });
    const names = list.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
  it('keeps a chosen country that nothing else knows, by its id', () => {
    expect(countryChoices(new Map(), 4242).find((c) => c.id === 4242)?.name).toBe('#4242');
  });
  it("puts the table's Russia before the API's second id for Russia", () => {
    const russias = countryChoices(new Map([[0, { name: 'Russia', flag: 'RU' }]])).filter((c) => c.iso2 === 'RU');
    expect(russias.map((c) => c.id)).toEqual([1, 0]);
  });
});
