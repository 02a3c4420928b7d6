import type { BrowserContext, Worker } from '@playwright/test';
import { SandboxControl } from '../sandbox/control-client';
import type { Sandbox } from '../sandbox/server';
import { evaluateInToolbarPopup, extensionWorker, useSandboxAccount } from '../e2e/extension';
import { quantile } from './stats';
import { STORAGE_KEYS } from '../../lib/state/keys';

/**
 * Milliseconds from the start of navigation over the opens: median, p95 and mean. A toolbar
 * popup's paints land on the display's frames (about 16.7 ms apart), so medians move in whole
 * frames; the mean shows what moved in between.
 */
export interface Spread {
  medianMs: number;
  p95Ms: number;
  meanMs: number;
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

const spread = (values: number[]): Spread => ({
  medianMs: Math.round(quantile(values, 0.5)),
  p95Ms: Math.round(quantile(values, 0.95)),
  meanMs: Math.round(values.reduce((sum, v) => sum + v, 0) / values.length),
});

/**
 * Gives the extension in `context` an account with three known orders and a known balance (both
 * reach the popup from storage; the refresh with the server happens behind them).
 */
export async function preparePopupAccount(context: BrowserContext, extensionId: string, sandbox: Sandbox): Promise<Worker> {
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
    const r = await setup.evaluate((payload) => chrome.runtime.sendMessage({ np: 1, type: 'order.buy', payload }), {
      service,
      country: 187,
    });
    if (!r.ok) throw new Error(`The purchase for the popup bench failed: ${JSON.stringify(r.error)}`);
  }
  await setup.evaluate(() => chrome.runtime.sendMessage({ np: 1, type: 'balance.refresh', payload: {} }));
  await setup.close();
  return worker;
}

/**
 * Opens the popup page several times (the account from `preparePopupAccount`) and measures, inside
 * the page, when the orders and the balance are first painted. Opened as a tab, the page can be
 * watched from before its own scripts run; the real toolbar popup is measured too, from the
 * outside (`toolbarPopupTimes`), unless `toolbarOpens` is 0.
 */
export async function popupOpenTime(
  context: BrowserContext,
  extensionId: string,
  sandbox: Sandbox,
  opens = 25,
  toolbarOpens = Math.round(opens / 2),
): Promise<PopupOpenResult> {
  const worker = await preparePopupAccount(context, extensionId, sandbox);
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
    if (!(await page.evaluate(() => 'numpoolShownAt' in window)))
      throw new Error('The popup did not show the orders and the balance within 500 ms of loading.');
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        shown: (window as unknown as { numpoolShownAt: number }).numpoolShownAt,
        parsed: nav.domInteractive,
        scripts: nav.domContentLoadedEventEnd,
      };
    });
    shown.push(t.shown);
    parsed.push(t.parsed);
    scripts.push(t.scripts);
    await page.close();
  }
  const toolbar =
    toolbarOpens > 0
      ? await toolbarPopupTimes(context, worker, toolbarOpens)
      : { opens: 0, scriptsRun: spread([]), loaded: spread([]), firstPaint: spread([]) };
  return {
    opens,
    orders: 3,
    shown: spread(shown),
    firstOpenMs: Math.round(shown[0]!),
    htmlParsed: spread(parsed),
    scriptsRun: spread(scripts),
    toolbar,
  };
}

/** One toolbar open, read after it settled: when its scripts had run, its load event, its first paint. */
interface ToolbarOpen {
  scripts: number;
  loaded: number;
  paint: number;
}

/**
 * Opens the real toolbar popup of the extension in `context`, on demand, and reads, after it
 * settled, when its scripts had run and when its first paint reached the screen. That paint
 * already holds the orders and the balance (the popup renders once, with the stored data), but it
 * also includes Chrome creating and showing the popup window. Playwright does not expose the
 * popup as a page, so it is reached through the browser's DevTools protocol; nothing runs in it
 * until it has painted.
 */
async function toolbarOpener(context: BrowserContext, worker: Worker) {
  const tab = await context.newPage();
  await tab.goto('data:text/html,<title>a page</title>');
  const cdp = await context.browser()!.newBrowserCDPSession();
  return {
    async open(): Promise<ToolbarOpen> {
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
      return { scripts: t.scripts, loaded: t.loaded, paint: t.paint };
    },
    async close(): Promise<void> {
      await cdp.detach();
      await tab.close();
    },
  };
}

const toolbarSpread = (opens: ToolbarOpen[]): PopupOpenResult['toolbar'] => ({
  opens: opens.length,
  scriptsRun: spread(opens.map((o) => o.scripts)),
  loaded: spread(opens.map((o) => o.loaded)),
  firstPaint: spread(opens.map((o) => o.paint)),
});

/** The real toolbar popup, opened `opens` times, 300 ms apart (see `toolbarOpener`). */
export async function toolbarPopupTimes(context: BrowserContext, worker: Worker, opens: number): Promise<PopupOpenResult['toolbar']> {
  const opener = await toolbarOpener(context, worker);
  const times: ToolbarOpen[] = [];
  for (let i = 0; i < opens; i++) {
    await new Promise((r) => setTimeout(r, 300));
    times.push(await opener.open());
  }
  await opener.close();
  return toolbarSpread(times);
}

/**
 * The toolbar popups of several browsers (builds and references, each in its own browser), opened
 * in turns: each round opens every one once, in a new random order. On a busy machine a build
 * measured a minute after another meets another load; in turns, they meet the same.
 */
export async function toolbarPopupsInTurns(
  targets: { label: string; context: BrowserContext; worker: Worker }[],
  rounds: number,
): Promise<Record<string, PopupOpenResult['toolbar']>> {
  const openers = await Promise.all(
    targets.map(async (t) => ({ label: t.label, opener: await toolbarOpener(t.context, t.worker), times: [] as ToolbarOpen[] })),
  );
  for (let round = 0; round < rounds; round++) {
    const order = [...openers].sort(() => Math.random() - 0.5);
    for (const o of order) {
      await new Promise((r) => setTimeout(r, 300));
      o.times.push(await o.opener.open());
    }
  }
  for (const o of openers) await o.opener.close();
  return Object.fromEntries(openers.map((o) => [o.label, toolbarSpread(o.times)]));
}
