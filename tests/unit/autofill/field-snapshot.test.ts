// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { indexLabels, isVisible, snapshotField, type FormControl } from '../../../lib/autofill/field-snapshot';
import { normalizeText } from '../../../lib/autofill/words';

beforeEach(() => {
  document.body.replaceChildren();
});

const snapshotOf = (selector: string) => snapshotField(document.querySelector<FormControl>(selector)!);

describe('snapshotField', () => {
  it('reads the attributes', () => {
    document.body.innerHTML =
      '<input id="p" name="phone" type="tel" autocomplete="section-a Shipping TEL" placeholder=" 555 " inputmode="Tel" maxlength="15" minlength="7" pattern="[0-9]+">';
    expect(snapshotOf('input')).toMatchObject({
      tag: 'input',
      type: 'tel',
      name: 'phone',
      id: 'p',
      autocomplete: ['section-a', 'shipping', 'tel'],
      placeholder: '555',
      inputMode: 'tel',
      maxLength: 15,
      minLength: 7,
      pattern: '[0-9]+',
      visible: true,
      editable: true,
    });
  });

  it('leaves unset lengths out, and reports disabled and read-only fields', () => {
    document.body.innerHTML = '<input id="a" disabled><input id="b" readonly><input id="c" type="weird">';
    expect(snapshotOf('#a')).toMatchObject({ maxLength: undefined, minLength: undefined, editable: false });
    expect(snapshotOf('#b').editable).toBe(false);
    expect(snapshotOf('#c').type).toBe('text');
  });

  it('gathers every kind of label, without option texts', () => {
    document.body.innerHTML = `
      <span id="l1">Mobile <select><option>Germany</option></select></span><span id="l2">number</span>
      <label for="p">Phone</label>
      <label>Your <input id="p" aria-labelledby="l1 l2" aria-label="Tel" title="Hint"></label>`;
    expect(snapshotOf('#p').label).toBe('Mobile number Tel Hint Phone Your');
  });

  it('finds the same labels with an index of the root', () => {
    document.body.innerHTML =
      '<label for="p">Phone</label><label>Wrapped <input id="p"></label><label for="other">Other <input id="q"></label>';
    const index = indexLabels(document);
    for (const id of ['p', 'q']) {
      const input = document.getElementById(id) as HTMLInputElement;
      expect(snapshotField(input, { labelIndex: index }).label).toBe(snapshotField(input).label);
    }
  });

  it('takes the nearest text before the field, also from table cells', () => {
    document.body.innerHTML = `
      <table><tr><td>E-mail</td><td><input id="e"></td></tr><tr><td><b>Phone</b> number:</td><td><input id="p"></td></tr></table>
      <div><span>Code</span> <input id="c1"> <input id="c2"></div>`;
    expect(snapshotOf('#p').nearText).toBe('Phone number:');
    expect(snapshotOf('#c1').nearText).toBe('Code');
    // The text before #c1 labels #c1, not #c2.
    expect(snapshotOf('#c2').nearText).toBe('');
  });

  it('caps long texts and keeps their end, nearest the field', () => {
    document.body.innerHTML = `<div>${'lorem ipsum '.repeat(30)}Phone: <input></div>`;
    const { nearText } = snapshotOf('input');
    expect(nearText.length).toBeLessThanOrEqual(80);
    expect(nearText.endsWith('Phone:')).toBe(true);
  });

  it('lists select options', () => {
    document.body.innerHTML = '<select><option value="+1"> United States  (+1) </option><option value="+44">UK (+44)</option></select>';
    expect(snapshotOf('select')).toMatchObject({
      tag: 'select',
      type: 'select',
      maxLength: undefined,
      options: [
        { value: '+1', text: 'United States  (+1)' },
        { value: '+44', text: 'UK (+44)' },
      ],
    });
  });

  it('sees a captcha image next to the field, not a small icon', () => {
    document.body.innerHTML = `
      <article><div><input id="a"><img src="captcha.png"></div></article>
      <article><table><tr><td><img src="captcha.png"></td></tr><tr><td><input id="b"></td></tr></table></article>
      <article><section><div><img src="lock.svg" width="16"><input id="c"></div></section></article>`;
    expect(snapshotOf('#a').nearImage).toBe(true);
    expect(snapshotOf('#b').nearImage).toBe(true);
    expect(snapshotOf('#c').nearImage).toBe(false);
  });
});

describe('isVisible', () => {
  it('hides what styles, attributes and ancestors hide', () => {
    document.body.innerHTML = `
      <input id="shown">
      <input id="hidden-attr" hidden>
      <input id="type-hidden" type="hidden">
      <input id="display" style="display:none">
      <input id="visibility" style="visibility:hidden">
      <div style="display:none"><input id="ancestor"></div>`;
    const visible = Array.from(document.querySelectorAll('input'))
      .filter((input) => isVisible(input))
      .map((input) => input.id);
    expect(visible).toEqual(['shown']);
  });

  it('sees into shadow roots up to the host', () => {
    document.body.innerHTML = '<div id="host" style="display:none"></div>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<input>';
    expect(isVisible(root.querySelector('input')!)).toBe(false);
  });
});

describe('normalizeText', () => {
  it.each([
    ['userPhoneNumber', 'user phone number'],
    ['ctl00$Main$tbPhone', 'ctl 00 main tb phone'],
    ['q9_phoneNumber9[area]', 'q 9 phone number 9 area'],
    ['  Téléphone : * ', 'téléphone'],
    ['2FA-code', '2fa code'],
  ])('%s → %s', (text, normalized) => expect(normalizeText(text)).toBe(normalized));
});
