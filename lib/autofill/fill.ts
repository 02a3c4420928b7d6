/**
 * Puts values into page fields so that React, Vue and Angular see them: the
 * native value setter (frameworks shadow `value` on the element), then the
 * bubbling events a typing user would cause.
 */
import { codeElements, type CodeField, type PhoneField } from './detect';

type ValueControl = HTMLInputElement | HTMLSelectElement;

/**
 * Sets a field's value through the prototype's native setter, then fires
 * bubbling `input` and `change`. Returns whether the field holds the value
 * afterwards (a page may reformat or refuse it).
 */
export function setFieldValue(field: ValueControl, value: string): boolean {
  nativeValueSetter(field).call(field, value);
  const view = viewOf(field);
  field.dispatchEvent(new view.InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: value }));
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
 * asked for one). A number split over parts gets its last digits spread by
 * the parts' lengths (`2015550123` → `201`, `555`, `0123`). Focus stays on
 * the (last) phone field, where the user goes on.
 */
export function fillPhone(field: PhoneField, formatted: { value: string; countryOption?: string }): boolean {
  const control = field.countryControl;
  if (formatted.countryOption !== undefined && control?.kind === 'select') {
    selectCountryOption(control.element as HTMLSelectElement, formatted.countryOption);
  }
  if (field.parts) return fillPhoneParts(field.parts, formatted.value);
  field.element.focus();
  return setFieldValue(field.element, formatted.value);
}

function fillPhoneParts(parts: HTMLInputElement[], value: string): boolean {
  const capacity = parts.reduce((total, part) => total + part.maxLength, 0);
  const digits = value.replace(/\D/g, '').slice(-capacity);
  let offset = 0;
  return parts
    .map((part) => {
      part.focus();
      return setFieldValue(part, digits.slice(offset, (offset += part.maxLength)));
    })
    .every(Boolean);
}

/**
 * Fills an SMS code. Split boxes get one character each in DOM order, typed
 * (keydown, input, keyup per box); when the page did not take that, the
 * code is pasted into the first box, which is what paste-driven widgets
 * listen for. Focus ends on the form's submit button, else the last field.
 * Returns whether the fields hold the code afterwards.
 */
export function fillCode(field: CodeField, code: string): boolean {
  const characters = withoutSeparators(code);
  let filled: boolean;
  if (field.kind === 'single') {
    field.element.focus();
    setFieldValue(field.element, characters);
    filled = withoutSeparators(field.element.value) === characters;
  } else {
    field.elements.forEach((box, index) => typeCharacter(box, characters[index] ?? ''));
    filled = boxesHold(field.elements, characters);
    if (!filled) {
      pasteText(field.elements[0]!, characters);
      filled = boxesHold(field.elements, characters);
    }
  }
  const last = codeElements(field).at(-1)!;
  (submitButtonOf(last) ?? last).focus();
  return filled;
}

/** One keystroke into a box, as a browser reports it; a handled keydown or keypress means the page took the key. */
function typeCharacter(box: HTMLInputElement, character: string): void {
  box.focus();
  const taken = !keyEvent(box, 'keydown', character) || !keyEvent(box, 'keypress', character);
  if (!taken) setFieldValue(box, character);
  keyEvent(box, 'keyup', character);
}

/** Dispatches a key event; returns false when a listener prevented the default. */
function keyEvent(target: HTMLElement, type: string, key: string): boolean {
  const code = /\d/.test(key) ? `Digit${key}` : `Key${key.toUpperCase()}`;
  return target.dispatchEvent(new (viewOf(target).KeyboardEvent)(type, { key, code, bubbles: true, cancelable: true, composed: true }));
}

/** A paste event carrying `text` as clipboard data. */
function pasteText(target: HTMLInputElement, text: string): void {
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
  target.dispatchEvent(event);
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
  return field.form?.querySelector<HTMLElement>('button[type=submit]:not(:disabled),button:not([type]):not(:disabled),input[type=submit]:not(:disabled)') ?? null;
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
