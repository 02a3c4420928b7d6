/** Fields spread over several inputs: rows of code boxes, phone numbers in parts. */
import type { FieldSnapshot, FormControl } from './field-snapshot';

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

/**
 * Phone numbers split over short inputs (`(xxx) xxx-xxxx`): a short phone
 * field followed by 1-3 more short inputs in the same container (two levels
 * up at most: not the next table row) that are free or phone fields
 * themselves. Returns each group of parts in order.
 */
export function phoneParts(controls: SnappedControl[], isPhone: (element: FormControl) => boolean, isTaken: (element: FormControl) => boolean): HTMLInputElement[][] {
  const isPart = (snapshot: FieldSnapshot) => snapshot.tag === 'input' && (snapshot.maxLength ?? MAX_PART_LENGTH + 1) <= MAX_PART_LENGTH;
  const groups: HTMLInputElement[][] = [];
  for (let index = 0; index < controls.length; index++) {
    const { element, snapshot } = controls[index]!;
    if (!isPhone(element) || !isPart(snapshot)) continue;
    const parts = [element as HTMLInputElement];
    for (const next of controls.slice(index + 1, index + MAX_PARTS)) {
      if (!isPart(next.snapshot) || isTaken(next.element) || !shareContainer(parts[parts.length - 1]!, next.element, 2)) break;
      parts.push(next.element as HTMLInputElement);
    }
    if (parts.length > 1) groups.push(parts);
    index += parts.length - 1;
  }
  return groups;
}

/** Whether two elements have a common ancestor within `levels` levels up of both. */
function shareContainer(a: Element, b: Element, levels: number): boolean {
  let upA = a.parentElement;
  let upB = b.parentElement;
  for (let depth = 0; upA && upB && depth < levels; depth++, upA = upA.parentElement, upB = upB.parentElement) {
    if (upA === upB) return true;
  }
  return false;
}
