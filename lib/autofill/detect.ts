/** Finds phone-number fields, their country controls and SMS-code fields in a page. */
import { scoreCodeField, scoreSplitCodeBoxes } from './classify-code';
import { scorePhoneField } from './classify-phone';
import { dialCodeOptions, findCustomCountryControl, scoreCountryCodeField, type CountryControl } from './country-control';
import { collectControls } from './collect-controls';
import { THRESHOLD, type Verdict } from './evidence';
import {
  indexLabels,
  isVisible,
  readSmsContext,
  snapshotField,
  type FieldSnapshot,
  type FormControl,
  type FormTraitCache,
  type LabelIndex,
} from './field-snapshot';
import { codeBoxRows, phoneParts, type SnappedControl } from './split-fields';
import type { PartShape } from './split-number';

export type { CountryControl, DialCodeOption } from './country-control';
export type { FieldSnapshot } from './field-snapshot';

export interface PhoneField {
  element: HTMLInputElement;
  snapshot: FieldSnapshot;
  score: number;
  /** The signals that qualified the field, e.g. `label+type=tel`. */
  reason: string;
  /** The control picking this number's country, when the page has one next to it. */
  countryControl?: CountryControl;
  /** When the number is split over short inputs (`(xxx) xxx-xxxx`): all of them in order, `element` first. */
  parts?: HTMLInputElement[];
  /** What each of `parts` takes (area code or the rest, and how many digits), in the same order. */
  partShapes?: PartShape[];
}

/** Either one input, or 4-8 single-character boxes in DOM order. */
export type CodeField =
  | { kind: 'single'; element: HTMLInputElement; snapshot: FieldSnapshot; score: number; reason: string }
  | { kind: 'split'; elements: HTMLInputElement[]; snapshots: FieldSnapshot[]; score: number; reason: string };

/** Every input of a code field, in order. */
export function codeElements(field: CodeField): HTMLInputElement[] {
  return field.kind === 'split' ? field.elements : [field.element];
}

export interface Detection {
  phoneFields: PhoneField[];
  countryControls: CountryControl[];
  codeFields: CodeField[];
  /** The shadow roots the scan went through (open and closed), for watching mutations inside them. */
  shadowRoots?: ShadowRoot[];
  /** Every input and select the scan looked at, qualified or not (for telling which changes touch them). */
  controls?: FormControl[];
}

/** Input types that can hold a phone number or a code (`password`: masked MFA codes; never a phone). */
const TEXT_TYPES = /^(?:text|tel|number|password)$/;
/** A country control must be this close to its phone field (levels up, within the form). */
const COUNTRY_CONTROL_REACH = 4;

/**
 * Finds the phone-number fields (with their country controls) and SMS-code
 * fields under `root`, including shadow roots (closed ones too, where the
 * browser lets content scripts read them) and same-origin iframes.
 * Hidden, disabled and read-only fields are left out. Pure reading: the page
 * is not changed. Code fields are single inputs or rows of 4-8
 * single-character boxes (one entry per row, boxes in DOM order).
 */
export function detectFields(root: Document | Element | ShadowRoot): Detection {
  const shadowRoots: ShadowRoot[] = [];
  const detection: Detection = { phoneFields: [], countryControls: [], codeFields: [], shadowRoots };
  const labelIndexes = new Map<Node, LabelIndex>();
  const formTraits: FormTraitCache = new Map();
  const controls = collectControls(root, [], shadowRoots);
  detection.controls = controls;
  const candidates = controls
    .filter((element) => isFillable(element) && isVisible(element))
    .map((element) => toCandidate(element, labelIndexes, formTraits));
  const boxes = new Set<FormControl>();
  for (const row of codeBoxRows(candidates)) {
    const verdict = scoreSplitCodeBoxes(row[0]!.snapshot, row.length);
    if (verdict.score < THRESHOLD) continue;
    row.forEach((box) => boxes.add(box.element));
    detection.codeFields.push({
      kind: 'split',
      elements: row.map((box) => box.element as HTMLInputElement),
      snapshots: row.map((box) => box.snapshot),
      ...verdict,
    });
  }
  const unclaimed = candidates.filter((candidate) => !boxes.has(candidate.element) && !classify(candidate, detection, formTraits));
  // A phone field anywhere in the scan (another shadow root, outside the code's form) is an SMS step too.
  if (detection.phoneFields.length > 0) {
    for (const { element, snapshot } of unclaimed) {
      if (snapshot.smsContext === false) classify({ element, snapshot: { ...snapshot, smsContext: true } }, detection, formTraits);
    }
  }
  joinPhoneParts(candidates, detection);
  for (const phone of detection.phoneFields) {
    phone.countryControl = nearestCountryControl(phone.element, detection.countryControls);
    if (phone.countryControl && !detection.countryControls.includes(phone.countryControl)) {
      detection.countryControls.push(phone.countryControl);
    }
  }
  return detection;
}

