import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { E2E_EXTENSION_DIR, expect, extensionWorker, launchWithExtension, test, useSandboxAccount } from './extension';
import { expectAccessible } from './ui-helpers';

/**
 * The popup and the options page in Russian and Chinese, as Chromium shows them to a user whose
 * browser speaks that language (`--lang`): the words are the locale's, axe finds nothing, and no
 * control's text overflows or is cut off. `NUMPOOL_SCREENSHOTS=DIR` also writes screenshots.
 */
const shots = process.env.NUMPOOL_SCREENSHOTS;

function messages(locale: string): Record<string, { message: string }> {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../public/_locales/${locale}/messages.json`, import.meta.url)), 'utf8'),
  ) as Record<string, { message: string }>;
}

/** Controls whose text does not fit: wider than their box, or past the page's right edge. */
async function overflowingControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'button, a, label, [role=tab], select, h1, h2, h3, h4, .pill, .meta, dt, dd, p';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue; // not shown
      const box = el.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) continue; // for screen readers only (visually hidden)
      const text = (el.textContent ?? '').trim().slice(0, 40);
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'auto')
        out.push(`overflows: ${el.localName} "${text}"`);
      if (box.right > document.documentElement.clientWidth + 1) out.push(`past the edge: ${el.localName} "${text}"`);
    }
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth + 1) out.push('the page scrolls sideways');
    return out;
  });
}

for (const locale of ['ru', 'zh_CN']) {
  test(`the popup and the options page in ${locale}: translated, accessible, nothing cut off`, async ({ sandbox, control }) => {
    test.setTimeout(120_000);
    const words = messages(locale);
    await control.reset();
    await control.hold(true);
    const context = await launchWithExtension(E2E_EXTENSION_DIR, { lang: locale });
    try {
      const worker = await extensionWorker(context);
      await useSandboxAccount(worker, sandbox, sandbox.demoKey, { defaultCountry: 187 });
      const extensionId = new URL(worker.url()).host;

      const popup = await context.newPage();
      await popup.setViewportSize({ width: 390, height: 600 });
      await popup.goto(`chrome-extension://${extensionId}/popup.html`);
      await expect(popup.getByRole('tab', { name: new RegExp(`^${words.tabNumbers!.message}`) })).toBeVisible();
      // An order waiting, so the card with its status and actions is shown too.
      const bought = await popup.evaluate(() =>
        chrome.runtime.sendMessage({ np: 1, type: 'order.buy', payload: { service: 'wa', country: 187 } }),
      );
      expect(bought.ok).toBe(true);
      await expect(popup.getByText(words.statusWaiting!.message, { exact: true }).first()).toBeVisible();
      expect(await popup.evaluate(() => document.documentElement.lang)).toBe(locale.replace('_', '-'));
      await expectAccessible(popup, `popup (${locale})`);
      expect(await overflowingControls(popup)).toEqual([]);
      if (shots) await popup.screenshot({ path: path.join(shots, `popup-${locale}.png`) });

      const options = await context.newPage();
      await options.setViewportSize({ width: 900, height: 900 });
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      await expect(options.getByRole('heading', { level: 1, name: words.optionsTitle!.message })).toBeVisible();
      await expectAccessible(options, `options (${locale})`);
      expect(await overflowingControls(options)).toEqual([]);
      if (shots) await options.screenshot({ path: path.join(shots, `options-${locale}.png`) });
    } finally {
      await context.close();
    }
  });
}
