import type { BrowserContext, Worker } from '@playwright/test';
import { SandboxControl } from '../sandbox/control-client';
import type { Sandbox } from '../sandbox/server';
import { evaluateInToolbarPopup, extensionWorker, useSandboxAccount } from '../e2e/extension';
import { quantile } from './stats';
import { STORAGE_KEYS } from '../../lib/state/keys';

/** Milliseconds from the start of navigation, median and p95 over the opens. */
export interface Spread {
  medianMs: number;
  p95Ms: number;
}

export interface PopupOpenResult {
  opens: number;
  orders: number;
  /** The first frame that paints the known orders and the balance: the figure the goal is about. */
  shown: Spread;
  /** The very first open, before Chromium has cached the compiled scripts. */
  firstOpenMs: number;
  /** Where the time goes: the HTML parsed, then the scripts loaded and run. */
  htmlParsed: Spread;
  scriptsRun: Spread;
  /** The real toolbar popup, opened by `action.openPopup()`, as the user sees it. */
  toolbar: { opens: number; scriptsRun: Spread; loaded: Spread; firstPaint: Spread };
}

/**
 * Runs in the popup page before its own scripts: checks every animation frame whether the orders
 * and the balance are in the DOM, and keeps the time of the first frame that has them (that frame
 * paints them). A string, not a function: the bench runs through tsx, whose helpers would not exist
 * in the page.
 */
const RECORD_SHOWN = `(() => {
  const check = (now) => {
    const shown = document.querySelectorAll('[data-order-id]').length >= 3 && document.querySelector('[data-testid=balance]') !== null;
    if (shown) window.numpoolShownAt = now;
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

const spread = (values: number[]): Spread => ({ medianMs: Math.round(quantile(values, 0.5)), p95Ms: Math.round(quantile(values, 0.95)) });

/**
 * Opens the popup page several times with three known orders and a known balance (both come from
 * storage; the refresh with the server happens behind them) and measures, inside the page, when
 * they are first painted. Opened as a tab, the page can be watched from before its own scripts
 * run; the real toolbar popup is measured too, from the outside (`toolbarPopupTimes`).
 */
export async function popupOpenTime(context: BrowserContext, extensionId: string, sandbox: Sandbox, opens = 25): Promise<PopupOpenResult> {
  const control = new SandboxControl(sandbox.controlUrl);
  const { key } = await control.createKey({ balance: 20 });
  await control.hold(true);
  const worker = await extensionWorker(context);
  await useSandboxAccount(worker, sandbox, key);
  // Builds from before the key moved to the background's IndexedDB (#10) read it from storage.local:
  // written there too, the same bench measures them (the newer builds never read that entry again).
  await worker.evaluate(({ name, key }) => chrome.storage.local.set({ [name]: key }), { name: STORAGE_KEYS.legacyApiKey, key });
  const setup = await context.newPage();
  await setup.goto(`chrome-extension://${extensionId}/popup.html`);
  for (const service of ['wa', 'tg', 'ds']) {
    const r = await setup.evaluate((payload) => chrome.runtime.sendMessage({ np: 1, type: 'order.buy', payload }), { service, country: 187 });
    if (!r.ok) throw new Error(`The purchase for the popup bench failed: ${JSON.stringify(r.error)}`);
  }
  await setup.evaluate(() => chrome.runtime.sendMessage({ np: 1, type: 'balance.refresh', payload: {} }));
  await setup.close();

  await context.addInitScript(RECORD_SHOWN);
  const shown: number[] = [];
  const parsed: number[] = [];
  const scripts: number[] = [];
  for (let i = 0; i < opens; i++) {
    // A person opens the popup now and then, not back to back: let the last close settle first.
    await new Promise((r) => setTimeout(r, 300));
    const page = await context.newPage();
    // Nothing may run in the page while it opens: Playwright's first call into a page compiles a
    // large helper script there, which would take the main thread from the popup. So wait for the
    // load event (reported by the browser), give the popup time to paint, and only then ask.
    await page.goto(`chrome-extension://${extensionId}/popup.html`, { waitUntil: 'load' });
    await new Promise((r) => setTimeout(r, 500));
    if (!(await page.evaluate(() => 'numpoolShownAt' in window))) throw new Error('The popup did not show the orders and the balance within 500 ms of loading.');
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { shown: (window as unknown as { numpoolShownAt: number }).numpoolShownAt, parsed: nav.domInteractive, scripts: nav.domContentLoadedEventEnd };
    });
    shown.push(t.shown);
    parsed.push(t.parsed);
    scripts.push(t.scripts);
    await page.close();
  }
  const toolbar = await toolbarPopupTimes(context, worker, Math.round(opens / 2));
  return { opens, orders: 3, shown: spread(shown), firstOpenMs: Math.round(shown[0]!), htmlParsed: spread(parsed), scriptsRun: spread(scripts), toolbar };
}

/**
 * Opens the real toolbar popup and reads, after it settled, when its scripts had run and when its
 * first paint reached the screen. That paint already holds the orders and the balance (the popup
 * renders once, with the stored data), but it also includes Chrome creating and showing the popup
 * window. Playwright does not expose the popup as a page, so it is reached through the browser's
 * DevTools protocol; nothing runs in it until it has painted.
 */
export async function toolbarPopupTimes(context: BrowserContext, worker: Worker, opens: number): Promise<PopupOpenResult['toolbar']> {
  const tab = await context.newPage();
  await tab.goto('data:text/html,<title>a page</title>');
  const cdp = await context.browser()!.newBrowserCDPSession();
  const scripts: number[] = [];
  const loads: number[] = [];
  const paints: number[] = [];
  for (let i = 0; i < opens; i++) {
    await new Promise((r) => setTimeout(r, 300));
    await tab.bringToFront();
    await worker.evaluate(() => chrome.action.openPopup());
    await new Promise((r) => setTimeout(r, 700));
    const t = await evaluateInToolbarPopup<{ scripts: number; loaded: number; paint: number | null; orders: number }>(
      cdp,
      `(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const orders = document.querySelectorAll('[data-order-id]').length;
        window.close();
        return { scripts: nav.domContentLoadedEventEnd, loaded: nav.loadEventEnd, paint: paint ? paint.startTime : null, orders };
      })()`,
    );
    if (t.paint === null || t.orders < 3) throw new Error(`The toolbar popup did not paint the orders (${t.orders} shown).`);
    scripts.push(t.scripts);
    loads.push(t.loaded);
    paints.push(t.paint);
  }
  await cdp.detach();
  await tab.close();
  return { opens, scriptsRun: spread(scripts), loaded: spread(loads), firstPaint: spread(paints) };
}
