// @vitest-environment jsdom
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { detectFields, type CodeField, type PhoneField } from '../../../lib/autofill/detect';
import { fillCode, fillPhone, selectCountryOption, setFieldValue } from '../../../lib/autofill/fill';
import { fieldShape } from '../../../lib/content/ask-background';
import { formatNumberForField } from '../../../lib/phone/format-for-field';
import { serveFixtures, type FixtureServer } from '../../fixtures/serve';
import { hasVue, loadFixture } from './helpers';

beforeEach(() => {
  document.body.replaceChildren();
});

/**
 * What React does to a controlled input: an own `value` property records
 * what scripts assign, and `onChange` fires only when the DOM value differs
 * from that record. Returns the values its change handler saw.
 */
function trackLikeReact(input: HTMLInputElement): string[] {
  const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
  let tracked = input.value;
  Object.defineProperty(input, 'value', {
    configurable: true,
    get() {
      return native.get!.call(this);
    },
    set(value: string) {
      tracked = String(value);
      native.set!.call(this, value);
    },
  });
  const seen: string[] = [];
  input.addEventListener('input', () => {
    if (input.value !== tracked) {
      tracked = input.value;
      seen.push(input.value);
    }
  });
  return seen;
}

function html(markup: string): void {
  document.body.innerHTML = markup;
}

describe('setFieldValue', () => {
  it('reaches a React-style change handler, which a plain assignment does not', () => {
    html('<input id="a"><input id="b">');
    const [a, b] = Array.from(document.querySelectorAll('input'));
    const seenA = trackLikeReact(a!);
    const seenB = trackLikeReact(b!);
    setFieldValue(a!, '+447400123456');
    b!.value = '+447400123456';
    b!.dispatchEvent(new Event('input', { bubbles: true }));
    expect(seenA).toEqual(['+447400123456']);
    expect(seenB).toEqual([]);
  });

  it('fires bubbling input then change, with the value already set', () => {
    html('<form><input></form>');
    const events: string[] = [];
    for (const type of ['input', 'change']) {
      document.addEventListener(type, (event) => events.push(`${event.type}:${(event.target as HTMLInputElement).value}`));
    }
    expect(setFieldValue(document.querySelector('input')!, '42')).toBe(true);
    expect(events).toEqual(['input:42', 'change:42']);
  });

  it('reports a value the page refused', () => {
    html('<input>');
    const input = document.querySelector('input')!;
    input.addEventListener('input', () => {
      input.value = input.value.replace(/\D/g, '');
    });
    expect(setFieldValue(input, 'abc')).toBe(false);
  });
});

describe('selectCountryOption', () => {
  it('selects the option and fires change', () => {
    html('<select><option value="US">+1</option><option value="GB">+44</option></select>');
    const select = document.querySelector('select')!;
    const changes: string[] = [];
    select.addEventListener('change', () => changes.push(select.value));
    expect(selectCountryOption(select, 'GB')).toBe(true);
    expect(changes).toEqual(['GB']);
  });

  it('leaves the select alone for an unknown value', () => {
    html('<select><option value="US">+1</option></select>');
    expect(selectCountryOption(document.querySelector('select')!, 'FR')).toBe(false);
    expect(document.querySelector('select')!.value).toBe('US');
  });
});

