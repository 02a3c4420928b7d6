// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { detectFields } from '../../../lib/autofill/detect';

beforeEach(() => {
  document.body.replaceChildren();
});

const ids = (elements: HTMLElement[]) => elements.map((element) => element.id);

describe('detectFields', () => {
  it('ignores hidden, disabled and read-only fields', () => {
    document.body.innerHTML = `
      <label>Phone <input id="ok" type="tel"></label>
      <label>Phone <input type="tel" disabled></label>
      <label>Phone <input type="tel" readonly></label>
      <label>Phone <input type="tel" style="display:none"></label>
      <label>Phone <input type="hidden" name="phone"></label>`;
    expect(ids(detectFields(document).phoneFields.map((field) => field.element))).toEqual(['ok']);
  });

  it('scans only under the given root', () => {
    document.body.innerHTML =
      '<form id="a"><label>Phone <input id="p1"></label></form><form id="b"><label>Phone <input id="p2"></label></form>';
    expect(ids(detectFields(document.getElementById('b')!).phoneFields.map((field) => field.element))).toEqual(['p2']);
  });

  it('groups split boxes into one code field, in DOM order', () => {
    document.body.innerHTML = `
      <div class="row">${[1, 2, 3, 4, 5, 6].map((n) => `<span><input id="b${n}" maxlength="1"></span>`).join('')}</div>
      <label>Name <input id="name"></label>`;
    const { codeFields } = detectFields(document);
    expect(codeFields).toHaveLength(1);
    const [group] = codeFields;
    expect(group?.kind).toBe('split');
    if (group?.kind === 'split') expect(ids(group.elements)).toEqual(['b1', 'b2', 'b3', 'b4', 'b5', 'b6']);
  });

  it('keeps two rows of boxes apart when another field stands between them', () => {
    const row = (prefix: string) => `<div>${[1, 2, 3, 4].map((n) => `<input id="${prefix}${n}" maxlength="1">`).join('')}</div>`;
    document.body.innerHTML = `<div>${row('a')}<input id="between">${row('b')}</div>`;
    const groups = detectFields(document).codeFields.map((field) => (field.kind === 'split' ? ids(field.elements) : []));
    expect(groups).toEqual([
      ['a1', 'a2', 'a3', 'a4'],
      ['b1', 'b2', 'b3', 'b4'],
    ]);
  });

  it('does not group boxes of different containers', () => {
    document.body.innerHTML = '<section><div><div><input maxlength="1"></div></div></section>'.repeat(4);
    expect(detectFields(document).codeFields).toEqual([]);
  });

  it('reports why a field was chosen', () => {
    document.body.innerHTML = '<label>Mobile <input name="phone" type="tel"></label><input autocomplete="one-time-code">';
    const { phoneFields, codeFields } = detectFields(document);
    expect(phoneFields[0]).toMatchObject({ reason: 'label+identifier+type=tel', score: 9 });
    expect(codeFields[0]).toMatchObject({ kind: 'single', reason: 'autocomplete=one-time-code' });
    expect(phoneFields[0]!.snapshot.name).toBe('phone');
  });

  it('prefers a code over a phone for a short field that could be either', () => {
    document.body.innerHTML = '<label>SMS code <input id="c" type="tel" maxlength="6"></label>';
    expect(detectFields(document)).toMatchObject({ phoneFields: [], codeFields: [{ kind: 'single' }] });
  });

  it('walks open shadow roots, even nested', () => {
    document.body.innerHTML = '<x-outer></x-outer>';
    const outer = document.querySelector('x-outer')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<x-inner></x-inner><label>Phone <input id="outer-phone"></label>';
    outer.querySelector('x-inner')!.attachShadow({ mode: 'open' }).innerHTML = '<label>Verification code <input id="inner-code"></label>';
    const detection = detectFields(document);
    expect(ids(detection.phoneFields.map((field) => field.element))).toEqual(['outer-phone']);
    expect(detection.codeFields.map((field) => (field.kind === 'single' ? field.element.id : ''))).toEqual(['inner-code']);
  });

  it('skips frames it may not read, silently', () => {
    document.body.innerHTML = '<iframe></iframe><label>Phone <input id="p"></label>';
    Object.defineProperty(document.querySelector('iframe')!, 'contentDocument', {
      get() {
        throw new DOMException('Blocked a frame with origin', 'SecurityError');
      },
    });
    expect(ids(detectFields(document).phoneFields.map((field) => field.element))).toEqual(['p']);
  });

  it('returns plain, serializable snapshots', () => {
    document.body.innerHTML = '<label>Phone <input type="tel"></label>';
    const { snapshot } = detectFields(document).phoneFields[0]!;
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(JSON.parse(JSON.stringify({ ...snapshot })));
    expect(Object.getPrototypeOf(snapshot)).toBe(Object.prototype);
  });

  // Issue 18: split numbers, extensions, table labels, captchas.
  const partNames = (document: Document) =>
    detectFields(document).phoneFields.map((phone) => (phone.parts ?? [phone.element]).map((part) => part.name));

  it('leaves an extension box out of a split number', () => {
    document.body.innerHTML = `<form><p>Phone <input name="phone1" maxlength="3"> <input name="phone2" maxlength="3"> <input name="phone3" maxlength="4">
      <input name="phone1ext" maxlength="4"></p><p>Email <input name="email"></p></form>`;
    expect(partNames(document)).toEqual([['phone1', 'phone2', 'phone3']]);
  });

  it('leaves a short box labelled "Ext" out, whatever its name says', () => {
    document.body.innerHTML =
      '<form><p>Phone <input name="ph1" maxlength="3"><input name="ph2" maxlength="3"><input name="ph3" maxlength="4"> Ext. <input name="phonePrefix" maxlength="4"></p></form>';
    expect(partNames(document)).toEqual([['ph1', 'ph2', 'ph3']]);
  });

  it('keeps a country code box beside the parts as the country control, not a part', () => {
    document.body.innerHTML = `<form><p>Phone +<input name="cc" maxlength="3" aria-label="Country code">
      (<input name="phone_area" maxlength="3">) <input name="phone_prefix" maxlength="3">-<input name="phone_line" maxlength="4"></p></form>`;
    const [phone] = detectFields(document).phoneFields;
    expect(phone?.parts?.map((part) => part.name)).toEqual(['phone_area', 'phone_prefix', 'phone_line']);
    expect(phone?.countryControl?.element.getAttribute('name')).toBe('cc');
  });

  it("joins an area code box and one long box (Apple's form)", () => {
    document.body.innerHTML =
      '<form><div><label>Area code <input name="areaCode" maxlength="3"></label><label>Phone number <input name="phoneNumber" type="tel"></label></div></form>';
    const [phone] = detectFields(document).phoneFields;
    expect(phone?.parts?.map((part) => part.name)).toEqual(['areaCode', 'phoneNumber']);
    expect(phone?.partShapes).toEqual([{ role: 'area', length: 3 }, { role: 'local' }]);
  });

  it('does not join two whole numbers, nor a number and the next row', () => {
    document.body.innerHTML = `<form><div><label>Phone <input name="a" type="tel"></label> <label>Mobile <input name="b" type="tel"></label></div>
      <div>Phone <input name="c1" maxlength="3"><input name="c2" maxlength="3"><input name="c3" maxlength="4"></div>
      <div>Other phone <input name="d1" maxlength="3"><input name="d2" maxlength="3"><input name="d3" maxlength="4"> Mobile <input name="e" type="tel"></div></form>`;
    expect(partNames(document)).toEqual([['a'], ['b'], ['c1', 'c2', 'c3'], ['d1', 'd2', 'd3'], ['e']]);
  });

  it('a box the page hides among the parts is no part (it would collect digits out of sight)', () => {
    document.body.innerHTML =
      '<form><p>Phone <input name="p1" maxlength="3"><input name="p2" maxlength="3"><input name="p3" maxlength="4"><input name="spy" maxlength="4" style="display:none"></p></form>';
    expect(partNames(document)).toEqual([['p1', 'p2', 'p3']]);
  });

  it('reads a label in the table cell before the field, in Indonesian', () => {
    document.body.innerHTML = `<form><table>
      <tr><td>Nama</td><td><div><span><input name="f1"></span></div></td></tr>
      <tr><td>Nomor Telepon</td><td><div><span><input name="f2"></span></div></td></tr>
      <tr><td>Nomor rekening</td><td><div><span><input name="f3" type="tel"></span></div></td></tr>
      <tr><td>Kode pos</td><td><div><span><input name="f4" type="tel"></span></div></td></tr></table></form>`;
    expect(partNames(document)).toEqual([['f2']]);
  });

  it('a "Verification code" on a form with no phone field and no SMS step is a captcha', () => {
    document.body.innerHTML = `<form id="a"><label>Username <input name="u"></label><label>Password <input type="password" name="p"></label>
      <label>Verification code <input name="vc" maxlength="6"></label><button>Sign up</button></form>`;
    expect(detectFields(document).codeFields).toEqual([]);
  });

  it('a "Verification code" is the SMS code on a code step that says it was sent, or beside a phone field', () => {
    document.body.innerHTML = `<form id="a"><p>We sent a code to +1 ••• ••• 0123.</p><label>Verification code <input name="a" maxlength="6"></label></form>
      <form id="b"><label>Phone <input name="phone" type="tel"></label><label>Verification code <input name="b" maxlength="6"></label></form>
      <form id="c"><label>Verification code <input name="c" maxlength="6"></label><input type="button" value="Resend code"></form>`;
    expect(detectFields(document).codeFields.map((field) => (field.kind === 'single' ? field.element.name : ''))).toEqual(['a', 'b', 'c']);
  });
});
