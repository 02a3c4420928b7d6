// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { CountryOption } from '../../../lib/phone/field-shape';
import { formatNumberForField } from '../../../lib/phone/format-for-field';

const US = '+12015550123';
const UK = '+447400123456';
const IN = '+919812345678';
const RU = '+79161234567';
const DE = '+4915123456789';

/** A country select as detection reports it: value, dial code digits, label. */
const DIAL_SELECT: CountryOption[] = [
  { value: 'US', dialCode: '1', label: 'United States (+1)' },
  { value: 'GB', dialCode: '44', label: 'United Kingdom (+44)' },
  { value: 'IN', dialCode: '91', label: 'India (+91)' },
  { value: 'RU', dialCode: '7', label: 'Russia (+7)' },
  { value: 'DE', dialCode: '49', label: 'Germany (+49)' },
];

describe('formatNumberForField without a country control', () => {
  it.each([US, UK, IN, RU, DE])('writes %s in full international form', (number) => {
    expect(formatNumberForField(number, {})).toEqual({ value: number });
  });

  it('follows a national placeholder', () => {
    expect(formatNumberForField(US, { placeholder: '(201) 555-0123' }).value).toBe('(201) 555-0123');
    expect(formatNumberForField(UK, { placeholder: 'e.g. 07700 900123' }).value).toBe('07400 123456');
    expect(formatNumberForField(UK, { placeholder: '07700900123' }).value).toBe('07400123456');
    expect(formatNumberForField(RU, { placeholder: '8 (___) ___-__-__' }).value).toBe('8 (916) 123-45-67');
    expect(formatNumberForField(DE, { placeholder: '0151 23456789' }).value).toBe('01512 3456789');
  });

  it('follows an international placeholder', () => {
    expect(formatNumberForField(US, { placeholder: '+1 201 555 0123' }).value).toBe('+1 201 555 0123');
    expect(formatNumberForField(IN, { placeholder: '+91 98765 43210' }).value).toBe('+91 98123 45678');
    expect(formatNumberForField(UK, { placeholder: '+447700900123' }).value).toBe(UK);
  });

  it('ignores placeholders without a sample number', () => {
    expect(formatNumberForField(UK, { placeholder: 'Your mobile number' }).value).toBe(UK);
  });

  it('drops the + and then the country code when the number would not fit', () => {
    expect(formatNumberForField(US, { maxLength: 11 }).value).toBe('12015550123');
    expect(formatNumberForField(US, { maxLength: 10 }).value).toBe('2015550123');
    expect(formatNumberForField(UK, { maxLength: 11 }).value).toBe('07400123456');
    expect(formatNumberForField(IN, { maxLength: 10 }).value).toBe('9812345678');
    expect(formatNumberForField(RU, { maxLength: 10 }).value).toBe('9161234567');
  });

  it('keeps the placeholder form when it fits, and falls back when it does not', () => {
    expect(formatNumberForField(US, { placeholder: '(201) 555-0123', maxLength: 14 }).value).toBe('(201) 555-0123');
    expect(formatNumberForField(US, { placeholder: '(201) 555-0123', maxLength: 10 }).value).toBe('2015550123');
  });

  it('satisfies the pattern', () => {
    expect(formatNumberForField(US, { pattern: '[0-9]{10}' }).value).toBe('2015550123');
    expect(formatNumberForField(UK, { pattern: '0[0-9]{10}' }).value).toBe('07400123456');
    expect(formatNumberForField(DE, { pattern: '\\+[0-9]{8,15}' }).value).toBe(DE);
    expect(formatNumberForField(IN, { pattern: '\\d{10}' }).value).toBe('9812345678');
  });

  it('ignores an invalid pattern', () => {
    expect(formatNumberForField(US, { pattern: '([0-9' }).value).toBe(US);
  });
});

