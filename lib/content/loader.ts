import { browser } from 'wxt/browser';
import { watchDom } from '../autofill/dom-changes';
import { pageShared } from './shared';

/**
 * The part of the content script that runs on every page, kept tiny: it notices a field that may
 * be a phone or code field (or a message from the background) and only then asks the background
 * to load the autofill part into this frame. A page without such a field costs one cheap query,
 * then only a look at what its mutations add (lib/autofill/dom-changes.ts). The background may refuse (a frame of another site than the page in the address bar): then it
 * stops looking, and only a message from the background (the user chose the menu here) asks again.
 */
const LIKELY_FIELD =
  /tel|phone|mobil|cell|handy|otp|code|sms|verif|pin|2fa|one-time|телеф|мобил|код|電話|手机|验证|認証|전화|인증|هاتف|رمز|tel[eé]fono|telefone|t[eé]l[eé]phone/i;
const SCAN_LIMIT = 300;
/** Changes are looked at in bursts at most this often. */
const RECHECK_MS = 500;
const INPUTS = 'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button])';

/**
 * A cheap first look at the inputs of `scope` itself (shadow roots below it are looked at on their
 * own): attributes, labels, the text just before and lengths only; the real detection runs in
 * the loaded part. A box of 3 digits followed by one of 3 or 4 is a number split over boxes
 * (`[201] [555] [0123]`).
 */
export function hasLikelyField(scope: Document | Element | ShadowRoot): boolean {
  // Most added subtrees hold no input at all: a live count is the cheapest way to say so.
  if ('getElementsByTagName' in scope && scope.getElementsByTagName('input').length === 0 && (scope as Element).localName !== 'input')
    return false;
  const inputs: ArrayLike<HTMLInputElement> = (scope as Element).matches?.(INPUTS)
    ? [scope as HTMLInputElement]
    : scope.querySelectorAll<HTMLInputElement>(INPUTS);
  let previousMaxLength = -1;
  for (let i = 0; i < inputs.length && i < SCAN_LIMIT; i++) {
    const input = inputs[i]!;
    // Cheapest first: `labels` searches the document on every call.
    const maxLength = input.maxLength;
    if (input.type === 'tel' || maxLength === 1 || (previousMaxLength === 3 && (maxLength === 3 || maxLength === 4))) return true;
    previousMaxLength = maxLength;
    const attributes = [
      input.type,
      input.name,
      input.id,
      input.autocomplete,
      input.placeholder,
      input.inputMode,
      input.title,
      input.getAttribute('aria-label'),
    ].join(' ');
    if (LIKELY_FIELD.test(attributes)) return true;
    if (Array.from(input.labels ?? [], (l) => l.textContent).some((label) => label !== null && LIKELY_FIELD.test(label))) return true;
    if (LIKELY_FIELD.test(textBefore(input))) return true;
  }
  return false;
}

/**
 * The start of the text of the element just before the input or before one of its nearest
 * ancestors, the first found: a label that is no `<label>` (a `<div>`, the table cell before the
 * field's cell). A few text nodes at most, so a big neighbour costs no more than a label.
 */
function textBefore(input: Element): string {
  let node: Element | null = input;
  for (let depth = 0; node && depth < 3; depth++, node = node.parentElement) {
    const before = node.previousElementSibling;
    if (!before) continue;
    const walker = input.ownerDocument.createTreeWalker(before, SHOW_TEXT);
    let text = '';
    for (let i = 0; i < 8 && text.length < 80 && walker.nextNode(); i++) text += walker.currentNode.nodeValue;
    return text;
  }
  return '';
}
/** `NodeFilter.SHOW_TEXT`, without the global (a frame's realm, a test's DOM). */
const SHOW_TEXT = 4;

export function startLoader(signal: AbortSignal): void {
  const shared = pageShared();
  let state: 'idle' | 'asking' | 'loaded' | 'refused' = 'idle';

  // Only the user's own right-click says which field "Get number here" is for; a page can forge the event.
  const onContextMenu = (event: MouseEvent) => {
    if (event.isTrusted) shared.rightClicked = event.composedPath()[0] ?? null;
  };
  document.addEventListener('contextmenu', onContextMenu, { capture: true, signal });

  const onMessage = (message: unknown) => {
    if (signal.aborted || !message || typeof message !== 'object' || (message as { np?: unknown }).np !== 1) return;
    // A shortcut reaches every frame of the tab; only the one with the focus answers.
    if ((message as { event?: unknown }).event === 'shortcut.pressed' && !document.hasFocus()) return;
    if (shared.deliver) return shared.deliver(message);
    shared.queued.push(message);
    if (state === 'refused') state = 'idle';
    load();
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });

  // The page's own inputs now; the shadow roots of its web components (Shoelace and Material keep
  // their inputs there, closed roots too) in slices of a few ms. Then forms that appear later
  // (single-page apps): only what changed is looked at, the added subtrees and the shadow roots of
  // added hosts, never the whole page again. Watching stops for good once the part is asked for.
  const watching = new AbortController();
  signal.addEventListener('abort', () => watching.abort(), { once: true });
  if (hasLikelyField(document)) load();
  else {
    watchDom(document, { delayMs: RECHECK_MS, walkExisting: true, signal: watching.signal }, (changes) => {
      if (changes.added.some(hasLikelyField) || changes.shadowRoots.some(hasLikelyField)) load();
    });
  }
  function load() {
    if (state === 'asking' || state === 'loaded') return;
    state = 'asking';
    watching.abort();
    browser.runtime.sendMessage({ np: 1, type: 'page.load', payload: {} }).then(
      (reply: { ok?: boolean } | undefined) => (state = reply?.ok ? 'loaded' : 'refused'),
      () => (state = 'idle'),
    );
  }
}
