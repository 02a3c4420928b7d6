/**
 * Puts values into page fields so that React, Vue and Angular see them: the
 * native value setter (frameworks shadow `value` on the element), then the
 * bubbling events a typing user would cause.
 */
import { codeElements, type CodeField, type PhoneField } from './detect';
import { numberDigits, spreadNumber, type PartShape } from './split-number';

type ValueControl = HTMLInputElement | HTMLSelectElement;

/**
 * Sets a field's value through the prototype's native setter, then fires
 * bubbling `input` and `change`. The input event says the whole value was
 * replaced (`insertReplacementText`, as browser autofill does): widgets read
 * an `insertText` as one typed character and drop the rest
 * (react-international-phone kept only "+44"). Returns whether the field
 * holds the value afterwards (a page may reformat or refuse it).
 */
export function setFieldValue(field: ValueControl, value: string, inputType = 'insertReplacementText'): boolean {
  nativeValueSetter(field).call(field, value);
  const view = viewOf(field);
  field.dispatchEvent(new view.InputEvent('input', { bubbles: true, composed: true, inputType, data: value }));
  field.dispatchEvent(new view.Event('change', { bubbles: true }));
  return field.value === value;
}

/** Selects the option with `value` in a country select, as a user would. */
export function selectCountryOption(select: HTMLSelectElement, value: string): boolean {
  if (!Array.from(select.options).some((option) => option.value === value)) return false;
  select.focus();
  return setFieldValue(select, value);
}

/**
 * Fills a phone field (first choosing the country option when the formatter
 * asked for one). A number split over parts is spread over them
 * (`+12015550123` → `201`, `555`, `0123`). Focus stays on the (last) phone
 * field, where the user goes on.
 */
export function fillPhone(field: PhoneField, formatted: { value: string; countryOption?: string }): boolean {
  const control = field.countryControl;
  if (formatted.countryOption !== undefined && control?.kind === 'select') {
    selectCountryOption(control.element as HTMLSelectElement, formatted.countryOption);
  }
  if (field.parts) return fillPhoneParts(field, formatted.value);
  field.element.focus();
  return setFieldValue(field.element, formatted.value);
}

/**
 * A split number: each box gets its part of the national number (see
 * {@link spreadNumber}); a country code box beside them (the page's country
 * control, an input) gets the dial code when the value carries one and the
 * box shows another or none. False, with nothing filled, when the boxes'
 * shapes cannot be read.
 */
function fillPhoneParts(field: PhoneField, value: string): boolean {
  const parts = field.parts!;
  const shapes =
    field.partShapes ??
    parts.map((part): PartShape => (part.maxLength > 0 ? { role: 'local', length: part.maxLength } : { role: 'local' }));
  const values = spreadNumber(value, shapes);
  if (!values) return false;
  const control = field.countryControl;
  const { dialCode } = numberDigits(value);
  let filled = true;
  if (control?.kind === 'input' && dialCode) {
    const box = control.element as HTMLInputElement;
    if (box.value.replace(/\D/g, '') !== dialCode) {
      box.focus();
      filled = setFieldValue(box, /^\s*\+/.test(box.value || box.placeholder) ? `+${dialCode}` : dialCode);
    }
  }
  return parts
    .map((part, index) => {
      part.focus();
      return setFieldValue(part, values[index]!);
    })
    .reduce((all, one) => all && one, filled);
}

/**
 * Fills an SMS code. Split boxes first get it pasted into the first box, as
 * a user pasting the SMS would (code widgets spread a paste over their
 * boxes, some a frame later); when the boxes do not hold it then, one
 * character per box in DOM order, typed (keydown, keypress, input, keyup),
 * a task apart as a keyboard would: some widgets (zag.js pin inputs) hang
 * when several boxes change in one task. Focus ends on the form's submit
 * button, else the last field. Resolves to whether the fields hold the code.
 */
