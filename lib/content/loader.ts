import { browser } from 'wxt/browser';
import { shadowRootOf } from '../autofill/collect-controls';
import { pageShared } from './shared';

/**
 * The part of the content script that runs on every page, kept tiny: it notices a field that may
 * be a phone or code field (or a message from the background) and only then asks the background
 * to load the autofill part into this frame. A page without such a field costs one cheap query.
 * The background may refuse (a frame of another site than the page in the address bar): then it
 * stops looking, and only a message from the background (the user chose the menu here) asks again.
 */
const LIKELY_FIELD = /tel|phone|mobil|cell|handy|otp|code|sms|verif|pin|2fa|one-time|телеф|мобил|код|電話|手机|验证|認証|전화|인증|هاتف|رمز|tel[eé]fono|telefone|t[eé]l[eé]phone/i;
const SCAN_LIMIT = 300;
const RECHECK_MS = 500;

/** A cheap first look: attributes and labels only; the real detection runs in the loaded part. */
function hasLikelyField(root: Document | ShadowRoot): boolean {
  const inputs = root.querySelectorAll<HTMLInputElement>('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button])');
  for (let i = 0; i < inputs.length && i < SCAN_LIMIT; i++) {
    const input = inputs[i]!;
    // Cheapest first: `labels` searches the document on every call.
    if (input.type === 'tel' || input.maxLength === 1) return true;
    const attributes = [input.type, input.name, input.id, input.autocomplete, input.placeholder, input.inputMode, input.getAttribute('aria-label')].join(' ');
    if (LIKELY_FIELD.test(attributes)) return true;
    if (Array.from(input.labels ?? [], (l) => l.textContent).some((label) => label !== null && LIKELY_FIELD.test(label))) return true;
  }
  // Web components (Shoelace, Material) keep their inputs in shadow roots, closed ones too.
  const elements = root.querySelectorAll('*');
  for (let i = 0; i < elements.length; i++) {
    const shadow = elements[i]!.localName.includes('-') ? shadowRootOf(elements[i]!) : null;
    if (shadow && hasLikelyField(shadow)) return true;
  }
  return false;
}

export function startLoader(signal: AbortSignal): void {
  const shared = pageShared();
  let state: 'idle' | 'asking' | 'loaded' | 'refused' = 'idle';
  const load = () => {
    if (state === 'asking' || state === 'loaded') return;
    state = 'asking';
    observer.disconnect();
    browser.runtime.sendMessage({ np: 1, type: 'page.load', payload: {} }).then(
      (reply: { ok?: boolean } | undefined) => (state = reply?.ok ? 'loaded' : 'refused'),
      () => (state = 'idle'),
    );
  };

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

  // Forms that appear later (single-page apps): look again at most every 500 ms, only after changes.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    timer ??= setTimeout(() => {
      timer = undefined;
      if (!signal.aborted && hasLikelyField(document)) load();
    }, RECHECK_MS);
  });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      clearTimeout(timer);
    },
    { once: true },
  );
  if (hasLikelyField(document)) load();
  else observer.observe(document.documentElement, { childList: true, subtree: true });
}
