/**
 * Runs inside the page, bundled with the detector into one IIFE
 * (global `__numpoolBench`): the tools only evaluate `__numpoolBench.x()`
 * strings, so no tool code is serialized into the page.
 */
import { scoreCodeField } from '../../../lib/autofill/classify-code';
import { scorePhoneField } from '../../../lib/autofill/classify-phone';
import { scoreCountryCodeField } from '../../../lib/autofill/country-control';
import { detectFields } from '../../../lib/autofill/detect';
import { readSmsContext, snapshotField, type FieldSnapshot, type FormControl } from '../../../lib/autofill/field-snapshot';
import { fillCode, fillPhone } from '../../../lib/autofill/fill';
import { fieldShape } from '../../../lib/content/ask-background';
import type { FieldShape } from '../../../lib/messaging/protocol';

export interface FoundField {
  kind: 'phone' | 'country' | 'code';
  name: string;
  id: string;
  /** Index of the field's form among the page's `<form>` elements, -1 outside any form. */
  form: number;
  score: number;
  reason: string;
  selector: string;
  /** Phones: the selector of their country control. */
  countryControl?: string;
  /** Codes split over boxes: the number of boxes. */
  boxes?: number;
  /** Phones split over boxes: the number of boxes (each box is reported). */
  parts?: number;
}

/** What detection finds in the current page, in plain data. */
export function reportDetection(): FoundField[] {
  const detection = detectFields(document);
  const found: FoundField[] = [];
  const add = (
    kind: FoundField['kind'],
    element: HTMLElement,
    verdict: { score: number; reason: string },
    extra: Partial<FoundField> = {},
  ) =>
    found.push({
      kind,
      name: element.getAttribute('name') ?? '',
      id: element.id,
      form: formIndex(element),
      score: verdict.score,
      reason: verdict.reason,
      selector: selectorOf(element),
      ...extra,
    });
  for (const phone of detection.phoneFields) {
    for (const part of phone.parts ?? [phone.element]) {
      add('phone', part, phone, {
        ...(phone.countryControl ? { countryControl: selectorOf(phone.countryControl.element) } : {}),
        ...(phone.parts ? { parts: phone.parts.length } : {}),
      });
    }
  }
  for (const control of detection.countryControls) add('country', control.element, control);
  for (const code of detection.codeFields) {
    if (code.kind === 'single') add('code', code.element, code);
    else for (const box of code.elements) add('code', box, code, { boxes: code.elements.length });
  }
  return found;
}

/**
 * Differences between detection and the page's own expectations
 * (`data-expect="phone|country|code|none"`, `data-expect-country` naming the
 * phone's country control id, `data-expect-split` on a row of N code boxes),
 * across shadow roots and same-origin frames. Empty when they agree.
 */
export function expectationMismatches(): string[] {
  const found = new Map<Element, string>();
  const detection = detectFields(document);
  const mismatches: string[] = [];
  for (const phone of detection.phoneFields) {
    for (const part of phone.parts ?? [phone.element]) found.set(part, 'phone');
    const expectedCountry = phone.element.dataset.expectCountry;
    if ((phone.countryControl?.element.id || undefined) !== expectedCountry) {
      mismatches.push(
        `${selectorOf(phone.element)}: country control ${phone.countryControl ? selectorOf(phone.countryControl.element) : 'none'}, expected ${expectedCountry ?? 'none'}`,
      );
    }
  }
  for (const control of detection.countryControls) found.set(control.element, 'country');
  for (const code of detection.codeFields) {
    const elements = code.kind === 'split' ? code.elements : [code.element];
    for (const element of elements) found.set(element, 'code');
    const row = elements[0]!.closest<HTMLElement>('[data-expect-split]');
    if (
      code.kind === 'split' &&
      (Number(row?.dataset.expectSplit) !== elements.length || !elements.every((element) => row!.contains(element)))
    ) {
      mismatches.push(`${selectorOf(elements[0]!)}: a row of ${elements.length} boxes, expected ${row?.dataset.expectSplit ?? 'none'}`);
    }
  }
  const expected = expectedElements(document);
  for (const element of expected) {
    const kind = element.dataset.expect === 'none' ? undefined : element.dataset.expect;
    if (found.get(element) !== kind)
      mismatches.push(`${selectorOf(element)}: found ${found.get(element) ?? 'nothing'}, expected ${kind ?? 'nothing'}`);
  }
  for (const [element, kind] of found) {
    if (!expected.includes(element as HTMLElement)) mismatches.push(`${selectorOf(element)}: found ${kind}, expected nothing`);
  }
  return mismatches;
}

