// @vitest-environment jsdom
// What the page tells the background about a phone field's country: detection, then the shape sent.
import { beforeEach, describe, expect, it } from 'vitest';
import { detectFields } from '../../../lib/autofill/detect';
import { fieldShape } from '../../../lib/content/ask-background';
import { countryShownBy } from '../../../lib/phone/country-for-field';

const shapeOfFirstPhone = () => fieldShape(detectFields(document).phoneFields[0]!);

describe('the country a phone field shows, as sent to the background', () => {
  beforeEach(() => document.body.replaceChildren());

  it('a flag sprite class inside the trigger (intl-tel-input)', () => {
    document.body.innerHTML = `<div class="iti"><div class="iti__country-container"><button type="button" class="iti__selected-country" aria-expanded="false">
      <div class="iti__selected-country-primary"><div class="iti__flag iti__ca"></div><div class="iti__arrow"></div></div></button></div>
      <input type="tel" name="phone" placeholder="506-234-5678"></div>`;
    expect(shapeOfFirstPhone().countryControl).toMatchObject({ kind: 'custom', selectedIso: 'CA' });
  });

  it('a flag with a bare country class and the dial code in the value (react-phone-input-2)', () => {
    document.body.innerHTML = `<div class="react-tel-input"><input class="form-control" type="tel" placeholder="+1 (702) 123-4567" value="+1">
      <div class="flag-dropdown"><div class="selected-flag" title="Canada: + 1" tabindex="0" role="button"><div class="flag ca"><div class="arrow"></div></div></div></div></div>`;
    const shape = shapeOfFirstPhone();
    expect(shape).toMatchObject({ valueStart: '+1', countryControl: { kind: 'custom', selectedIso: 'CA', selectedDialCode: '1' } });
    expect(countryShownBy(shape)).toMatchObject({ iso: 'CA', dialCode: '1' });
  });

  it('a data-country code on the flag and the dial code in the value (react-international-phone)', () => {
    document.body.innerHTML = `<div class="react-international-phone-input-container"><div class="react-international-phone-country-selector">
      <button title="United Kingdom" role="combobox" aria-label="Country selector" aria-haspopup="listbox" type="button" class="react-international-phone-country-selector-button" data-country="gb">
      <img class="react-international-phone-flag-emoji" alt="" data-country="gb"></button></div>
      <input type="tel" id="phone" value="+44 "></div>`;
    expect(shapeOfFirstPhone()).toMatchObject({ valueStart: '+44 ', countryControl: { kind: 'custom', selectedIso: 'GB' } });
  });

  it('a flag emoji', () => {
    document.body.innerHTML =
      '<div><button type="button" aria-haspopup="listbox">🇰🇿 ▾</button><label>Phone <input type="tel"></label></div>';
    expect(shapeOfFirstPhone().countryControl).toMatchObject({ kind: 'custom', selectedIso: 'KZ' });
  });

  it('the ISO value of a country select (react-phone-number-input)', () => {
    document.body.innerHTML = `<div class="PhoneInput"><div class="PhoneInputCountry"><select aria-label="Phone number country" class="PhoneInputCountrySelect">
      <option value="ZZ">International</option><option value="CA">Canada</option><option value="US" selected>United States</option></select></div>
      <input type="tel" autocomplete="tel" class="PhoneInputInput"></div>`;
    expect(shapeOfFirstPhone().countryControl).toMatchObject({ kind: 'select', selectedIso: 'US', selectedLabel: 'United States' });
  });

  it('sends no value that does not start with a dial code', () => {
    document.body.innerHTML = '<label>Phone <input type="tel" value="438 576"></label>';
    expect(shapeOfFirstPhone().valueStart).toBeUndefined();
  });
});
