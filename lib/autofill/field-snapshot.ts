/**
 * Reads a form control into a plain, serializable object, so that field
 * qualification is pure predicates over data (tests use plain objects).
 */
import { normalizeText, PHONE_WORDS, SENT_CODE_WORDS } from './words';

export interface SelectOption {
  value: string;
  text: string;
}

export interface FieldSnapshot {
  tag: 'input' | 'select';
  /** Input type as the browser resolved it (`text` for unknown types); `select` for selects. */
  type: string;
  name: string;
  id: string;
  /** `autocomplete` tokens, lower case, e.g. `['section-a', 'mobile', 'tel']`. */
  autocomplete: string[];
  placeholder: string;
  /** Explicit label: `<label for>`, wrapping label, aria-labelledby, aria-label, title. */
  label: string;
  /** The closest text before the field within its container, for unlabelled forms. */
  nearText: string;
  inputMode: string;
  maxLength?: number;
  minLength?: number;
  /** The `size` attribute, when set: the width in characters a page drew a box for (`size=3`: an area code). */
  size?: number;
  /** Drawn for one character: `maxlength=1`, or a box narrower than {@link CHAR_BOX_PX} (widgets that limit input in script). */
  charBox: boolean;
  pattern: string;
  visible: boolean;
  /** Neither disabled nor read-only. */
  editable: boolean;
  /** An image or canvas sits next to the field: the usual captcha layout. */
  nearImage: boolean;
  /** The field's form (or page, outside forms) asks for a payment card. */
  cardForm: boolean;
  /** The field's form is a sign-in: one current password and at most two other text fields. */
  loginForm: boolean;
  /** The field's form (or page, outside forms) asks for a postal address. */
  addressForm: boolean;
  /**
   * The field's form (or page, outside forms) has a phone field or says a code is sent: a place
   * for an SMS code. Read only for fields that would be code fields ({@link readSmsContext});
   * undefined until then, counted as an SMS step.
   */
  smsContext?: boolean;
  /** Selects only: options in order (capped). */
  options?: SelectOption[];
}

export type FormControl = HTMLInputElement | HTMLSelectElement;

const MAX_LABEL = 150;
const MAX_NEAR_TEXT = 80;
const MAX_OPTIONS = 300;
/** Boxes of code widgets are about a character wide; the narrowest real text inputs are wider. */
export const CHAR_BOX_PX = 64;
/** Text of these never describes a neighbouring field. */
const SKIPPED_TEXT = /^(?:select|option|script|style|textarea|noscript|template)$/;
/** A sibling holding one of these belongs to another field: stop looking for text there. */
const OTHER_FIELD = 'input:not([type=hidden]),textarea';

/** `<label for>` elements of one document or shadow root, by the id they name. */
export type LabelIndex = Map<string, HTMLLabelElement[]>;

/**
 * Indexes a root's `<label for>` once: `control.labels` searches the whole
 * tree on every call, which adds up on pages with hundreds of fields.
 */
export function indexLabels(root: Document | ShadowRoot): LabelIndex {
  const index: LabelIndex = new Map();
  for (const label of Array.from(root.querySelectorAll<HTMLLabelElement>('label[for]'))) {
    const labels = index.get(label.htmlFor);
    if (labels) labels.push(label);
    else index.set(label.htmlFor, [label]);
  }
  return index;
}

/** What a form asks for besides one field. */
interface FormTraits {
  card: boolean;
  login: boolean;
  address: boolean;
  /** Read on demand: see {@link readSmsContext}. */
  sms?: boolean;
}
/** Traits by form (or root, outside forms), read once per scan. */
export type FormTraitCache = Map<Node, FormTraits>;