/** One labelled or found field of a fixture page: the kind it is expected as (or none), the kind found (or none). */
export interface FixtureField {
  where: string;
  expected: FoundField['kind'] | null;
  found: FoundField['kind'] | null;
  /** Phones: expected as a part of a split number (one of several phone boxes of a `data-fill-number` row), found as one. */
  expectedPart?: boolean;
  foundPart?: boolean;
}

/** Every field a fixture page labels (`data-expect`) or detection finds, with both verdicts. */
export function fixtureFields(): FixtureField[] {
  const found = new Map<Element, FoundField['kind']>();
  const parts = new Set<Element>();
  for (const field of reportDetectionElements()) {
    found.set(field.element, field.kind);
    if (field.part) parts.add(field.element);
  }
  const expected = expectedElements(document);
  const expectedPart = (element: Element) =>
    (element.closest('[data-fill-number]')?.querySelectorAll('[data-expect=phone]').length ?? 0) > 1;
  const fields: FixtureField[] = expected.map((element) => {
    const kind = element.dataset.expect === 'none' ? null : (element.dataset.expect as FoundField['kind']);
    return {
      where: selectorOf(element),
      expected: kind,
      found: found.get(element) ?? null,
      expectedPart: kind === 'phone' && expectedPart(element),
      foundPart: parts.has(element),
    };
  });
  for (const [element, kind] of found) {
    if (!expected.includes(element as HTMLElement))
      fields.push({ where: selectorOf(element), expected: null, found: kind, foundPart: parts.has(element) });
  }
  return fields;
}

function reportDetectionElements(): { element: Element; kind: FoundField['kind']; part?: boolean }[] {
  const detection = detectFields(document);
  return [
    ...detection.phoneFields.flatMap((phone) =>
      (phone.parts ?? [phone.element]).map((element) => ({ element, kind: 'phone' as const, part: !!phone.parts })),
    ),
    ...detection.countryControls.map((control) => ({ element: control.element, kind: 'country' as const })),
    ...detection.codeFields.flatMap((code) =>
      (code.kind === 'split' ? code.elements : [code.element]).map((element) => ({ element, kind: 'code' as const })),
    ),
  ];
}

function expectedElements(root: Document | ShadowRoot): HTMLElement[] {
  const elements = Array.from(root.querySelectorAll<HTMLElement>('[data-expect]'));
  for (const element of Array.from(root.querySelectorAll('*'))) {
    if (element.shadowRoot) elements.push(...expectedElements(element.shadowRoot));
    const frameDocument = element.localName === 'iframe' ? (element as HTMLIFrameElement).contentDocument : null;
    if (frameDocument) elements.push(...expectedElements(frameDocument));
  }
  return elements;
}

export interface FieldExplanation {
  snapshot: FieldSnapshot;
  phone: { score: number; reason: string };
  code: { score: number; reason: string };
  country: { score: number; reason: string };
}

/** Snapshot and every classifier's verdict for the controls named `name`: why a field was or was not found. */
export function explainField(name: string): FieldExplanation[] {
  return Array.from(document.querySelectorAll<FormControl>('input,select'))
    .filter((element) => element.name === name)
    .map((element) => {
      const snapshot = { ...snapshotField(element), smsContext: readSmsContext(element) };
      return { snapshot, phone: scorePhoneField(snapshot), code: scoreCodeField(snapshot), country: scoreCountryCodeField(snapshot) };
    });
}

/**
 * Median milliseconds of one `detectFields(document)` scan: `samples` batches
 * of `batch` scans each, after a warm-up (timers are coarse in browsers).
 */
