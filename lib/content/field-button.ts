import { createOverlayHost, placeOverlay } from './overlay';

const SIZE = 22;
const CSS = `button{all:unset;box-sizing:border-box;width:${SIZE}px;height:${SIZE}px;border-radius:50%;background:#0b7a3b;color:#fff;font:bold 12px/${SIZE}px system-ui,sans-serif;text-align:center;cursor:pointer}button:focus-visible{outline:2px solid #1a73e8;outline-offset:2px}button[aria-busy=true]{opacity:.6;cursor:progress}`;

/**
 * The small button inside a phone field: placed over the field's right edge, kept there while the
 * page scrolls or resizes, removed with `signal`. `onClick` gets only trusted clicks: a page can
 * forge events, and this button spends money.
 */
export function attachFieldButton(field: HTMLInputElement, label: string, onClick: (button: HTMLButtonElement) => void, signal: AbortSignal): HTMLButtonElement {
  const { host, root } = createOverlayHost('numpool-field-button', CSS);
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = '#';
  button.title = label;
  button.setAttribute('aria-label', label);
  root.append(button);
  document.documentElement.append(host);

  const place = () => {
    const box = field.getBoundingClientRect();
    const hidden = box.width === 0 || !field.isConnected;
    button.style.display = hidden ? 'none' : '';
    placeOverlay(host, { left: `${Math.round(box.right - SIZE - 6)}px`, top: `${Math.round(box.top + (box.height - SIZE) / 2)}px` });
  };
  place();
  const options = { capture: true, passive: true, signal };
  window.addEventListener('scroll', place, options);
  window.addEventListener('resize', place, options);
  button.addEventListener(
    'click',
    (event) => {
      event.preventDefault();
      event.stopPropagation();
      if (event.isTrusted) onClick(button);
    },
    { signal },
  );
  signal.addEventListener('abort', () => host.remove(), { once: true });
  return button;
}
