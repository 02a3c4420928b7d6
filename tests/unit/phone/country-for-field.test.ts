import { describe, expect, it } from 'vitest';
import type { FieldShape } from '../../../lib/messaging/protocol';
import { chooseOffer } from '../../../lib/engine/account/catalog';
import { countryNamed, countryShownBy, dialCodeAtStart, dialCodeOf, offersForField } from '../../../lib/phone/country-for-field';

const offer = (id: number, flag: string, price: number, stock = 10) => ({ id, flag, price, stock, name: flag, currency: 'USD' });
const US = offer(187, 'US', 0.43);
const CA = offer(36, 'CA', 0.38);
const GB = offer(16, 'GB', 0.3);
const IN = offer(22, 'IN', 0.1);
const LK = offer(64, 'LK', 0.05);
const RU = offer(0, 'RU', 0.2);
const KZ = offer(2, 'KZ', 0.15);
const offers = [US, CA, GB, IN, LK, RU, KZ];

/** The country every entry point buys for a field: one decision, as the background makes it. */
const buyFor = (field: FieldShape | undefined, defaultCountry: number | null = null, list = offers) =>
  chooseOffer(offersForField(list, field), defaultCountry)?.flag ?? null;

describe('dial codes and country names', () => {
  it('knows dial codes', () => {
    expect(dialCodeOf('US')).toBe('1');
    expect(dialCodeOf('gb')).toBe('44');
    expect(dialCodeOf('XX')).toBeUndefined();
    expect(dialCodeOf(undefined)).toBeUndefined();
  });

  it.each([
    ['+1', '1'],
    ['+1 (438) 576-9440', '1'],
    ['+14385769440', '1'],
    ['+447400123456', '44'],
    ['+7 (916', '7'],
    ['+380 50', '380'],
    [' +44', '44'],
  ])('reads the dial code at the start of %s', (text, code) => expect(dialCodeAtStart(text)).toBe(code));
  it.each(['', '438 576 9440', '+', '+0', 'tel: +1'])('finds none at the start of %s', (text) =>
    expect(dialCodeAtStart(text)).toBeUndefined(),
  );

  it.each([
    ['United States: +1', 'US'],
    ['Canada (+1)', 'CA'],
    ['Kazakhstan +7', 'KZ'],
    ['Deutschland', 'DE'],
    ['Россия', 'RU'],
  ])('reads the country named in %s', (text, iso) => expect(countryNamed(text)).toBe(iso));
  it('names no country in other texts', () => {
    expect(countryNamed('Choose a country')).toBeUndefined();
    expect(countryNamed('')).toBeUndefined();
  });
});

describe('the country a field shows', () => {
  it('from a flag class (ISO), with its dial code', () => {
    expect(countryShownBy({ countryControl: { kind: 'custom', selectedIso: 'CA' } })).toMatchObject({
      iso: 'CA',
      dialCode: '1',
      settable: false,
    });
  });
  it('from a trigger’s title naming the country', () => {
    expect(countryShownBy({ countryControl: { kind: 'custom', selectedDialCode: '1', selectedLabel: 'Canada: +1' } })).toMatchObject({
      iso: 'CA',
      dialCode: '1',
    });
  });
  it('from the dial code inside the widget’s own value', () => {
    expect(countryShownBy({ valueStart: '+44 ' })).toMatchObject({ iso: undefined, dialCode: '44' });
  });
  it('the widget’s value wins over a flag that says otherwise', () => {
    expect(countryShownBy({ valueStart: '+44', countryControl: { kind: 'custom', selectedIso: 'US' } })).toMatchObject({
      iso: undefined,
      dialCode: '44',
    });
  });
  it('a select’s options are alternatives the filler can choose', () => {
    const shown = countryShownBy({
      countryControl: {
        kind: 'select',
        selectedIso: 'US',
        options: [
          { value: 'US', dialCode: '', label: 'United States' },
          { value: 'GB', dialCode: '', label: 'United Kingdom' },
        ],
      },
    });
    expect(shown).toMatchObject({
      iso: 'US',
      settable: true,
      offered: [
        { iso: 'US', dialCode: '1' },
        { iso: 'GB', dialCode: '44' },
      ],
    });
  });
});

