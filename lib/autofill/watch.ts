/** Re-runs detection when a single-page app adds or reveals fields. */
import { watchDom, type DomChanges } from './dom-changes';
import { codeElements, detectFields, type Detection } from './detect';
import { isVisible, type FormControl } from './field-snapshot';

const THROTTLE_MS = 250;
/** Changes are gathered this long before they are looked at. */
const GATHER_MS = 100;
/** Attribute changes that can reveal or enable a field (`open`: a `<details>` or `<dialog>`). */
const REVEALING_ATTRIBUTES = ['hidden', 'style', 'class', 'type', 'disabled', 'readonly', 'open'];
const CONTROLS = 'input,select,iframe';

/**
 * Calls `onChange` with a fresh detection when mutations under `root` may
 * have added, revealed or removed phone or code fields, at most once per
 * 250 ms. Only mutations wake it, and only what they touched is looked at
 * (added subtrees, the shadow roots of added hosts, removed and changed
 * elements): a page that changes all day without touching a form costs
 * next to nothing, and only a change that touches a form control costs a
 * scan. Mutations inside shadow roots (open or closed) count too: every root
 * met is watched, so a code step a web component renders later is found.
 * Stops when `signal` aborts. `initial`: the detection the caller already
 * ran, so the page is not scanned twice in a row.
 */
export function watchForFields(
  root: Document | Element | ShadowRoot,
  onChange: (detection: Detection) => void,
  { signal, initial }: { signal: AbortSignal; initial?: Detection },
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastScan = performance.now();
  let known = knownOf(initial ?? detectFields(root));
  let lastKey = fieldsKey(known.elements);
  const rescan = () => {
    timer = undefined;
    lastScan = performance.now();
    const detection = detectFields(root);
    for (const shadow of detection.shadowRoots ?? []) dom.watch(shadow);
    known = knownOf(detection);
    const key = fieldsKey(known.elements);
    if (key !== lastKey) {
      lastKey = key;
      onChange(detection);
    }
  };
  const dom = watchDom(root, { delayMs: GATHER_MS, attributes: REVEALING_ATTRIBUTES, walkExisting: true, signal }, (changes) => {
    if (!timer && mayAffectFields(changes, known)) timer = setTimeout(rescan, Math.max(0, lastScan + THROTTLE_MS - performance.now()));
  });
  // The roots the first scan went through are watched already; the walk then reports only others.
  for (const shadow of known.shadowRoots) dom.watch(shadow);
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}

/** Controls whose state is compared after an attribute change, rather than scanning again; more: scan. */
const MAX_COMPARED = 100;

/** What the last scan found: its fields, its shadow roots, the hosts (at every level) of roots holding controls, and the state of its controls. */
interface Known {
  elements: Element[];
  shadowRoots: ShadowRoot[];
  controlHosts: Set<Element>;
  controls: FormControl[];
  states: string;
}

/** Which controls can be seen and typed in, and as what type: what an attribute change can alter. */
function statesOf(controls: FormControl[]): string {
  return controls
    .map(
      (control) =>
        `${control.isConnected && !control.disabled && !(control as HTMLInputElement).readOnly && isVisible(control) ? 1 : 0}${(control as HTMLInputElement).type}`,
    )
    .join();
}

function knownOf(detection: Detection): Known {
  const controlHosts = new Set<Element>();
  for (const shadow of detection.shadowRoots ?? []) {
    if (!shadow.querySelector(CONTROLS)) continue;
    for (let host: Element | undefined = shadow.host; host; host = (host.getRootNode() as ShadowRoot).host) controlHosts.add(host);
  }
  const elements = [
    ...detection.phoneFields.flatMap((field) => [field.element, ...(field.parts ?? [])]),
    ...detection.countryControls.map((control) => control.element),
    ...detection.codeFields.flatMap(codeElements),
  ];
  const controls = detection.controls ?? [];
  return {
    elements,
    shadowRoots: detection.shadowRoots ?? [],
    controlHosts,
    controls,
    states: controls.length > MAX_COMPARED ? '' : statesOf(controls),
  };
}

/**
 * Whether the changes may touch a field: an input, a select or a frame (or a host whose shadow
 * root holds one) added or removed, a field found last time gone, or a revealing attribute
 * changed on a control or above one and the controls' state with it (pages toggle classes on
 * <body> as they scroll). Anything else (a feed's new post, a ticking clock) costs no scan.
 */
function mayAffectFields(changes: DomChanges, known: Known): boolean {
  const holdsControl = (element: Element) =>
    element.matches(CONTROLS) || element.querySelector(CONTROLS) !== null || holdsControlHost(element);
  const holdsControlHost = (element: Element) =>
    known.controlHosts.has(element) || [...known.controlHosts].some((host) => element.contains(host));
  return (
    changes.added.some(holdsControl) ||
    changes.shadowRoots.some((shadow) => shadow.querySelector(CONTROLS) !== null) ||
    changes.removed.some(holdsControl) ||
    (changes.removed.length > 0 && known.elements.some((element) => !element.isConnected)) ||
    (changes.changed.some(holdsControl) && (known.controls.length > MAX_COMPARED || statesOf(known.controls) !== known.states))
  );
}

/** Identity of what was found, to call back only when it changed. */
function fieldsKey(elements: Element[]): string {
  return elements.map(elementKey).join();
}

const elementIds = new WeakMap<Element, number>();
let nextElementId = 0;
function elementKey(element: Element): number {
  let id = elementIds.get(element);
  if (id === undefined) elementIds.set(element, (id = nextElementId++));
  return id;
}