/** Files a candidate under the kind that scores best, if any reaches the threshold; returns whether one did. */
function classify({ element, snapshot }: SnappedControl, detection: Detection, formTraits: FormTraitCache): boolean {
  const country = scoreCountryCodeField(snapshot);
  if (snapshot.tag === 'select') {
    if (country.score >= THRESHOLD) detection.countryControls.push(selectControl(element as HTMLSelectElement, snapshot, country));
    return country.score >= THRESHOLD;
  }
  const input = element as HTMLInputElement;
  if (snapshot.type === 'password') {
    const code = scoreCode(input, snapshot, formTraits);
    if (code.score >= THRESHOLD) detection.codeFields.push({ kind: 'single', element: input, snapshot, ...code });
    return code.score >= THRESHOLD;
  }
  const phone = scorePhoneField(snapshot);
  const code = scoreCode(input, snapshot, formTraits);
  const best = Math.max(country.score, phone.score, code.score);
  if (best < THRESHOLD) return false;
  if (country.score === best) {
    detection.countryControls.push({
      kind: 'input',
      element: input,
      snapshot,
      ...country,
      selectedDialCode: /[1-9]\d{0,3}/.exec(input.value)?.[0],
    });
  } else if (code.score > phone.score || (code.score === best && (snapshot.maxLength ?? 99) <= 8)) {
    detection.codeFields.push({ kind: 'single', element: input, snapshot, ...code });
  } else {
    detection.phoneFields.push({ element: input, snapshot, ...phone });
  }
  return true;
}

/** A field that would be a code field is one only on an SMS step: its form's context is read then, not for every field. */
function scoreCode(input: HTMLInputElement, snapshot: FieldSnapshot, formTraits: FormTraitCache): Verdict {
  const code = scoreCodeField(snapshot);
  if (code.score < THRESHOLD || snapshot.smsContext !== undefined) return code;
  snapshot.smsContext = readSmsContext(input, formTraits);
  return snapshot.smsContext ? code : scoreCodeField(snapshot);
}

function selectControl(select: HTMLSelectElement, snapshot: FieldSnapshot, verdict: { score: number; reason: string }): CountryControl {
  const options = dialCodeOptions(snapshot.options ?? [], true);
  const selected = options.find((option) => option.value === select.value);
  const iso = /^[a-z]{2}$/i.test(select.value) ? select.value.toUpperCase() : undefined;
  return {
    kind: 'select',
    element: select,
    snapshot,
    ...verdict,
    options,
    selectedDialCode: selected?.dialCode || undefined,
    selectedIso: iso,
    selectedLabel: selected?.label || undefined,
  };
}

/** The closest select or input country control around the phone field, else a custom dropdown. */
function nearestCountryControl(phone: HTMLElement, controls: CountryControl[]): CountryControl | undefined {
  let box = phone.parentElement;
  for (let depth = 0; box && depth < COUNTRY_CONTROL_REACH; depth++, box = box.parentElement) {
    const container = box;
    const near = controls.find((control) => container.contains(control.element));
    if (near) return near;
    if (box.localName === 'form') break;
  }
  return findCustomCountryControl(phone);
}

/** Cheap checks before visibility and the snapshot: a text-like input or a select, enabled and writable. */
function isFillable(element: FormControl): boolean {
  if (element.disabled) return false;
  if (element.localName === 'select') return true;
  return TEXT_TYPES.test((element as HTMLInputElement).type) && !(element as HTMLInputElement).readOnly;
}

/** Snapshots a visible control, indexing the labels of its document or shadow root on first use. */
function toCandidate(element: FormControl, labelIndexes: Map<Node, LabelIndex>, formTraits: FormTraitCache): SnappedControl {
  const root = element.getRootNode() as Document | ShadowRoot;
  let labels = labelIndexes.get(root);
  if (!labels) labelIndexes.set(root, (labels = indexLabels(root)));
  return { element, snapshot: snapshotField(element, { labelIndex: labels, visible: true, formTraits }) };
}

/** Merges phone fields split over parts into their first part's entry. */
function joinPhoneParts(candidates: SnappedControl[], detection: Detection): void {
  const phones = new Map(detection.phoneFields.map((phone) => [phone.element as FormControl, phone]));
  const taken = new Set<FormControl>([
    ...detection.countryControls.map((control) => control.element as FormControl),
    ...detection.codeFields.flatMap(codeElements),
  ]);
  for (const parts of phoneParts(
    candidates,
    (element) => phones.has(element),
    (element) => taken.has(element),
  )) {
    const phone = phones.get(parts[0]!.element)!;
    phone.parts = parts.map((part) => part.element);
    phone.partShapes = parts.map(({ role, length }) => (length ? { role, length } : { role }));
    parts.slice(1).forEach((part) => phones.delete(part.element));
  }
  detection.phoneFields = detection.phoneFields.filter((phone) => phones.has(phone.element));
}
