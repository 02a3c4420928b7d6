// @vitest-environment jsdom
import { createOverlayHost } from '../../../lib/content/overlay';
import { afterEach, describe, expect, it } from 'vitest';
import { collectControls, shadowRootOf } from '../../../lib/autofill/collect-controls';
import { detectFields } from '../../../lib/autofill/detect';

/** What a content script sees: Chromium's `chrome.dom.openOrClosedShadowRoot`, here backed by the roots the test kept. */
const closedRoots = new WeakMap<Element, ShadowRoot>();
function attachClosed(host: Element, html: string): ShadowRoot {
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML = html;
  closedRoots.set(host, root);
  return root;
}
const globals = globalThis as { chrome?: unknown };
const fakeChrome = globals.chrome;

afterEach(() => {
  globals.chrome = fakeChrome;
  document.body.replaceChildren();
});

describe('closed shadow roots', () => {
  it('are read through chrome.dom.openOrClosedShadowRoot (Chromium)', () => {
    document.body.innerHTML = '<phone-field></phone-field>';
    attachClosed(document.querySelector('phone-field')!, '<label>Mobile number <input type="tel" id="p"></label>');
    globals.chrome = undefined;
    expect(detectFields(document).phoneFields).toHaveLength(0); // a page script cannot see inside
    globals.chrome = { dom: { openOrClosedShadowRoot: (element: Element) => closedRoots.get(element) ?? null } };
    const { phoneFields, shadowRoots } = detectFields(document);
    expect(phoneFields.map((field) => field.element.id)).toEqual(['p']);
    expect(shadowRoots).toHaveLength(1);
  });

  it('are read through element.openOrClosedShadowRoot (Firefox)', () => {
    document.body.innerHTML = '<code-field></code-field>';
    const host = document.querySelector('code-field')!;
    const root = attachClosed(host, '<input autocomplete="one-time-code">');
    Object.defineProperty(host, 'openOrClosedShadowRoot', { value: root });
    expect(collectControls(document)).toHaveLength(1);
  });

  it('never reads our own UI (a closed root on a plain div, which a page cannot define)', () => {
    const { host, root } = createOverlayHost('button', '');
    root.append(Object.assign(document.createElement('input'), { autocomplete: 'one-time-code' }));
    document.body.append(host);
    globals.chrome = { dom: { openOrClosedShadowRoot: () => root } };
    expect(host.localName).toBe('div');
    expect(shadowRootOf(host)).toBeNull();
    expect(collectControls(document)).toHaveLength(0);
  });
});
