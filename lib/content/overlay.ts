/**
 * Page-side UI (the in-field button, the toast) lives in closed shadow roots. What a page could
 * use against it is taken away here:
 * - The element: a plain `<div>`, never a custom-element name. A page can define any such name
 *   first; its constructor then runs on our element and `attachInternals()` hands it even a
 *   closed shadow root. A built-in element cannot be defined, upgraded or given internals.
 * - Styles: the host's own rules come from inside the shadow root with `!important`, which beats
 *   anything the page sets, `!important` and inline styles included (inner context wins for
 *   important rules). Its place is written there too, never in properties the page can override.
 * - Text: Chromium's `window.find()` searches closed shadow roots, so visible words are CSS
 *   generated content (`content: attr(data-text)`), which find-in-page does not search; the
 *   accessible name comes from `aria-label`, which it does not search either.
 */

/** Resets everything inherited or set from outside; `display` and the place are set per host. */
const HOST_BASE = 'all:initial!important;position:fixed!important;z-index:2147483647!important;display:block!important;';
const TEXT_FROM_ATTRIBUTE = '[data-text]::before{content:attr(data-text)}';

export interface OverlayHost {
  host: HTMLElement;
  root: ShadowRoot;
  /** Sets the host's place in the viewport (CSS values such as `12px`), or hides it. */
  place(place: { left?: string; top?: string; right?: string; bottom?: string } | null): void;
}

/**
 * `role` only names the host for tests and people reading the DOM (`data-numpool`); a page can
 * list our elements anyway (that much is not defended, see the README).
 */
export function createOverlayHost(role: 'button' | 'toast', css: string): OverlayHost {
  const host = document.createElement('div');
  host.dataset.numpool = role;
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = TEXT_FROM_ATTRIBUTE + css;
  const hostRule = document.createElement('style');
  root.append(hostRule, style);
  let current = '';
  const place: OverlayHost['place'] = (where) => {
    const rule = where
      ? `:host{${HOST_BASE}${Object.entries(where)
          .map(([side, value]) => `${side}:${value}!important;`)
          .join('')}}`
      : `:host{${HOST_BASE}display:none!important}`;
    if (rule !== current) hostRule.textContent = current = rule;
  };
  place(null);
  return { host, root, place };
}

/** Shows `text` in `element` without it being text the page can search. */
export function setOverlayText(element: HTMLElement, text: string): void {
  element.setAttribute('data-text', text);
  element.setAttribute('aria-label', text);
}

const TOAST_CSS =
  'div{font:13px/1.4 system-ui,sans-serif;color:#fff;background:#0b7a3b;padding:8px 12px;border-radius:8px;box-shadow:0 2px 8px #0004;max-width:320px}div.error{background:#a4262c}';

let current: { host: HTMLElement; timer: ReturnType<typeof setTimeout> } | undefined;

/**
 * A brief message near the bottom right of the page; a newer one replaces it. It never says
 * anything about the wallet, limits or prices: a page can read what is drawn in it.
 */
export function showToast(message: string, kind: 'ok' | 'error' = 'ok', ms = 4_000): void {
  hideToast();
  const { host, root, place } = createOverlayHost('toast', TOAST_CSS);
  place({ right: '16px', bottom: '16px' });
  const box = document.createElement('div');
  box.className = kind;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  setOverlayText(box, message);
  root.append(box);
  document.documentElement.append(host);
  current = { host, timer: setTimeout(hideToast, ms) };
}

export function hideToast(): void {
  if (!current) return;
  clearTimeout(current.timer);
  current.host.remove();
  current = undefined;
}
