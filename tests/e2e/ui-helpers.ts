import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Frame, Locator, Page, Worker } from '@playwright/test';
import { MIN_SEEN_MS, SETTLE_MS } from '../../lib/content/visibility';
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
export async function connectToSandbox(
  context: BrowserContext,
  extensionId: string,
  sandbox: Sandbox,
  key = sandbox.demoKey,
): Promise<Page> {
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
    const violations = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
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
  return popup
    .getByRole('region', { name: /^Active numbers/ })
    .getByRole('article')
    .first();
}

/**
 * The in-field button of `field`, as drawn: it lives in a closed shadow root, so it is found by its
 * host, inside the field. `field`: a selector (open shadow roots pierced) or a locator of the field
 * or of the element drawn around it (a web component whose input is in a closed root).
 */
export async function fieldButtonBox(
  page: Page | Frame,
  field: string | Locator,
  where: 'inside' | 'beside' = 'inside',
): Promise<{ x: number; y: number; width: number; height: number }> {
  const input = typeof field === 'string' ? page.locator(field).first() : field;
  await expect(input).toBeVisible();
  // The host is drawn only while its field is wholly in view; wait until it sits inside the field
  // (or, beside the last box of a split number, just right of it and level with it).
  let box: { x: number; y: number; width: number; height: number } | null = null;
  await expect
    .poll(
      async () => {
        const fieldBox = await input.boundingBox();
        for (const host of await page.locator('[data-numpool=button]').all()) {
          const b = await host.boundingBox();
          const level = b && fieldBox && Math.abs(b.y + b.height / 2 - (fieldBox.y + fieldBox.height / 2)) <= 1;
          const across =
            b &&
            fieldBox &&
            (where === 'inside' ? b.x > fieldBox.x && b.x + b.width <= fieldBox.x + fieldBox.width : b.x >= fieldBox.x + fieldBox.width);
          if (b && b.width > 0 && level && across) {
            box = b;
            return true;
          }
        }
        return false;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return box!;
}

/**
 * Clicks the in-field button as a user does: it has been in view a moment (a click on a button
 * that just appeared asks for confirmation instead), the pointer moved onto it, at its centre,
 * with the real mouse. Every e2e
 * test clicks the button through here, so a rule about when a click counts lives in one place.
 */
export async function clickFieldButton(
  page: Page,
  field: string | Locator,
  which: 'only' | 'first' | 'last' = 'only',
  where: 'inside' | 'beside' = 'inside',
): Promise<void> {
  await fieldButtonBox(page, field, where);
  await page.waitForTimeout(MIN_SEEN_MS + 300);
  const box = await fieldButtonBox(page, field, where);
  // With a rented number there are two buttons side by side: the rented one first, then "new".
  const x = which === 'first' ? box.x + 12 : which === 'last' ? box.x + box.width - 12 : box.x + box.width / 2;
  // The pointer comes to the button from beside it, as a hand does (a press with no move on the
  // button is what a window closing under a still pointer produces, and it asks).
  await page.mouse.move(box.x - 40, box.y + box.height / 2);
  await page.mouse.move(x, box.y + box.height / 2, { steps: 4 });
  await page.mouse.click(x, box.y + box.height / 2);
  // The click is judged a moment later (see lib/content/visibility.ts).
  await page.waitForTimeout(SETTLE_MS);
}

/**
 * The confirmation window an in-page purchase opened: checks it names what the user expects, then
 * presses Buy (enabled after a moment, so the click that opened the window cannot press it).
 */
export async function confirmInWindow(context: BrowserContext, expected: RegExp): Promise<void> {
  await expect.poll(() => context.pages().some((p) => p.url().includes('/confirm.html')), { timeout: 10_000 }).toBe(true);
  const window = context.pages().find((p) => p.url().includes('/confirm.html'))!;
  await expect(window.getByRole('main')).toContainText(expected);
  await window.getByRole('button', { name: /^Buy for / }).click();
}

/** What the e2e build exposes in its worker (see entrypoints/background.ts). */
type TestHooks = { numpoolTest: { menuClick: (info: unknown, tab: unknown) => void; command: (command: string, tab: unknown) => void } };

/** The tab showing `page`, as the browser passes it to menu and shortcut handlers. */
async function tabOf(worker: Worker, page: Page): Promise<{ id: number; url: string }> {
  const url = page.url();
  const id = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return { id, url };
}

/**
 * Chooses "Get number here" on the field just right-clicked. Playwright cannot click Chromium's
 * own context menu, so this calls the menu's handler as the browser would (the e2e build's hook).
 */
export async function chooseGetNumberHere(
  worker: Worker,
  page: Page,
  frame: { frameId: number; frameUrl: string } = { frameId: 0, frameUrl: page.url() },
): Promise<void> {
  const tab = await tabOf(worker, page);
  await worker.evaluate(
    ({ tab, frame }) =>
      (globalThis as unknown as TestHooks).numpoolTest.menuClick(
        { menuItemId: 'numpool-get-number', frameId: frame.frameId, frameUrl: frame.frameUrl, pageUrl: tab.url },
        tab,
      ),
    { tab, frame },
  );
}

/**
 * Presses one of the extension's keyboard shortcuts on `page`. Headless Chromium does not route
 * extension shortcuts (they belong to the browser window's UI), so this calls the same handler
 * the browser calls for the command (the e2e build's hook).
 */
export async function pressShortcut(worker: Worker, page: Page, command: 'get-number' | 'copy-code'): Promise<void> {
  const tab = await tabOf(worker, page);
  await worker.evaluate(({ command, tab }) => (globalThis as unknown as TestHooks).numpoolTest.command(command, tab), { command, tab });
}
