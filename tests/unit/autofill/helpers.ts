// Test helpers: snapshot builders for the pure predicates, and fixture pages loaded into jsdom.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FieldSnapshot } from '../../../lib/autofill/field-snapshot';

/** The part of jsdom's API used here (the project has no @types/jsdom). */
export interface JSDOM {
  window: Window & typeof globalThis;
}
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: {
    fromURL(url: string, options: Record<string, unknown>): Promise<JSDOM>;
    new (html: string, options?: Record<string, unknown>): JSDOM;
  };
};
export { JSDOM };

/** A snapshot of a visible, editable, unlabelled text input on a form with an SMS step, with the given differences. */
export function field(overrides: Partial<FieldSnapshot> = {}): FieldSnapshot {
  return {
    tag: 'input',
    type: 'text',
    name: '',
    id: '',
    autocomplete: [],
    placeholder: '',
    label: '',
    nearText: '',
    inputMode: '',
    pattern: '',
    visible: true,
    editable: true,
    nearImage: false,
    charBox: false,
    cardForm: false,
    loginForm: false,
    addressForm: false,
    // Most cases picture a field of a signup or code step; the captcha rule sets it false.
    smsContext: true,
    ...overrides,
  };
}

/** Vue is an optional dev dependency for now: its fixture is skipped without it. */
export const hasVue = existsSync(path.resolve(import.meta.dirname, '../../../node_modules/vue/dist/vue.global.prod.js'));

/** Loads a fixture page with its scripts and frames, and waits until it has rendered its fields. */
export async function loadFixture(origin: string, name: string): Promise<JSDOM> {
  const dom = await JSDOM.fromURL(`${origin}/forms/${name}`, { runScripts: 'dangerously', resources: 'usable', pretendToBeVisual: true });
  await new Promise<void>((resolve) => {
    if (dom.window.document.readyState === 'complete') resolve();
    else dom.window.addEventListener('load', () => resolve());
  });
  await waitFor(() => !!dom.window.document.querySelector('input, select, signup-card, iframe, button'));
  // Frameworks render on a later task.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return dom;
}

export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Elements carrying `data-expect`, across open shadow roots and same-origin frames. */
export function expectedElements(root: Document | ShadowRoot): HTMLElement[] {
  const found = Array.from(root.querySelectorAll<HTMLElement>('[data-expect]'));
  for (const element of Array.from(root.querySelectorAll('*'))) {
    if (element.shadowRoot) found.push(...expectedElements(element.shadowRoot));
    const frameDocument = (element as HTMLIFrameElement).contentDocument;
    if (element.localName === 'iframe' && frameDocument) found.push(...expectedElements(frameDocument));
  }
  return found;
}