/** Controls of a payment card (number, expiry, security code), by autocomplete, then by name or id. */
const CARD_AUTOCOMPLETE = /(?:^|\s)cc-/;
const CARD_NAME = /card|cc-?_?num|expir/i;
/** Controls of a postal address (an e-mail "address" is not one). */
const ADDRESS_AUTOCOMPLETE = /street-address|address-line|address-level|postal-code/;
const ADDRESS_NAME = /city|street|address/i;
const TEXT_LIKE = /^(?:text|email|tel|number)$/;
const BUTTON_TYPE = /^(?:button|submit)$/;
/** How much of a form's text is read for words saying a code is sent. */
const MAX_CONTEXT_TEXT = 2000;

/** What a caller snapshotting many controls already knows. */
export interface SnapshotContext {
  /** {@link indexLabels} of the control's root. */
  labelIndex?: LabelIndex;
  /** Form traits already read in this scan. */
  formTraits?: FormTraitCache;
  /** The control's visibility, when already checked (layout queries dominate the cost of a scan). */
  visible?: boolean;
}

/** Snapshot of a form control, see {@link FieldSnapshot}. */
export function snapshotField(el: FormControl, { labelIndex, visible, formTraits }: SnapshotContext = {}): FieldSnapshot {
  const isSelect = el.localName === 'select';
  const input = el as HTMLInputElement;
  const traits = traitsOf(el, formTraits);
  return {
    tag: isSelect ? 'select' : 'input',
    type: isSelect ? 'select' : input.type,
    name: el.name,
    id: el.id,
    autocomplete: (el.getAttribute('autocomplete') ?? '').toLowerCase().split(/\s+/).filter(Boolean),
    placeholder: attribute(el, 'placeholder'),
    label: labelText(el, labelIndex),
    nearText: precedingText(el),
    inputMode: attribute(el, 'inputmode').toLowerCase(),
    maxLength: isSelect || input.maxLength < 0 ? undefined : input.maxLength,
    minLength: isSelect || input.minLength < 0 ? undefined : input.minLength,
    size: isSelect || !input.hasAttribute('size') ? undefined : input.size,
    charBox: !isSelect && (input.maxLength === 1 || isNarrowBox(input)),
    pattern: attribute(el, 'pattern'),
    visible: visible ?? isVisible(el),
    editable: !el.disabled && !(!isSelect && input.readOnly),
    nearImage: hasImageNearby(el),
    cardForm: traits.card,
    loginForm: traits.login,
    addressForm: traits.address,
    options: isSelect ? optionsOf(el as HTMLSelectElement) : undefined,
  };
}

/** A laid-out box narrower than a few characters (no layout, as in jsdom: not narrow). */
function isNarrowBox(input: HTMLInputElement): boolean {
  if (input.maxLength > 0 && input.maxLength <= 8) return false; // a short field such as a phone part, not a one-character box
  const box = input.getBoundingClientRect();
  return box.width > 1 && box.width < CHAR_BOX_PX && box.height >= box.width * 0.6;
}

/** The traits of the control's form, or of its document or shadow root outside forms: one pass over its controls. */
function traitsOf(el: FormControl, cache: FormTraitCache | undefined): FormTraits {
  const scope = scopeOf(el);
  let traits = cache?.get(scope);
  if (traits) return traits;
  traits = { card: false, login: false, address: false };
  let passwords = 0;
  let newPassword = false;
  let texts = 0;
  for (const control of Array.from(scope.querySelectorAll<FormControl>('input,select'))) {
    const type = control.localName === 'select' ? 'select' : (control as HTMLInputElement).type;
    if (type === 'hidden') continue;
    const autocomplete = control.getAttribute('autocomplete') ?? '';
    const names = `${control.name} ${control.id}`;
    if (type === 'password') {
      passwords++;
      newPassword ||= autocomplete.includes('new-password');
    } else if (TEXT_LIKE.test(type)) texts++;
    traits.card ||= CARD_AUTOCOMPLETE.test(autocomplete) || CARD_NAME.test(names);
    traits.address ||= ADDRESS_AUTOCOMPLETE.test(autocomplete) || (type !== 'email' && ADDRESS_NAME.test(names) && !/mail/i.test(names));
  }
  traits.login = passwords === 1 && !newPassword && texts <= 2;
  cache?.set(scope, traits);
  return traits;
}