describe('fillPhone', () => {
  it('chooses the country, fills the number and keeps focus on it', () => {
    html(
      '<form><select id="cc"><option value="+1">+1</option><option value="+44">+44</option><option value="+49">+49</option></select><label>Phone <input id="p" type="tel"></label></form>',
    );
    const phone = detectFields(document).phoneFields[0]!;
    const formatted = formatNumberForField('+447400123456', {
      countryControl: { selectedDialCode: phone.countryControl?.selectedDialCode, options: phone.countryControl?.options },
    });
    expect(fillPhone(phone, formatted)).toBe(true);
    expect(document.querySelector('select')!.value).toBe('+44');
    expect(phone.element.value).toBe('7400123456');
    expect(document.activeElement).toBe(phone.element);
  });

  it('spreads a split number over its parts', () => {
    html('<p>Phone <input maxlength="3"> <input maxlength="3"> <input maxlength="4"></p>');
    const phone = detectFields(document).phoneFields[0]!;
    expect(phone.parts).toHaveLength(3);
    expect(fillPhone(phone, { value: '+12015550123' })).toBe(true);
    expect(phone.parts!.map((part) => part.value)).toEqual(['201', '555', '0123']);
  });

  // Issue 18: the boxes' roles, not the last digits, decide what goes where.
  it('fills the country code box with the dial code and the boxes after it with the national number', () => {
    html(`<p>Phone +<input id="cc" maxlength="3" aria-label="Country code"> <input name="phone_area" maxlength="3">
      <input name="phone_prefix" maxlength="3"> <input name="phone_line" maxlength="4"> Ext. <input id="ext" maxlength="5"></p>`);
    const phone = detectFields(document).phoneFields[0]!;
    expect(fillPhone(phone, formatNumberForField('+12015550123', { maxLength: 3, countryControl: { kind: 'input' } }))).toBe(true);
    expect(['cc', 'ext'].map((id) => (document.getElementById(id) as HTMLInputElement).value)).toEqual(['1', '']);
    expect(phone.parts!.map((part) => part.value)).toEqual(['201', '555', '0123']);
  });

  it('fills 3/3/4 boxes with a Thai number and its trunk 0, as the page’s fields ask (081 / 234 / 5678)', () => {
    html('<p>Phone <input name="tel1" maxlength="3"> <input name="tel2" maxlength="3"> <input name="tel3" maxlength="4"></p>');
    const phone = detectFields(document).phoneFields[0]!;
    expect(fieldShape(phone).partLengths).toEqual([3, 3, 4]);
    expect(fillPhone(phone, formatNumberForField('+66812345678', fieldShape(phone)))).toBe(true);
    expect(phone.parts!.map((part) => part.value)).toEqual(['081', '234', '5678']);
  });

  it('fills 3/3/4 boxes followed by an extension box without shifting the digits', () => {
    html(
      '<p>Phone <input name="phone1" maxlength="3"><input name="phone2" maxlength="3"><input name="phone3" maxlength="4"><input name="phone1ext" maxlength="4"></p>',
    );
    const phone = detectFields(document).phoneFields[0]!;
    expect(fillPhone(phone, formatNumberForField('+12015550123', { maxLength: 3 }))).toBe(true);
    expect(Array.from(document.querySelectorAll('input'), (input) => input.value)).toEqual(['201', '555', '0123', '']);
  });
});

describe('fillCode', () => {
  function onlyCodeField(): CodeField {
    const { codeFields } = detectFields(document);
    expect(codeFields).toHaveLength(1);
    return codeFields[0]!;
  }

  it('fills a single field without separators and focuses the submit button', async () => {
    html('<form><label>SMS code <input maxlength="6"></label><button type="button">Resend</button><button>Verify</button></form>');
    expect(await fillCode(onlyCodeField(), '123-456')).toBe(true);
    expect(document.querySelector('input')!.value).toBe('123456');
    expect(document.activeElement?.textContent).toBe('Verify');
  });

  it('types one character per box in DOM order, like a keyboard, when a paste is not taken', async () => {
    html('<div><input maxlength="1"><input maxlength="1"><input maxlength="1"><input maxlength="1"></div>');
    const events: string[] = [];
    for (const type of ['keydown', 'keypress', 'input', 'keyup']) {
      document.addEventListener(type, (event) => {
        const box = Array.from(document.querySelectorAll('input')).indexOf(event.target as HTMLInputElement);
        events.push(`${box}:${event.type}:${(event as KeyboardEvent).key ?? (event.target as HTMLInputElement).value}`);
      });
    }
    expect(await fillCode(onlyCodeField(), '4821')).toBe(true);
    expect(Array.from(document.querySelectorAll('input'), (box) => box.value)).toEqual(['4', '8', '2', '1']);
    expect(events.slice(0, 4)).toEqual(['0:keydown:4', '0:keypress:4', '0:input:4', '0:keyup:4']);
    expect(events.filter((event) => event.includes(':input:'))).toEqual(['0:input:4', '1:input:8', '2:input:2', '3:input:1']);
    expect(document.activeElement).toBe(document.querySelectorAll('input')[3]);
  });

  it('types with the key codes older widgets filter on', async () => {
    html('<div><input maxlength="1"><input maxlength="1"><input maxlength="1"><input maxlength="1"></div>');
    const codes: number[] = [];
    document.addEventListener('keydown', (event) => {
      codes.push(event.keyCode);
      if (event.keyCode < 48 || event.keyCode > 57) event.preventDefault(); // "digits only", by key code
    });
    expect(await fillCode(onlyCodeField(), '4821')).toBe(true);
    expect(codes).toEqual([52, 56, 50, 49]);
  });

  it('waits for a widget that shows a paste it took a frame later, and types nothing over it', async () => {
    html('<div class="otp"><input maxlength="1"><input maxlength="1"><input maxlength="1"><input maxlength="1"></div>');
    const boxes = Array.from(document.querySelectorAll('input'));
    let typed = 0;
    document.addEventListener('keydown', () => typed++);
    document.querySelector('.otp')!.addEventListener('paste', (event) => {
      event.preventDefault();
      const text = (event as ClipboardEvent).clipboardData!.getData('text');
      setTimeout(() => boxes.forEach((box, index) => (box.value = text[index] ?? '')), 16);
    });
    expect(await fillCode(onlyCodeField(), '7305')).toBe(true);
    expect(typed).toBe(0);
  });

  it('pastes into a widget fed only by paste', async () => {
    html(
      '<div class="otp"><input maxlength="1"><input maxlength="1"><input maxlength="1"><input maxlength="1"><input maxlength="1"><input maxlength="1"></div>',
    );
    const boxes = Array.from(document.querySelectorAll('input'));
    // A widget fed only by paste: it clears anything typed into a box.
    for (const box of boxes) box.addEventListener('input', () => (box.value = ''));
    document.querySelector('.otp')!.addEventListener('paste', (event) => {
      const text = (event as ClipboardEvent).clipboardData!.getData('text');
      boxes.forEach((box, index) => {
        box.value = text[index] ?? '';
      });
    });
    expect(await fillCode(onlyCodeField(), '908172')).toBe(true);
    expect(boxes.map((box) => box.value).join('')).toBe('908172');
  });
});

