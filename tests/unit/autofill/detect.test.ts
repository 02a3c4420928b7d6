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
    document.body.innerHTML = '<form id="a"><label>Phone <input id="p1"></label></form><form id="b"><label>Phone <input id="p2"></label></form>';
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
});