export function medianScanMs(samples = 15, batch = 5): number {
  for (let run = 0; run < 3; run++) detectFields(document);
  const times: number[] = [];
  for (let sample = 0; sample < samples; sample++) {
    const start = performance.now();
    for (let run = 0; run < batch; run++) detectFields(document);
    times.push((performance.now() - start) / batch);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/**
 * Replaces the body with a page of about `elements` elements shaped like a
 * busy signup page: nested layout, labels, text inputs, selects, buttons.
 */
export function buildLargePage(elements: number): number {
  document.body.replaceChildren();
  const doc = document;
  let count = 0;
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, parent: Element, text?: string) => {
    const element = doc.createElement(tag);
    if (text) element.textContent = text;
    parent.append(element);
    count++;
    return element;
  };
  const words = ['First name', 'Last name', 'Email', 'Phone', 'Street', 'City', 'Postcode', 'Company', 'Code', 'Notes'];
  for (let section = 0; count < elements; section++) {
    const form = make('form', doc.body);
    make('h2', form, `Section ${section}`);
    for (let row = 0; row < 8 && count < elements; row++) {
      const wrapper = make('div', make('div', form));
      const label = make('label', wrapper, words[(section + row) % words.length]);
      const input = make(row % 5 === 4 ? 'select' : 'input', wrapper);
      input.id = label.htmlFor = `f${section}-${row}`;
      if (input instanceof HTMLSelectElement) for (let option = 0; option < 5; option++) make('option', input, `Option ${option}`);
      const hint = make('p', wrapper);
      make('span', hint, 'We never share this.');
      make('a', hint, 'Why?');
    }
    make('button', form, 'Continue');
  }
  return count;
}

function formIndex(element: HTMLElement): number {
  const form = (element as HTMLInputElement).form ?? element.closest('form');
  return form ? Array.from(element.ownerDocument.querySelectorAll('form')).indexOf(form) : -1;
}

/** A CSS path from the element's root, prefixed with the shadow host or frame when outside the top document. */
function selectorOf(element: Element): string {
  const steps: string[] = [];
  for (let node: Element | null = element; node && node.localName !== 'html'; node = node.parentElement) {
    if (node.id && /^[A-Za-z][\w-]*$/.test(node.id)) {
      steps.unshift(`#${node.id}`);
      break;
    }
    const parent = node.parentElement;
    const sameTag = parent ? Array.from(parent.children).filter((child) => child.localName === node!.localName) : [];
    steps.unshift(sameTag.length > 1 ? `${node.localName}:nth-of-type(${sameTag.indexOf(node) + 1})` : node.localName);
  }
  const root = element.getRootNode() as Document | ShadowRoot;
  const prefix =
    'host' in root
      ? `${selectorOf(root.host)} >> shadow >> `
      : root.defaultView?.frameElement
        ? `${selectorOf(root.defaultView.frameElement)} >> frame >> `
        : '';
  return prefix + steps.join(' > ');
}

/** The first phone field's shape, as the content script would send it to the background; null when none is found. */
export function firstPhoneShape(): FieldShape | null {
  const phone = detectFields(document).phoneFields[0];
  return phone ? fieldShape(phone) : null;
}

/** Fills the first phone field as the content script does with the background's answer. */
export function fillFirstPhone(formatted: { value: string; countryOption?: string }): boolean {
  const phone = detectFields(document).phoneFields[0];
  return !!phone && fillPhone(phone, formatted);
}

/** Fills the first code field as the content script does; false when none is found. */
export async function fillFirstCode(code: string): Promise<boolean> {
  const field = detectFields(document).codeFields[0];
  return !!field && (await fillCode(field, code));
}

/** What the page's widget holds by its own account (`window.__formState()` of the fixtures). */
export function widgetState(): unknown {
  return (window as { __formState?: () => unknown }).__formState?.() ?? null;
}

/** The phone field holding the element at `selector` (as itself or one of its parts), in a fresh scan. */
function phoneHolding(selector: string) {
  const element = document.querySelector(selector);
  return detectFields(document).phoneFields.find(
    (phone) => phone.element === element || phone.parts?.includes(element as HTMLInputElement),
  );
}

/** The shape the content script would send for the phone field holding `selector`; null when no phone field holds it. */
export function phoneShapeHolding(selector: string): FieldShape | null {
  const phone = phoneHolding(selector);
  return phone ? fieldShape(phone) : null;
}

/** Fills the phone field holding `selector` as the content script does with the background's answer. */
export function fillPhoneHolding(selector: string, formatted: { value: string; countryOption?: string }): boolean {
  const phone = phoneHolding(selector);
  return !!phone && fillPhone(phone, formatted);
}

/** The values of the controls at `selectors` (missing ones as null). */
export function valuesAt(selectors: string[]): (string | null)[] {
  return selectors.map((selector) => document.querySelector<HTMLInputElement | HTMLSelectElement>(selector)?.value ?? null);
}

/** A number a fixture page asks to be filled (`data-fill-number`) and the value each box must hold after (`data-expect-value`). */
export interface FillCase {
  number: string;
  /** A box of the phone field itself (not its country code box); the first box when absent. */
  anchor?: string;
  boxes: { selector: string; value: string }[];
}

export function fixtureFillCases(): FillCase[] {
  return Array.from(document.querySelectorAll<HTMLElement>('[data-fill-number]'), (container) => ({
    number: container.dataset.fillNumber!,
    anchor: selectorOf(container.querySelector('[data-expect=phone]') ?? container),
    boxes: Array.from(container.querySelectorAll<HTMLElement>('[data-expect-value]'), (box) => ({
      selector: selectorOf(box),
      value: box.dataset.expectValue!,
    })),
  }));
}
