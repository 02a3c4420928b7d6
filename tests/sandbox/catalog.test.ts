import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { COUNTRIES, RENTAL_SERVICES, SERVICES, USA_ID, findOffer, findRentalService, offersFor, rentalPrices } from './catalog.ts';
import { generateNumber } from './phone-numbers.ts';
import { Rng } from './random.ts';
import { extractCode, freshCode, smsTemplate } from './sms-templates.ts';

describe('catalog', () => {
  it('has the 28 services of the spec with their real domains', () => {
    const domains = Object.fromEntries(SERVICES.map((s) => [s.id, s.domain]));
    expect(domains).toEqual({
      wa: 'whatsapp.com',
      tg: 'telegram.org',
      fb: 'facebook.com',
      go: 'google.com',
      tw: 'x.com',
      ig: 'instagram.com',
      lf: 'tiktok.com',
      am: 'amazon.com',
      ds: 'discord.com',
      ts: 'paypal.com',
      wx: 'apple.com',
      ub: 'uber.com',
      nf: 'netflix.com',
      tn: 'snapchat.com',
      vi: 'viber.com',
      fu: 'lazada.com',
      mo: 'shopee.com',
      dp: 'steampowered.com',
      cn: 'fiverr.com',
      bw: 'binance.com',
      ok: 'okx.com',
      oi: 'olx.com',
      ka: 'kucoin.com',
      ab: 'bybit.com',
      ya: 'yahoo.com',
      vk: 'vk.com',
      li: 'linkedin.com',
      mm: 'microsoft.com',
    });
  });

  it("has the spec's countries under the spec's ids (its example's and its table's), and more", () => {
    const names = new Map(COUNTRIES.map((c) => [c.id, c.name]));
    // The example of GET /countries, in its order.
    expect(COUNTRIES.slice(0, 3).map((c) => [c.id, c.name])).toEqual([
      [0, 'Russia'],
      [28, 'England'],
      [187, 'USA'],
    ]);
    const spec: Array<[number, string]> = [
      [187, 'USA'],
      [28, 'England'],
      [188, 'Canada'],
      [13, 'Nigeria'],
      [17, 'India'],
      [6, 'Malaysia'],
      [4, 'Philippines'],
      [5, 'Indonesia'],
      [9, 'Vietnam'],
      [16, 'Egypt'],
      [20, 'France'],
      [129, 'Germany'],
      [143, 'Spain'],
      [142, 'Italy'],
      [151, 'Thailand'],
      [158, 'Australia'],
      [25, 'Brazil'],
      [1, 'Russia'],
      [2, 'Ukraine'],
      [117, 'Kenya'],
    ];
    for (const [id, name] of spec) expect(names.get(id)).toBe(name);
    expect(names.size).toBe(COUNTRIES.length); // ids are unique
    expect(COUNTRIES.length).toBeGreaterThanOrEqual(40);
    // One flag per country; Russia has two ids (0 in the example, 1 in the table).
    expect(new Set(COUNTRIES.map((c) => c.iso2)).size).toBe(COUNTRIES.length - 1);
  });

  it("keeps the spec's example offer: WhatsApp in the USA at 0.43 with 338400 in stock", () => {
    expect(findOffer('wa', USA_ID)).toMatchObject({ priceCents: 43, initialStock: 338_400 });
  });

  it('offers every service in the USA and in country 0, and leaves some countries out or sold out for some services', () => {
    const pairs = SERVICES.flatMap((s) => COUNTRIES.map((c) => findOffer(s.id, c.id)));
    for (const service of SERVICES) expect(findOffer(service.id, USA_ID)?.initialStock).toBeGreaterThan(0);
    for (const service of SERVICES) expect(findOffer(service.id, 0)?.initialStock).toBeGreaterThan(0);
    expect(pairs.filter((o) => o === undefined).length).toBeGreaterThan(50);
    expect(pairs.filter((o) => o?.initialStock === 0).length).toBeGreaterThan(10);
    expect(offersFor('wa').every((o) => o.priceCents >= 5 && o.priceCents <= 200)).toBe(true);
  });

  it('lists operators per country, "any" first', () => {
    for (const country of COUNTRIES) {
      expect(country.operators[0]).toBe('any');
      expect(country.operators.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('generates numbers that libphonenumber accepts as mobiles of the right country', () => {
    const rng = new Rng(1);
    for (const country of COUNTRIES) {
      for (let i = 0; i < 100; i++) {
        const number = generateNumber(country.iso2, rng);
        const parsed = parsePhoneNumberFromString(number);
        expect.soft(parsed?.isValid(), number).toBe(true);
        expect.soft(parsed?.country, number).toBe(country.iso2);
        expect.soft(['MOBILE', 'FIXED_LINE_OR_MOBILE'], number).toContain(parsed?.getType());
      }
    }
  });

  it('writes NANP numbers without fictional 555 or N11 exchanges', () => {
    const rng = new Rng(2);
    for (let i = 0; i < 2000; i++) {
      const exchange = generateNumber('US', rng).slice(5, 8);
      expect(exchange).toMatch(/^[2-9]\d\d$/);
      expect(exchange).not.toBe('555');
      expect(exchange.endsWith('11')).toBe(false);
    }
  });

  it('prices rentals like the spec (discord: oneDay 1.20, sevenDay 4.50), cheaper per day when longer', () => {
    const discord = findRentalService('discord');
    expect(discord && rentalPrices(discord)).toEqual([
      { duration: 'oneDay', days: 1, priceCents: 120 },
      { duration: 'threeDay', days: 3, priceCents: 240 },
      { duration: 'sevenDay', days: 7, priceCents: 450 },
      { duration: 'fourteenDay', days: 14, priceCents: 800 },
      { duration: 'thirtyDay', days: 30, priceCents: 1500 },
    ]);
    for (const service of RENTAL_SERVICES) {
      const perDay = rentalPrices(service).map((p) => p.priceCents / p.days);
      expect(perDay).toEqual([...perDay].sort((a, b) => b - a));
    }
  });
});

describe('SMS texts', () => {
  it('hold a code a client can find, for every service and rental service', () => {
    const rng = new Rng(3);
    for (const id of [...SERVICES.map((s) => s.id), 'tinder']) {
      const code = freshCode(id, rng);
      expect(code).toMatch(/^\d{4,8}$/);
      expect(extractCode(smsTemplate(id).text(code)), id).toBe(code);
    }
  });

  it('extract codes as written by senders', () => {
    expect(extractCode('Your WhatsApp code is 123-456')).toBe('123456');
    expect(extractCode('Use 123 456 to verify')).toBe('123456');
    expect(extractCode('G-482913 is your Google verification code.')).toBe('482913');
    expect(extractCode('Your Uber code is 0427.')).toBe('0427');
    expect(extractCode('Sale! 50% off today')).toBeUndefined();
    expect(extractCode('Call 123456789 now')).toBeUndefined();
  });
});
