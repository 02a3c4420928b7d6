/** Gathers a page's form controls: its own, and those in shadow roots (open or closed) and same-origin frames. */
import type { FormControl } from './field-snapshot';

type ClosedRootReader = (element: HTMLElement) => ShadowRoot | null;
interface ExtensionGlobals {
  chrome?: { dom?: { openOrClosedShadowRoot?: ClosedRootReader } };
}

/**
 * An element's shadow root, open or closed. Content scripts can read closed
 * roots: Chromium through `chrome.dom.openOrClosedShadowRoot`, Firefox
 * through `element.openOrClosedShadowRoot`; elsewhere (tests, page scripts)
 * only open roots are readable. Closed roots are looked for on custom
 * elements only, where widgets keep them (a lookup per element of a large
 * page would cost). Our own UI (closed roots on plain `<div>`s) is never read.
 */
export function shadowRootOf(element: Element): ShadowRoot | null {
  if (element.shadowRoot) return element.shadowRoot;
  if (!element.localName.includes('-')) return null;
  const firefox = (element as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
  if (firefox !== undefined) return firefox;
  try {
    return (globalThis as unknown as ExtensionGlobals).chrome?.dom?.openOrClosedShadowRoot?.(element as HTMLElement) ?? null;
  } catch {
    return null; // no such API here (tests' fake browser), or the frame is going away
  }
}

/**
 * Inputs and selects under `root`, then those of the shadow roots and
 * same-origin frames beneath it. Every shadow root passed through is added
 * to `shadowRoots` (for watching mutations inside them).
 */
export function collectControls(
  root: Document | Element | ShadowRoot,
  into: FormControl[] = [],
  shadowRoots: ShadowRoot[] = [],
): FormControl[] {
  into.push(...Array.from(root.querySelectorAll<FormControl>('input,select')));
  // A live collection iterates much faster than a static querySelectorAll('*') list.
  const elements = 'getElementsByTagName' in root ? root.getElementsByTagName('*') : root.querySelectorAll('*');
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index]!;
    const shadow = shadowRootOf(element);
    if (shadow) {
      shadowRoots.push(shadow);
      collectControls(shadow, into, shadowRoots);
    }
    if (element.localName === 'iframe' || element.localName === 'frame') {
      const frameDocument = sameOriginDocument(element as HTMLIFrameElement);
      if (frameDocument) collectControls(frameDocument, into, shadowRoots);
    }
  }
  return into;
}

/** A frame's document, or null when it is cross-origin (which may also throw). */
function sameOriginDocument(frame: HTMLIFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null;
  }
}