/** The form of a control, or its document or shadow root outside forms. */
function scopeOf(el: FormControl): ParentNode & Node {
  return el.form ?? el.closest('form') ?? (el.getRootNode() as Document | ShadowRoot);
}

/**
 * Whether the control's form (or page) is an SMS step: it has a phone field
 * (`type=tel`, autocomplete `tel…`, a phone word in a name), an
 * `autocomplete=one-time-code` field, or words saying a code is sent in its
 * text or buttons. Read once per form and scan, and only for fields that
 * would be code fields: the text is the costly part.
 */
export function readSmsContext(el: FormControl, cache?: FormTraitCache): boolean {
  const traits = traitsOf(el, cache);
  if (traits.sms !== undefined) return traits.sms;
  const scope = scopeOf(el);
  let sms = false;
  for (const control of Array.from(scope.querySelectorAll<HTMLInputElement>('input'))) {
    const autocomplete = control.getAttribute('autocomplete') ?? '';
    sms ||=
      control.type === 'tel' ||
      /\btel|one-time-code/.test(autocomplete) ||
      PHONE_WORDS.test(normalizeText(`${control.name} ${control.id}`));
    sms ||= BUTTON_TYPE.test(control.type) && saysCodeSent(control.value);
    if (sms) break;
  }
  // Capped: the words saying a code was sent sit near the top of a code step.
  sms ||= saysCodeSent(textOf(scope.nodeType === 9 ? (scope as Document).body : scope, MAX_CONTEXT_TEXT));
  return (traits.sms = sms);
}

/** Options in order, capped; `textContent` rather than `text`, which is several times slower on long country lists. */
function optionsOf(select: HTMLSelectElement): SelectOption[] {
  const options: SelectOption[] = [];
  for (let index = 0; index < select.options.length && index < MAX_OPTIONS; index++) {
    const option = select.options[index]!;
    options.push({ value: option.value, text: (option.textContent ?? '').trim().slice(0, 60) });
  }
  return options;
}

/**
 * Whether the user can see the element. Real browsers answer with layout
 * (also catching 1-pixel and off-screen honeypots); without layout (jsdom),
 * styles up the tree decide.
 */
export function isVisible(el: HTMLElement): boolean {
  if (el.hidden || (el as HTMLInputElement).type === 'hidden') return false;
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  if (typeof el.checkVisibility === 'function') {
    if (!el.checkVisibility({ visibilityProperty: true })) return false;
    const box = el.getBoundingClientRect();
    // Off-screen (left: -9999px) is hidden; scroll offsets are read only when the box is out of the viewport.
    return (
      box.width > 1 &&
      box.height > 1 &&
      (box.right > 0 || box.right + view.scrollX > 0) &&
      (box.bottom > 0 || box.bottom + view.scrollY > 0)
    );
  }
  if (view.getComputedStyle(el).visibility === 'hidden') return false;
  for (let node: Element | null = el; node; node = parentAcrossShadow(node)) {
    if ((node as HTMLElement).hidden || view.getComputedStyle(node).display === 'none') return false;
  }
  return true;
}

function parentAcrossShadow(node: Element): Element | null {
  return node.parentElement ?? ((node.parentNode as ShadowRoot | null)?.host || null);
}

function attribute(el: Element, name: string): string {
  return el.getAttribute(name)?.trim() ?? '';
}

function labelText(el: FormControl, labelIndex: LabelIndex | undefined): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  const parts = (el.getAttribute('aria-labelledby') ?? '')
    .split(/\s+/)
    .map((id) => (id && root.getElementById ? textOf(root.getElementById(id), MAX_LABEL) : ''));
  parts.push(attribute(el, 'aria-label'), attribute(el, 'title'));
  for (const label of labelsOf(el, labelIndex)) parts.push(textOf(label, MAX_LABEL));
  return squeeze(parts.filter(Boolean).join(' ')).slice(0, MAX_LABEL);
}