export async function fillCode(field: CodeField, code: string): Promise<boolean> {
  const characters = withoutSeparators(code);
  let filled: boolean;
  if (field.kind === 'single') {
    field.element.focus();
    setFieldValue(field.element, characters);
    filled = withoutSeparators(field.element.value) === characters;
  } else {
    const handled = !pasteText(field.elements[0]!, characters);
    filled = boxesHold(field.elements, characters);
    if (!filled && handled) {
      await nextTask(PASTE_SETTLE_MS);
      filled = boxesHold(field.elements, characters);
    }
    for (let index = 0; !filled && index < field.elements.length; index++) {
      if (index > 0) await nextTask();
      typeCharacter(field.elements[index]!, characters[index] ?? '');
      if (index === field.elements.length - 1) filled = boxesHold(field.elements, characters);
    }
  }
  const last = codeElements(field).at(-1)!;
  (submitButtonOf(last) ?? last).focus();
  return filled;
}

/** How long a widget that took a paste may take to show it in its boxes (a frame or two). */
const PASTE_SETTLE_MS = 50;

function nextTask(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One keystroke into a box, as a browser reports it; a handled keydown or keypress means the page took the key. */
function typeCharacter(box: HTMLInputElement, character: string): void {
  box.focus();
  const taken = !keyEvent(box, 'keydown', character) || !keyEvent(box, 'keypress', character);
  if (!taken) setFieldValue(box, character, 'insertText');
  keyEvent(box, 'keyup', character);
}

/**
 * Dispatches a key event; returns false when a listener prevented the default. `keyCode`/`which`
 * are set as browsers set them: older widgets filter keys by code and refuse a key without one.
 */
function keyEvent(target: HTMLElement, type: string, key: string): boolean {
  const code = /\d/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`;
  const keyCode = key.toUpperCase().charCodeAt(0) || 0;
  return target.dispatchEvent(
    new (viewOf(target).KeyboardEvent)(type, {
      key,
      code,
      keyCode,
      which: keyCode,
      bubbles: true,
      cancelable: true,
      composed: true,
    } as KeyboardEventInit),
  );
}

/** A paste event carrying `text` as clipboard data; returns false when the page handled it (prevented the default). */
function pasteText(target: HTMLInputElement, text: string): boolean {
  const view = viewOf(target);
  target.focus();
  let event: Event;
  if (typeof view.DataTransfer === 'function') {
    const data = new view.DataTransfer();
    data.setData('text/plain', text);
    event = new view.ClipboardEvent('paste', { bubbles: true, cancelable: true, composed: true, clipboardData: data });
  } else {
    // Without DataTransfer (jsdom), the data hangs on the event itself.
    event = new view.Event('paste', { bubbles: true, cancelable: true, composed: true });
    Object.defineProperty(event, 'clipboardData', { value: { getData: () => text, types: ['text/plain'] } });
  }
  return target.dispatchEvent(event);
}

function boxesHold(boxes: HTMLInputElement[], characters: string): boolean {
  return boxes.map((box) => box.value).join('') === characters.slice(0, boxes.length);
}

/** Pages may show a code as `123 456`; the code is the same. */
function withoutSeparators(text: string): string {
  return text.replace(/[\s-]/g, '');
}

/** The enabled submit button of the field's form, if any. */
function submitButtonOf(field: HTMLInputElement): HTMLElement | null {
  return (
    field.form?.querySelector<HTMLElement>(
      'button[type=submit]:not(:disabled),button:not([type]):not(:disabled),input[type=submit]:not(:disabled)',
    ) ?? null
  );
}

/** The setter the element's own prototype chain defines, skipping any own property a framework put on the element. */
function nativeValueSetter(field: ValueControl): (value: string) => void {
  for (let proto = Object.getPrototypeOf(field); proto; proto = Object.getPrototypeOf(proto)) {
    const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
    if (setter) return setter;
  }
  throw new TypeError('not a value control');
}

/** The field's own window: events are built in the field's realm (frames, test DOMs). */
function viewOf(element: Element): Window & typeof globalThis {
  return element.ownerDocument.defaultView as Window & typeof globalThis;
}
