import { getCountries, getCountryCallingCode } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { numberDigits, spreadNumber } from '../../../lib/autofill/split-number';
import { formatNumberForField } from '../../../lib/phone/format-for-field';

describe('numberDigits', () => {
  it('tells every country calling code apart, as libphonenumber-js knows them', () => {
    for (const iso of getCountries()) {
      const code = getCountryCallingCode(iso);
      expect(numberDigits(`+${code}123456789`).dialCode, iso).toBe(code);
    }
  });

  it.each([
    ['+1 201-555-0123', { dialCode: '1', national: '2015550123', groups: ['201', '555', '0123'] }],
    ['+12015550123', { dialCode: '1', national: '2015550123', groups: ['2015550123'] }],
    ['+39 333 123 4567', { dialCode: '39', national: '3331234567', groups: ['333', '123', '4567'] }],
    ['+380 44 123 4567', { dialCode: '380', national: '441234567', groups: ['44', '123', '4567'] }],
    ['0044 20 7946 0958', { dialCode: '44', national: '2079460958', groups: ['20', '7946', '0958'] }],
    ['(201) 555-0123', { national: '2015550123', groups: ['201', '555', '0123'] }],
  ])('reads %s', (value, digits) => {
    expect(numberDigits(value)).toEqual(digits);
  });
});

describe('spreadNumber', () => {
  it.each([
    [
      '3/3/4 boxes',
      '+1 201-555-0123',
      [
        { role: 'local', length: 3 },
        { role: 'local', length: 3 },
        { role: 'local', length: 4 },
      ],
      ['201', '555', '0123'],
    ],
    [
      '3/3/4 boxes, unspaced',
      '+12015550123',
      [
        { role: 'local', length: 3 },
        { role: 'local', length: 3 },
        { role: 'local', length: 4 },
      ],
      ['201', '555', '0123'],
    ],
    [
      'a national value',
      '2015550123',
      [
        { role: 'local', length: 3 },
        { role: 'local', length: 3 },
        { role: 'local', length: 4 },
      ],
      ['201', '555', '0123'],
    ],
    ['an area code, then one long box', '+1 201-555-0123', [{ role: 'area', length: 3 }, { role: 'local' }], ['201', '5550123']],
    ['an area code of unknown length for +1', '+12015550123', [{ role: 'area' }, { role: 'local' }], ['201', '5550123']],
    ['a prefix box longer than the prefix', '+39 333 123 4567', [{ role: 'area', length: 4 }, { role: 'local' }], ['333', '1234567']],
    [
      'a London area code',
      '+44 20 7946 0958',
      [
        { role: 'area', length: 5 },
        { role: 'local', length: 8 },
      ],
      ['20', '79460958'],
    ],
  ] as const)('%s', (_, value, parts, expected) => {
    expect(spreadNumber(value, parts)).toEqual(expected);
  });

  it('gives up on a box of unknown length before the last', () => {
    expect(spreadNumber('+44 7400 123456', [{ role: 'local' }, { role: 'local', length: 6 }])).toBeUndefined();
  });

  it('spreads what the background sends for a first part (its shape is a 3-character box)', () => {
    const formatted = formatNumberForField('+12015550123', { maxLength: 3 });
    expect(numberDigits(formatted.value).dialCode).toBe('1');
    expect(
      spreadNumber(formatted.value, [
        { role: 'local', length: 3 },
        { role: 'local', length: 3 },
        { role: 'local', length: 4 },
      ]),
    ).toEqual(['201', '555', '0123']);
  });
});
