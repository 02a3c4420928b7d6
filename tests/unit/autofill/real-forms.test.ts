// @vitest-environment jsdom
// Saved real forms with split phone numbers (tests/fixtures/forms/real): found as one number, filled part by part,
// through the same steps as the extension (the page's field shape, the background's format, the page's fill).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFields, type PhoneField } from '../../../lib/autofill/detect';
import { fillPhone } from '../../../lib/autofill/fill';
import { fieldShape } from '../../../lib/content/ask-background';
import { formatNumberForField } from '../../../lib/phone/format-for-field';
import { JSDOM } from './helpers';

const REAL = path.resolve(import.meta.dirname, '../../fixtures/forms/real');

/** A saved page as served, scripts off (its scripts and styles were not saved with it). */
function load(file: string): Document {
  return new JSDOM(readFileSync(path.join(REAL, file), 'utf8'), { pretendToBeVisual: true }).window.document;
}

function phoneWithPart(document: Document, name: string): PhoneField | undefined {
  return detectFields(document).phoneFields.find((phone) => phone.element.name === name || phone.parts?.some((part) => part.name === name));
}

/** Fills the phone field holding the box named `first` with `number`, as the extension would; the values of the named boxes after. */
function fillAndRead(document: Document, first: string, number: string, names: string[]): string[] {
  const phone = phoneWithPart(document, first);
  expect(phone, `a phone field with ${first}`).toBeDefined();
  fillPhone(phone!, formatNumberForField(number, fieldShape(phone!)));
  return names.map((name) => document.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!.value);
}

describe('saved real forms with split numbers', () => {
  it('northfieldlines.com: two 3/3/4 numbers labelled in the cell before, each its own number', () => {
    const document = load('formasaurus-349.html');
    const split = detectFields(document).phoneFields.map((phone) => phone.parts?.map((part) => part.name));
    expect(split).toEqual([
      ['phac', 'phex', 'phno'],
      ['mbac', 'mbex', 'mbno'],
    ]);
    expect(fillAndRead(document, 'mbac', '+12015550123', ['mbac', 'mbex', 'mbno', 'phac'])).toEqual(['201', '555', '0123', '']);
  });

  it('capitalbikeshare.com: the alternate number in the next row is not a fourth part of the first', () => {
    const document = load('formasaurus-457.html');
    const split = detectFields(document).phoneFields.map((phone) => phone.parts?.map((part) => part.name));
    expect(split).toEqual([
      ['areaCode', 'phonePrefix', 'phoneSuffix'],
      ['areaCode2', 'phonePrefix2', 'phoneSuffix2'],
    ]);
    expect(fillAndRead(document, 'areaCode', '+12015550123', ['areaCode', 'phonePrefix', 'phoneSuffix', 'areaCode2'])).toEqual([
      '201',
      '555',
      '0123',
      '',
    ]);
  });

  it('jotform (mistersofteect.com): an area code box without maxlength, then the rest in one long box', () => {
    const document = load('formasaurus-715.html');
    const phone = phoneWithPart(document, 'q9_phoneNumber9[area]');
    expect(phone?.parts?.map((part) => part.name)).toEqual(['q9_phoneNumber9[area]', 'q9_phoneNumber9[phone]']);
    expect(fillAndRead(document, 'q9_phoneNumber9[area]', '+12015550123', ['q9_phoneNumber9[area]', 'q9_phoneNumber9[phone]'])).toEqual([
      '201',
      '5550123',
    ]);
  });

  it('unito.it: the dial code select, the mobile prefix and the number, each in its box', () => {
    const document = load('formasaurus-212.html');
    const prefix = 'RegistrationFormController_2{actionForm.nationalPrefix}';
    const number = 'RegistrationFormController_2{actionForm.phoneNumber}';
    const select = 'RegistrationFormController_2wlw-select_key:{actionForm.internationalPrefix}';
    expect(fillAndRead(document, prefix, '+393331234567', [select, prefix, number])).toEqual(['0039', '333', '1234567']);
  });
});