describe('formatNumberForField with a country control', () => {
  it.each([
    [US, 'US', '2015550123'],
    [UK, 'GB', '7400123456'],
    [IN, 'IN', '9812345678'],
    [RU, 'RU', '9161234567'],
    [DE, 'DE', '15123456789'],
  ])('selects the option of %s and writes the national digits', (number, option, value) => {
    expect(formatNumberForField(number, { countryControl: { selectedDialCode: '1', options: DIAL_SELECT } })).toEqual({
      value,
      countryOption: option,
    });
  });

  it('prefers the option naming the country among those sharing a code', () => {
    const options: CountryOption[] = [
      { value: 'ca', dialCode: '1', label: 'Canada +1' },
      { value: 'us', dialCode: '1', label: 'United States +1' },
    ];
    expect(formatNumberForField(US, { countryControl: { options } }).countryOption).toBe('us');
    expect(formatNumberForField('+14165550123', { countryControl: { options } }).countryOption).toBe('ca');
  });

  it('matches options that carry only ISO codes', () => {
    const options: CountryOption[] = [
      { value: 'DE', dialCode: '', label: 'Deutschland' },
      { value: 'GB', dialCode: '', label: 'Großbritannien' },
    ];
    expect(formatNumberForField(UK, { countryControl: { options } })).toEqual({ value: '7400123456', countryOption: 'GB' });
  });

  it('follows the placeholder among national forms', () => {
    const countryControl = { options: DIAL_SELECT };
    expect(formatNumberForField(UK, { countryControl, placeholder: '7400 123456' }).value).toBe('7400 123456');
    expect(formatNumberForField(UK, { countryControl, placeholder: '07400 123456' }).value).toBe('07400 123456');
    expect(formatNumberForField(US, { countryControl, placeholder: '(201) 555-0123' }).value).toBe('(201) 555-0123');
    expect(formatNumberForField(RU, { countryControl, placeholder: '(999) 999-99-99' }).value).toBe('916 123 45 67');
  });

  it('never writes the country code again when the page sets it', () => {
    expect(formatNumberForField(UK, { countryControl: { options: DIAL_SELECT }, placeholder: '+44 7400 123456' }).value).not.toMatch(/^\+/);
  });

  it('writes national digits next to a custom dropdown showing the right code', () => {
    expect(formatNumberForField(RU, { countryControl: { selectedDialCode: '7' } })).toEqual({ value: '9161234567' });
  });

  it('writes the international form when the control shows another country and cannot be set', () => {
    expect(formatNumberForField(US, { countryControl: { selectedDialCode: '44' } })).toEqual({ value: US });
    expect(formatNumberForField(US, { countryControl: { options: DIAL_SELECT.slice(1) } })).toEqual({ value: US });
  });
});

it('refuses what is not a phone number', () => {
  expect(() => formatNumberForField('12345', {})).toThrow(TypeError);
  expect(() => formatNumberForField('+1', {})).toThrow(TypeError);
});

describe('formatNumberForField into a widget that keeps the dial code in its value (#12 point 1)', () => {
  const CA_NUMBER = '+14385769440';
  const SV_NUMBER = '+50370123456';

  it('writes the international form when the value starts with +code (react-phone-input-2)', () => {
    // National digits "438…" would be read as Austria (+43), "7012…" after +503 as another country.
    const flag = { kind: 'custom' as const, selectedDialCode: '1', selectedIso: 'CA' };
    expect(formatNumberForField(CA_NUMBER, { valueStart: '+1', countryControl: flag }).value).toBe(CA_NUMBER);
    expect(formatNumberForField(CA_NUMBER, { valueStart: '+1', placeholder: '+1 (702) 123-4567', countryControl: flag }).value).toBe(
      '+1 438 576 9440',
    );
    expect(formatNumberForField(SV_NUMBER, { valueStart: '+503 ' }).value).toMatch(/^\+503/);
  });

  it('writes the international form when the placeholder starts with +code next to a flag dropdown (intl-tel-input, national mode off)', () => {
    expect(
      formatNumberForField(CA_NUMBER, { placeholder: '+1 506-234-5678', countryControl: { kind: 'custom', selectedIso: 'CA' } }).value,
    ).toBe('+1 438 576 9440');
  });

  it('keeps national digits next to a flag dropdown that carries the code itself (dial code beside the flag)', () => {
    const { value } = formatNumberForField(CA_NUMBER, {
      placeholder: '506-234-5678',
      countryControl: { kind: 'custom', selectedDialCode: '1', selectedIso: 'CA' },
    });
    expect(value).not.toMatch(/^\+/);
    expect(value.replace(/\D/g, '')).toBe('4385769440');
  });

  it('reads a flag-only dropdown’s country from its ISO code or title', () => {
    expect(formatNumberForField(UK, { countryControl: { kind: 'custom', selectedIso: 'GB' } }).value).toBe('7400123456');
    expect(formatNumberForField(UK, { countryControl: { kind: 'custom', selectedLabel: 'United Kingdom' } }).value).toBe('7400123456');
    expect(formatNumberForField(UK, { countryControl: { kind: 'custom', selectedIso: 'US' } }).value).toBe(UK);
  });
});

describe('formatNumberForField into a number split over boxes', () => {
  const TH = '+66812345678';
  const PH = '+639171234567';
  it('writes the national form with its trunk prefix when the boxes are exactly as long as it', () => {
    expect(formatNumberForField(TH, { maxLength: 3, partLengths: [3, 3, 4] }).value).toBe('081 234 5678');
    expect(formatNumberForField(PH, { maxLength: 4, partLengths: [4, 3, 4] }).value).toBe('0917 123 4567');
    expect(formatNumberForField(UK, { partLengths: [5, 6] }).value).toBe('07400 123456');
  });
  it('writes the international form when the boxes are as long as the number without its trunk prefix, or one is of unknown length', () => {
    expect(formatNumberForField(US, { maxLength: 3, partLengths: [3, 3, 4] }).value).toBe('+1 201 555 0123');
    expect(formatNumberForField(TH, { maxLength: 2, partLengths: [2, 3, 4] }).value).toBe('+66 81 234 5678');
    expect(formatNumberForField(TH, { partLengths: [3, 0] }).value).toBe('+66 81 234 5678');
    expect(formatNumberForField(TH, { maxLength: 3 }).value).toBe('+66 81 234 5678');
  });
});
