/** Re-runs detection when a single-page app adds or reveals fields. */
import { shadowRootOf } from './collect-controls';
import { codeElements, detectFields, type Detection } from './detect';

const THROTTLE_MS = 250;
/** Attribute changes that can reveal or enable a field (`open`: a `<details>` or `<dialog>`). */
const REVEALING_ATTRIBUTES = ['hidden', 'style', 'class', 'type', 'disabled', 'readonly', 'open'];

/**
 * Calls `onChange` with a fresh detection when mutations under `root` may
 * have added, revealed or removed phone or code fields, at most once per
 * 250 ms. Only mutations wake it: an idle page costs nothing. Mutations
 * inside shadow roots (open or closed) count too: every root a scan went
 * through is watched, so a code step a web component renders later is found.
 * Stops when `signal` aborts. `initial`: the detection the caller already
 * ran, so the page is not scanned twice in a row.
 */
export function watchForFields(
  root: Document | Element | ShadowRoot,
  onChange: (detection: Detection) => void,
  { signal, initial }: { signal: AbortSignal; initial?: Detection },
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const first = initial ?? detectFields(root);
  let lastKey = fieldsKey(first);
  const rescan = () => {
    timer = undefined;
    const detection = detectFields(root);
    watchShadowRoots(detection);
    const key = fieldsKey(detection);
    if (key !== lastKey) {
      lastKey = key;
      onChange(detection);
    }
  };
  // The root's own realm: frames and test DOMs have their own MutationObserver.
  const view = ((root as Node).ownerDocument ?? (root as Document)).defaultView!;
  const observer = new view.MutationObserver((records) => {
    if (!timer && records.some(mayAffectFields)) timer = setTimeout(rescan, THROTTLE_MS);
  });
  const options: MutationObserverInit = { subtree: true, childList: true, attributes: true, attributeFilter: REVEALING_ATTRIBUTES };
  observer.observe(root, options);
  // One observer for the document and every shadow root below it; a root is observed once.
  const watched = new WeakSet<ShadowRoot>();
  const watchShadowRoots = (detection: Detection) => {
    for (const shadow of detection.shadowRoots ?? []) {
      if (watched.has(shadow)) continue;
      watched.add(shadow);
      observer.observe(shadow, options);
    }
  };
  watchShadowRoots(first);
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
  }, { once: true });
}

/** Elements looked at for shadow hosts in one added subtree: enough for a component, cheap for a whole page. */
const HOST_SEARCH_LIMIT = 500;

/** Cheap pre-check: the mutation touched an input, a select, a frame or a shadow host (possibly deeper down). */
function mayAffectFields(record: MutationRecord): boolean {
  const nodes = record.type === 'childList' ? [...Array.from(record.addedNodes), ...Array.from(record.removedNodes)] : [record.target];
  return nodes.some((node) => {
    if (node.nodeType !== 1) return false;
    const element = node as Element;
    if (/^(?:input|select|iframe)$/.test(element.localName) || shadowRootOf(element) || element.querySelector('input,select,iframe')) return true;
    const descendants = element.getElementsByTagName('*');
    for (let index = 0; index < descendants.length && index < HOST_SEARCH_LIMIT; index++) {
      if (shadowRootOf(descendants[index]!)) return true;
    }
    return false;
  });
}

/** Identity of what was found, to call back only when it changed. */
function fieldsKey(detection: Detection): string {
  const elements = [
    ...detection.phoneFields.map((field) => field.element),
    ...detection.countryControls.map((control) => control.element),
    ...detection.codeFields.flatMap(codeElements),
  ];
  return elements.map(elementKey).join();
}

const elementIds = new WeakMap<Element, number>();
let nextElementId = 0;
function elementKey(element: Element): number {
  let id = elementIds.get(element);
  if (id === undefined) elementIds.set(element, (id = nextElementId++));
  return id;
}