describe('which country to buy for a field (every entry point)', () => {
  it('no field, or a field showing no country: the user’s default, else the cheapest', () => {
    expect(buyFor(undefined)).toBe('LK');
    expect(buyFor({}, GB.id)).toBe('GB');
    expect(buyFor({ placeholder: 'Phone' })).toBe('LK');
  });

  it('a custom dropdown showing +1 never gets a +94 number (the context-menu bug)', () => {
    expect(buyFor({ countryControl: { kind: 'custom', selectedDialCode: '1' } })).toBe('CA'); // cheapest +1
  });

  it('+1 or +7 without a more specific country: the user’s default if it has that code, else the cheapest', () => {
    expect(buyFor({ countryControl: { kind: 'custom', selectedDialCode: '1' } }, US.id)).toBe('US');
    expect(buyFor({ countryControl: { kind: 'custom', selectedDialCode: '1' } }, GB.id)).toBe('CA');
    expect(buyFor({ countryControl: { kind: 'custom', selectedDialCode: '7' } })).toBe('KZ');
  });

  it('+1 or +7 with the country shown (flag class, title, option ISO): that country, even if dearer', () => {
    expect(buyFor({ countryControl: { kind: 'custom', selectedDialCode: '1', selectedIso: 'US' } })).toBe('US');
    expect(buyFor({ countryControl: { kind: 'custom', selectedDialCode: '7', selectedLabel: 'Russia (+7)' } })).toBe('RU');
    expect(
      buyFor({
        countryControl: {
          kind: 'select',
          selectedDialCode: '1',
          selectedIso: 'US',
          options: [
            { value: 'US', dialCode: '1', label: 'US +1' },
            { value: 'CA', dialCode: '1', label: 'CA +1' },
          ],
        },
      }),
    ).toBe('US');
  });

  it('a country shown only as a flag counts as the page’s country', () => {
    expect(buyFor({ countryControl: { kind: 'custom', selectedIso: 'GB' } })).toBe('GB');
  });

  it('the page’s country wins over the user’s default country', () => {
    expect(buyFor({ countryControl: { kind: 'custom', selectedIso: 'GB' } }, US.id)).toBe('GB');
    expect(
      buyFor(
        {
          countryControl: {
            kind: 'select',
            selectedIso: 'GB',
            options: [
              { value: 'GB', dialCode: '44', label: 'UK' },
              { value: 'US', dialCode: '1', label: 'US' },
            ],
          },
        },
        US.id,
      ),
    ).toBe('GB');
  });

  it('the dial code in the widget’s own value decides (react-phone-input-2)', () => {
    expect(buyFor({ valueStart: '+44 ' }, US.id)).toBe('GB');
  });

  it('a select whose country is out of stock: another country it offers (the user’s default first)', () => {
    const field: FieldShape = {
      countryControl: {
        kind: 'select',
        selectedDialCode: '44',
        options: [
          { value: '44', dialCode: '44', label: 'UK' },
          { value: '1', dialCode: '1', label: 'US/Canada' },
          { value: '91', dialCode: '91', label: 'India' },
        ],
      },
    };
    const noUk = offers.map((o) => (o.flag === 'GB' ? { ...o, stock: 0 } : o));
    expect(buyFor(field, null, noUk)).toBe('IN');
    expect(buyFor(field, US.id, noUk)).toBe('US');
  });

  it('a country the page fixes (a flag, a calling code in the field) and none in stock: nothing is bought', () => {
    const noUs = offers.filter((o) => o.flag !== 'US');
    expect(offersForField(noUs, { countryControl: { kind: 'custom', selectedIso: 'US' } })).toEqual([]);
    expect(buyFor({ valueStart: '+33' })).toBeNull();
    expect(
      buyFor({ countryControl: { kind: 'select', selectedDialCode: '33', options: [{ value: 'FR', dialCode: '33', label: 'France' }] } }),
    ).toBeNull();
  });

  it('a select showing no country yet: any country it offers', () => {
    expect(
      buyFor({
        countryControl: {
          kind: 'select',
          options: [
            { value: '', dialCode: '', label: 'Choose' },
            { value: 'GB', dialCode: '', label: 'United Kingdom' },
            { value: 'IN', dialCode: '', label: 'India' },
          ],
        },
      }),
    ).toBe('IN');
  });
});
