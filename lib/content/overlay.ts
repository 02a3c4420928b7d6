/**
 * Page-side UI (the in-field button, the confirmation toast) lives in closed shadow roots with
 * every inherited style reset: the page can neither read nor restyle it, and it cannot restyle
 * the page. Text is set as text, never as HTML.
 */
const RESET = ':host{all:initial!important;position:fixed!important;z-index:2147483647!important}';

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

/** A brief confirmation near the bottom right of the page. */
export function showToast(message: string, kind: 'ok' | 'error' = 'ok', ms = 4_000): void {
  const { host, root } = createOverlayHost('numpool-toast', TOAST_CSS);
  host.style.setProperty('right', '16px', 'important');
  host.style.setProperty('bottom', '16px', 'important');
  const box = document.createElement('div');
  box.className = kind;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.textContent = message;
  root.append(box);
  document.documentElement.append(host);
  setTimeout(() => host.remove(), ms);
}
