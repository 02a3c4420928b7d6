/** Gathers a page's form controls: its own, and those in open shadow roots and same-origin frames. */
import type { FormControl } from './field-snapshot';

/** Inputs and selects under `root`, then those of the open shadow roots and same-origin frames beneath it. */
export function collectControls(root: Document | Element | ShadowRoot, into: FormControl[] = []): FormControl[] {
  into.push(...Array.from(root.querySelectorAll<FormControl>('input,select')));
  // A live collection iterates much faster than a static querySelectorAll('*') list.
  const elements = 'getElementsByTagName' in root ? root.getElementsByTagName('*') : root.querySelectorAll('*');
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index]!;
    if (element.shadowRoot) collectControls(element.shadowRoot, into);
    if (element.localName === 'iframe' || element.localName === 'frame') {
      const frameDocument = sameOriginDocument(element as HTMLIFrameElement);
      if (frameDocument) collectControls(frameDocument, into);
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
