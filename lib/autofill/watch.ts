/** Re-runs detection when a single-page app adds or reveals fields. */
import { codeElements, detectFields, type Detection } from './detect';

const THROTTLE_MS = 250;
/** Attribute changes that can reveal or enable a field. */
const REVEALING_ATTRIBUTES = ['hidden', 'style', 'class', 'type', 'disabled', 'readonly'];

/**
 * Calls `onChange` with a fresh detection when mutations under `root` may
 * have added, revealed or removed phone or code fields, at most once per
 * 250 ms. Only mutations wake it: an idle page costs nothing. Stops when
 * `signal` aborts. `initial`: the detection the caller already ran, so the
 * page is not scanned twice in a row.
 */
export function watchForFields(
  root: Document | Element | ShadowRoot,
  onChange: (detection: Detection) => void,
  { signal, initial }: { signal: AbortSignal; initial?: Detection },
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastKey = fieldsKey(initial ?? detectFields(root));
  const rescan = () => {
    timer = undefined;
    const detection = detectFields(root);
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
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: REVEALING_ATTRIBUTES });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
  }, { once: true });
}

/** Cheap pre-check: the mutation touched an input, a select, a frame or a shadow host. */
function mayAffectFields(record: MutationRecord): boolean {
  const nodes = record.type === 'childList' ? [...Array.from(record.addedNodes), ...Array.from(record.removedNodes)] : [record.target];
  return nodes.some(
    (node) =>
      node.nodeType === 1 &&
      (/^(?:input|select|iframe)$/.test((node as Element).localName) ||
        !!(node as Element).shadowRoot ||
        !!(node as Element).querySelector('input,select,iframe')),
  );
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
