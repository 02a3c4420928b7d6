import { describe, expect, it } from 'vitest';
import { dialCodeOf, offersForField } from '../../../lib/phone/country-for-field';

const offers = [
  { id: 187, flag: 'US', price: 0.43 },
  { id: 16, flag: 'GB', price: 0.3 },
  { id: 22, flag: 'IN', price: 0.1 },
  { id: 64, flag: 'LK', price: 0.05 },
];

describe('which offers a phone field can take', () => {
  it('knows dial codes', () => {
    expect(dialCodeOf('US')).toBe('1');
    expect(dialCodeOf('gb')).toBe('44');
    expect(dialCodeOf('XX')).toBeUndefined();
    expect(dialCodeOf(undefined)).toBeUndefined();
  });

  it('keeps the country the page shows', () => {
    expect(offersForField(offers, { selectedDialCode: '44' }).map((o) => o.id)).toEqual([16]);
  });

  it('else the countries the page offers', () => {
    expect(offersForField(offers, { options: [{ dialCode: '1' }, { dialCode: '91' }] }).map((o) => o.id)).toEqual([187, 22]);
  });

  it('else everything (no control, or nothing in common)', () => {
    expect(offersForField(offers, undefined)).toHaveLength(4);
    expect(offersForField(offers, { selectedDialCode: '7', options: [{ dialCode: '7' }] })).toHaveLength(4);
  });
});
