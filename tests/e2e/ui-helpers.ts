import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { Sandbox } from '../sandbox/server';
import { expect } from './extension';

/**
 * Page objects for the popup and the options page, driven the way a user drives them: by role and
 * visible name. Text comes from public/_locales/en/messages.json.
 */

export async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { name: 'NumPool options' })).toBeVisible();
  return page;
}

/** A popup-sized page on popup.html (the toolbar popup itself cannot be opened by Playwright). */
export async function openPopup(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 600 });
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(page.getByRole('heading', { name: 'NumPool', exact: true })).toBeVisible();
  return page;
}

/** Options → Advanced → API base URL, as a user pointing the extension at the sandbox would. */
export async function setBaseUrl(options: Page, baseUrl: string): Promise<void> {
  const advanced = options.getByRole('region', { name: 'Advanced' });
  await advanced.getByLabel('API base URL').fill(baseUrl);
  await advanced.getByRole('button', { name: 'Save' }).click();
  await expect(advanced.getByRole('status')).toHaveText('Saved.');
}

/** Options → API key: the key is checked against the sandbox and saved. */
export async function saveKey(options: Page, key: string): Promise<void> {
  const section = options.getByRole('region', { name: 'API key' });
  await section.getByLabel('API key', { exact: true }).fill(key);
  await section.getByRole('button', { name: 'Check and save' }).click();
  await expect(section.getByText(/^Key saved\. Your balance is/)).toBeVisible();
}

/** Sandbox URL, then the key, through the options page; returns the options page. */
export async function connectToSandbox(context: BrowserContext, extensionId: string, sandbox: Sandbox, key = sandbox.demoKey): Promise<Page> {
  const options = await openOptions(context, extensionId);
  await setBaseUrl(options, sandbox.baseUrl);
  await saveKey(options, key);
  return options;
}

/** axe-core (WCAG 2.1 A and AA) on the page as it is, in the light and the dark theme. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const violations = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(violations, `axe on ${screen} (${colorScheme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

/** Buys from the popup: service by search, country by name; returns the new order's card. */
export async function buyFromPopup(popup: Page, service: string, country: string) {
  const buy = popup.getByRole('region', { name: 'Buy a number' });
  // After a purchase the panel keeps the service: go back to the list first.
  const change = buy.getByRole('button', { name: 'Change' });
  if (await change.isVisible()) await change.click();
  await buy.getByRole('searchbox', { name: 'Service' }).fill(service);
  await buy.getByRole('searchbox', { name: 'Service' }).press('Enter');
  await buy.getByRole('radio', { name: new RegExp(country) }).check();
  const button = buy.getByRole('button', { name: /^Buy number for / });
  await button.click();
  return popup.getByRole('region', { name: /^Active numbers/ }).getByRole('article').first();
}

/**
 * Clicks the in-field button of a phone field where a user would: it lives in a closed shadow root,
 * so it is found by its host and clicked by position, after checking it sits inside the field, at its
 * right edge. `field`: a selector (open shadow roots pierced) or a locator of the field or of the
 * element drawn around it (a web component whose input is in a closed root). Every e2e test clicks
 * the button through here, so that a rule about when a click counts lives in one place.
 */
export async function clickFieldButton(page: Page, field: string | Locator): Promise<void> {
  const host = page.locator('numpool-field-button').first();
  await expect(host).toBeAttached({ timeout: 10_000 });
  const input = typeof field === 'string' ? page.locator(field).first() : field;
  await expect
    .poll(async () => {
      const [button, box] = [await host.boundingBox(), await input.boundingBox()];
      return !!button && !!box && button.x > box.x + box.width / 2 && button.x + button.width <= box.x + box.width + 0.5 && button.y >= box.y - 1 && button.y + button.height <= box.y + box.height + 1;
    }, { message: 'the button sits inside the field, at its right edge' })
    .toBe(true);
  const box = (await host.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}
