/** Fields spread over several inputs: rows of code boxes, phone numbers in parts. */
import { isAreaCodeField, isExtensionField } from './classify-phone';
import type { FieldSnapshot, FormControl } from './field-snapshot';
import type { PartShape } from './split-number';

/** A control with its snapshot. */
export interface SnappedControl {
  element: FormControl;
  snapshot: FieldSnapshot;
}

/** Parts of a split phone number: at most 4 inputs of at most 4 characters. */
const MAX_PART_LENGTH = 4;
const MAX_PARTS = 4;

/**
 * Rows of single-character boxes: consecutive controls with `maxlength=1`
 * sharing a container at most three levels up (boxes are often wrapped).
 * Rows of any length from 2 are returned; the scorer decides.
 */
export function codeBoxRows(controls: SnappedControl[]): SnappedControl[][] {
  const rows: SnappedControl[][] = [];
  let row: SnappedControl[] = [];
  for (const control of controls) {
    const isBox = control.snapshot.tag === 'input' && control.snapshot.charBox;
    const previous = row[row.length - 1];
    if (isBox && previous && shareContainer(previous.element, control.element, 3)) row.push(control);
    else {
      if (row.length > 1) rows.push(row);
      row = isBox ? [control] : [];
    }
  }
  if (row.length > 1) rows.push(row);
  return rows;
}

/** A box of a split number; its length is its `maxlength`, else its `size`, unknown for a box that takes the rest. */
export interface PhonePart extends PartShape {
  element: HTMLInputElement;
}

/**
 * Phone numbers split over boxes (`(xxx) xxx-xxxx`): a short phone field
 * (or an area code box of any length) followed by up to 3 more inputs in the
 * same container (two levels up at most: not the next table row) that are
 * free or phone fields themselves: short ones, or one long box that is a
 * phone field right after the first (an area code, then the rest of the
 * number). An extension box
 * ends the number and is no part of it; so does any input another kind
 * claimed (a country code, a code field). Returns each group's parts in order.
 */
export function phoneParts(
  controls: SnappedControl[],
  isPhone: (element: FormControl) => boolean,
  isTaken: (element: FormControl) => boolean,
): PhonePart[][] {
  const groups: PhonePart[][] = [];
  for (let index = 0; index < controls.length; index++) {
    const { element, snapshot } = controls[index]!;
    if (!isPhone(element) || !(isShort(snapshot) || isAreaCodeField(snapshot))) continue;
    const parts = [toPart(controls[index]!)];
    // The box holding the first two parts holds them all: the next number's row (an alternate phone) is beside it, not in it.
    let box: Element | undefined;
    for (const next of controls.slice(index + 1, index + MAX_PARTS)) {
      const free = next.snapshot.tag === 'input' && !isTaken(next.element) && !isExtensionField(next.snapshot);
      const shared = free ? commonContainer(parts[parts.length - 1]!.element, next.element, 2) : undefined;
      if (!shared || (box && !box.contains(next.element))) break;
      box ??= shared;
      if (isShort(next.snapshot)) parts.push(toPart(next));
      else {
        // One long box right after the area code is the rest of the number (Apple's form), if it is a phone field itself.
        if (parts.length === 1 && isPhone(next.element)) parts.push(toPart(next));
        break;
      }
    }
    // A short box before one long box is an area code (or a mobile prefix), whatever its words.
    if (parts.length === 2 && !isShort(controls[index + 1]!.snapshot)) parts[0]!.role = 'area';
    if (parts.length > 1) groups.push(parts);
    index += parts.length - 1;
  }
  return groups;
}

/** A box for a few digits: `maxlength` (or, without one, `size`) of at most {@link MAX_PART_LENGTH}. */
function isShort(snapshot: FieldSnapshot): boolean {
  return snapshot.tag === 'input' && (snapshot.maxLength ?? snapshot.size ?? MAX_PART_LENGTH + 1) <= MAX_PART_LENGTH;
}

function toPart({ element, snapshot }: SnappedControl): PhonePart {
  const length = snapshot.maxLength ?? (isShort(snapshot) ? snapshot.size : undefined);
  return { element: element as HTMLInputElement, role: isAreaCodeField(snapshot) ? 'area' : 'local', ...(length ? { length } : {}) };
}

/** Whether two elements have a common ancestor within `levels` levels up of both. */
function shareContainer(a: Element, b: Element, levels: number): boolean {
  return !!commonContainer(a, b, levels);
}

/** The common ancestor of two elements found within `levels` levels up of both, if any. */
function commonContainer(a: Element, b: Element, levels: number): Element | undefined {
  let upA = a.parentElement;
  let upB = b.parentElement;
  for (let depth = 0; upA && upB && depth < levels; depth++, upA = upA.parentElement, upB = upB.parentElement) {
    if (upA === upB) return upA;
  }
  return undefined;
}
