import type { BrowserContext } from '@playwright/test';
import { SandboxControl } from '../sandbox/control-client';
import type { Sandbox } from '../sandbox/server';
import { extensionWorker, useSandboxAccount } from '../e2e/extension';
import { quantile } from './code-latency';

export interface PopupOpenResult {
  opens: number;
  /** From navigation start to the known orders and the balance being on screen. */
  medianMs: number;
  p95Ms: number;
  orders: number;
}

/**
 * Opens the popup page several times with three known orders and a known balance, and measures
 * when both are shown (they come from storage at once; the refresh happens behind them).
 */
export async function popupOpenTime(context: BrowserContext, extensionId: string, sandbox: Sandbox, opens = 15): Promise<PopupOpenResult> {
  const control = new SandboxControl(sandbox.controlUrl);
  const { key } = await control.createKey({ balance: 20 });
  await control.hold(true);
  const worker = await extensionWorker(context);
  await useSandboxAccount(worker, sandbox, key);
  const setup = await context.newPage();
  await setup.goto(`chrome-extension://${extensionId}/popup.html`);
  for (const service of ['wa', 'tg', 'ds']) {
    const r = await setup.evaluate((payload) => chrome.runtime.sendMessage({ np: 1, type: 'order.buy', payload }), { service, country: 187 });
    if (!r.ok) throw new Error(r.error.message);
  }
  await setup.evaluate(() => chrome.runtime.sendMessage({ np: 1, type: 'balance.refresh', payload: {} }));
  await setup.close();

  const times: number[] = [];
  for (let i = 0; i < opens; i++) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/popup.html`, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelectorAll('[data-order-id]').length >= 3 && document.querySelector('[data-testid=balance]') !== null, undefined, { polling: 'raf' });
    times.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  return { opens, medianMs: Math.round(quantile(times, 0.5)), p95Ms: Math.round(quantile(times, 0.95)), orders: 3 };
}