/** `el.labels`, from the index when there is one: labels naming its id, and a wrapping label naming no other. */
function labelsOf(el: FormControl, labelIndex: LabelIndex | undefined): HTMLLabelElement[] {
  if (!labelIndex) return Array.from(el.labels ?? []);
  const labels = el.id ? [...(labelIndex.get(el.id) ?? [])] : [];
  const wrapping = el.closest('label');
  if (wrapping && !wrapping.htmlFor && !labels.includes(wrapping)) labels.push(wrapping);
  return labels;
}

/**
 * The nearest text before the field: previous siblings, then the parent's
 * previous siblings (table cells, wrapper divs), up to three levels, then the
 * cell before the field's table cell however deep the field sits in it;
 * stops at a sibling holding another text field, whose text is that field's
 * label.
 */
function precedingText(el: Element): string {
  let node: Element | null = el;
  let read: Element = el;
  for (let depth = 0; depth < 3 && node && !/^(?:form|body)$/.test(node.localName); depth++) {
    const text = textBefore(node);
    if (text !== undefined) return text;
    read = node;
    node = node.parentElement;
  }
  const cell = el.closest('td,th');
  return (cell && cell !== read && cell.contains(read) ? textBefore(cell) : undefined) ?? '';
}

/** Text of the closest previous siblings; '' when another field comes first, undefined when there is none. */
function textBefore(node: Element): string | undefined {
  for (let sibling = node.previousSibling, seen = 0; sibling && seen < 6; sibling = sibling.previousSibling, seen++) {
    if (sibling.nodeType === 1 && ((sibling as Element).matches(OTHER_FIELD) || (sibling as Element).querySelector(OTHER_FIELD))) {
      return '';
    }
    const text = squeeze(textOf(sibling, 400));
    if (text) return text.slice(-MAX_NEAR_TEXT);
  }
  return undefined;
}

/** A phone is named, or a code said to be sent (`We texted you`, `Resend code`): an SMS step. */
function saysCodeSent(text: string): boolean {
  const normalized = normalizeText(text);
  return SENT_CODE_WORDS.test(normalized) || PHONE_WORDS.test(normalized);
}

/** Text of a node as read on screen, whitespace collapsed, without option lists and scripts. */
export function readableText(node: Node | null, max = MAX_LABEL): string {
  return squeeze(textOf(node, max));
}

/** Text content without option lists and scripts, stopping once `max` characters are gathered. */
function textOf(node: Node | null, max: number): string {
  if (!node) return '';
  if (node.nodeType === 3) return node.nodeValue ?? '';
  // Elements and shadow roots (a form's text inside a component) are read; option lists and scripts are not.
  if ((node.nodeType !== 1 && node.nodeType !== 11) || SKIPPED_TEXT.test((node as Element).localName)) return '';
  let text = '';
  for (let child = node.firstChild; child && text.length < max; child = child.nextSibling) {
    text += textOf(child, max - text.length) + (child.nodeType === 1 ? ' ' : '');
  }
  return text;
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * An image or canvas next to the field: in its parent, the parent's
 * neighbours (table cells) or the grandparent's (the row above); small icons
 * excepted. Images without a known size count: captchas load late.
 */
function hasImageNearby(el: Element): boolean {
  const parent = el.parentElement;
  const grandparent = parent?.parentElement;
  for (const box of [
    parent,
    parent?.previousElementSibling,
    parent?.nextElementSibling,
    grandparent?.previousElementSibling,
    grandparent?.nextElementSibling,
  ]) {
    for (const tag of ['img', 'canvas']) {
      // Live collections, read by index: the browser caches them between scans of an unchanged page.
      const images = box?.getElementsByTagName(tag) as HTMLCollectionOf<HTMLImageElement> | undefined;
      for (let index = 0; images && index < images.length; index++) {
        if (!(images[index]!.width > 0 && images[index]!.width < 40)) return true;
      }
    }
  }
  return false;
}
