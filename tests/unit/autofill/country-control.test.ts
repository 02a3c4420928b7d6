// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  countryVote,
  dialCodeOptions,
  findCustomCountryControl,
  parseDialCode,
  scoreCountryCodeField,
} from '../../../lib/autofill/country-control';
import { detectFields } from '../../../lib/autofill/detect';
import { THRESHOLD } from '../../../lib/autofill/evidence';
import { normalizeText } from '../../../lib/autofill/words';
import { field } from './helpers';

const select = (options: string[], overrides = {}) =>
  field({ tag: 'select', type: 'select', options: options.map((text, index) => ({ value: String(index), text })), ...overrides });

describe('parseDialCode', () => {
  it.each([
    ['+44', '44'],
    ['United Kingdom (+44)', '44'],
    ['+1-264 Anguilla', '1'],
    ['🇩🇪 +49', '49'],
    ['0049', '49'],
    ['+ 7', '7'],
  ])('reads %s', (text, code) => expect(parseDialCode(text)).toBe(code));
  it.each(['44', '2001', 'Germany', '+0', 'GMT+01:00', 'A+B'])('finds none in %s', (text) => expect(parseDialCode(text)).toBeUndefined());
});

describe('dialCodeOptions', () => {
  it('reads codes from texts or values', () => {
    expect(
      dialCodeOptions([
        { value: '+44', text: 'UK' },
        { value: 'DE', text: 'Germany (+49)' },
        { value: '', text: '' },
      ]),
    ).toEqual([
      { value: '+44', dialCode: '44', label: 'UK' },
      { value: 'DE', dialCode: '49', label: 'Germany (+49)' },
    ]);
  });
  it('reads bare digit values only for a known dial-code select', () => {
    const options = [{ value: '44', text: 'United Kingdom' }];
    expect(dialCodeOptions(options)[0]!.dialCode).toBe('');
    expect(dialCodeOptions(options, true)[0]!.dialCode).toBe('44');
  });
});

describe('scoreCountryCodeField', () => {
  it.each([
    ['a select of +N codes', select(['+1', '+44', '+49', '+7'])],
    ['a select of countries with codes', select(['Choose', 'Germany (+49)', 'Austria (+43)', 'Switzerland (+41)'])],
    ['a select by autocomplete', select(['United States', 'Canada'], { autocomplete: ['tel-country-code'] })],
    ['a select of countries for the phone', select(['Germany', 'France'], { name: 'phone_country' })],
    ['a short input labelled country code', field({ label: 'Country code', maxLength: 4 })],
    ['an input by autocomplete', field({ autocomplete: ['tel-country-code'] })],
    ['German Ländervorwahl', field({ label: 'Ländervorwahl', placeholder: '+49' })],
  ])('accepts %s', (_, snapshot) => expect(scoreCountryCodeField(snapshot).score).toBeGreaterThanOrEqual(THRESHOLD));

  it.each([
    ['a country select for the address', select(['Germany', 'France', 'Italy'], { name: 'country' })],
    ['a day select', select(['1', '2', '3', '4', '5'])],
    ['a select with few codes', select(['+1', 'Germany', 'France', 'Italy', 'Spain', 'Other'])],
    ['a long input labelled country code', field({ label: 'Phone number with country code', maxLength: 15 })],
    ['a short input without words', field({ maxLength: 4, placeholder: '+1' })],
  ])('rejects %s', (_, snapshot) => expect(scoreCountryCodeField(snapshot).score).toBeLessThan(THRESHOLD));

  it('needs both a phone word and a country word for a country choice', () => {
    expect(countryVote(normalizeText('mobileCountry'))).toBe(1);
    expect(countryVote(normalizeText('country'))).toBe(0);
    expect(countryVote(normalizeText('Country code'))).toBe(1);
  });
});

describe('country controls next to phone fields', () => {
  beforeEach(() => {
    document.body.replaceChildren();
  });

  it('pairs each phone with the nearest country select, not a farther one', () => {
    document.body.innerHTML = `
      <form>
        <div><select id="a"><option>+1</option><option>+44</option><option>+49</option></select><label>Phone <input id="p1"></label></div>
        <div><select id="b"><option>+1</option><option selected>+44</option><option>+49</option></select><label>Mobile <input id="p2"></label></div>
      </form>`;
    const { phoneFields, countryControls } = detectFields(document);
    expect(phoneFields.map((phone) => [phone.element.id, phone.countryControl?.element.id])).toEqual([
      ['p1', 'a'],
      ['p2', 'b'],
    ]);
    expect(countryControls.map((control) => control.selectedDialCode)).toEqual(['1', '44']);
    expect(countryControls[0]!.options?.map((option) => option.dialCode)).toEqual(['1', '44', '49']);
  });

  it('finds a custom dropdown showing the code', () => {
    document.body.innerHTML =
      '<div class="phone"><div role="combobox" aria-expanded="false"><span>🇬🇧</span> +44 ▾</div><input type="tel" id="p"></div>';
    const control = findCustomCountryControl(document.getElementById('p')!);
    expect(control).toMatchObject({ kind: 'custom', selectedDialCode: '44' });
    expect(control?.element.getAttribute('role')).toBe('combobox');
  });

  it('reads the code from the title of a flag-only trigger', () => {
    document.body.innerHTML =
      '<div><button type="button" class="selected-flag" title="United Kingdom: +44"><i class="flag gb"></i></button><input type="tel" id="p"></div>';
    expect(findCustomCountryControl(document.getElementById('p')!)?.selectedDialCode).toBe('44');
  });

  it('on a heavy page, checks the layout only of triggers that show a code or a flag, and never searches the whole page', () => {
    // A phone field right under <body> of a feed: thousands of buttons (some named like country pickers) a level up.
    const feed = '<article><button type="button">Like</button><button type="button" class="country-tag">Travel</button></article>'.repeat(
      2_000,
    );
    document.body.innerHTML = `<main>${feed}</main><aside><div><span role="button">🇬🇧 +44</span><input type="tel" id="p"></div></aside>`;
    const layoutReads = vi.spyOn(window, 'getComputedStyle');
    expect(findCustomCountryControl(document.getElementById('p')!)?.selectedDialCode).toBe('44');
    document.querySelector('span[role=button]')!.remove();
    expect(findCustomCountryControl(document.getElementById('p')!)).toBeUndefined();
    // Layout is read for the one trigger showing a code (and its ancestors), not for the feed's 4,000 buttons.
    expect(layoutReads.mock.calls.length).toBeLessThan(20);
    layoutReads.mockRestore();
  });

  it('ignores buttons that show no code or flag, and other forms', () => {
    document.body.innerHTML =
      '<form><div><button type="button">+ Add</button><button type="button">Send code</button><input type="tel" id="p"></div></form><form><button>+1</button></form>';
    expect(findCustomCountryControl(document.getElementById('p')!)).toBeUndefined();
  });
});
