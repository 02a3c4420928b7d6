import { browser } from 'wxt/browser';
import { pageShared } from './shared';

/** How often an idle page checks that the extension is still there: one property read. */
const CHECK_MS = 1_000;

/** Whether the extension that injected this script still runs (not updated, reloaded or disabled). */
export function extensionAlive(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}

/**
 * The life of one part of the content script in this frame. It ends when the extension is
 * updated, reloaded or disabled (the script is orphaned: `runtime.id` is gone), or when the same
 * part is injected again (the older copy stops first). Everything the part added (UI, observers,
 * listeners) hangs on the returned signal.
 */
export function partLifetime(part: 'loader' | 'autofill'): AbortSignal {
  const shared = pageShared();
  shared.stop[part]?.();
  const controller = new AbortController();
  const stop = () => controller.abort();
  shared.stop[part] = stop;
  const timer = setInterval(() => {
    if (!extensionAlive()) stop();
  }, CHECK_MS);
  controller.signal.addEventListener(
    'abort',
    () => {
      clearInterval(timer);
      if (shared.stop[part] === stop) delete shared.stop[part];
    },
    { once: true },
  );
  return controller.signal;
}
