/**
 * Page-side UI (the in-field button, the confirmation toast) lives in closed shadow roots with
 * every inherited style reset: the page can neither read nor restyle it, and it cannot restyle
 * the page. Text is set as text, never as HTML.
 */
// `all: initial` also resets any position set from outside, so the place comes in through custom
// properties, which `all` leaves alone.
const RESET =
  ':host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483647!important;left:var(--np-left,auto)!important;top:var(--np-top,auto)!important;right:var(--np-right,auto)!important;bottom:var(--np-bottom,auto)!important}';

/** Places an overlay host in the viewport (`fixed`), in CSS pixel values such as `12px`. */
export function placeOverlay(host: HTMLElement, place: { left?: string; top?: string; right?: string; bottom?: string }): void {
  for (const [side, value] of Object.entries(place)) host.style.setProperty(`--np-${side}`, value ?? 'auto');
}

export function createOverlayHost(tag: string, css: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = RESET + css;
  root.append(style);
  return { host, root };
}

const TOAST_CSS =
  'div{font:13px/1.4 system-ui,sans-serif;color:#fff;background:#0b7a3b;padding:8px 12px;border-radius:8px;box-shadow:0 2px 8px #0004;max-width:320px}div.error{background:#a4262c}';

let current: { host: HTMLElement; timer: ReturnType<typeof setTimeout> } | undefined;

/** A brief confirmation near the bottom right of the page; a newer one replaces it. */
export function showToast(message: string, kind: 'ok' | 'error' = 'ok', ms = 4_000): void {
  if (current) {
    clearTimeout(current.timer);
    current.host.remove();
  }
  const { host, root } = createOverlayHost('numpool-toast', TOAST_CSS);
  placeOverlay(host, { right: '16px', bottom: '16px' });
  const box = document.createElement('div');
  box.className = kind;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.textContent = message;
  root.append(box);
  document.documentElement.append(host);
  current = { host, timer: setTimeout(() => host.remove(), ms) };
}