describe('on fixture pages with their frameworks', () => {
  let server: FixtureServer;
  beforeAll(async () => {
    server = await serveFixtures();
  });
  afterAll(() => server.close());

  const phoneOf = (document: Document): PhoneField => detectFields(document).phoneFields[0]!;

  it('React sees the country and the phone number', async () => {
    const dom = await loadFixture(server.origin, 'react-signup.html');
    const phone = phoneOf(dom.window.document);
    const control = phone.countryControl!;
    const formatted = formatNumberForField('+447400123456', {
      countryControl: { selectedDialCode: control.selectedDialCode, options: control.options },
    });
    expect(formatted).toEqual({ value: '7400123456', countryOption: 'GB' });
    expect(fillPhone(phone, formatted)).toBe(true);
    expect(dom.window.__formState?.()).toMatchObject({ country: 'GB', phone: '7400123456' });
    dom.window.close();
  });

  it('React one-time-code boxes end up holding the code in React state', async () => {
    const dom = await loadFixture(server.origin, 'react-otp.html');
    const [code] = detectFields(dom.window.document).codeFields;
    expect(code?.kind).toBe('split');
    expect(await fillCode(code!, '135790')).toBe(true);
    expect(dom.window.__formState?.()).toEqual({ code: '135790' });
    expect(dom.window.document.activeElement?.textContent).toBe('Verify');
    dom.window.close();
  });

  it('a keydown-driven widget takes the code', async () => {
    const dom = await loadFixture(server.origin, 'split-8.html');
    const [code] = detectFields(dom.window.document).codeFields;
    expect(await fillCode(code!, '4B7K9Q2Z')).toBe(true);
    dom.window.close();
  });

  it('fields inside a same-origin iframe are filled with events of their own window', async () => {
    const dom = await loadFixture(server.origin, 'iframe.html');
    const { phoneFields, codeFields } = detectFields(dom.window.document);
    expect(fillPhone(phoneFields[0]!, { value: '+12015550123' })).toBe(true);
    expect(await fillCode(codeFields[0]!, '111222')).toBe(true);
    dom.window.close();
  });

  it.skipIf(!hasVue)('Vue sees the dial code, the phone number and the code', async () => {
    const dom = await loadFixture(server.origin, 'vue-signup.html');
    const detection = detectFields(dom.window.document);
    const phone = detection.phoneFields[0]!;
    const control = phone.countryControl!;
    fillPhone(
      phone,
      formatNumberForField('+4915123456789', { countryControl: { selectedDialCode: control.selectedDialCode, options: control.options } }),
    );
    await fillCode(detection.codeFields[0]!, '246810');
    expect(dom.window.__formState?.()).toEqual({ dial: '+49', phone: '15123456789', code: '246810' });
    dom.window.close();
  });
});
