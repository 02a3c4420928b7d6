import type { ElementHandle, Page } from 'puppeteer-core';
import type { Sandbox } from '../../sandbox/server';
import type { Firefox } from './firefox';

/**
 * Page objects for the Firefox suite: every step a user takes, by role and visible name (text from
 * public/_locales/en/messages.json), in one place. The Chromium suite's twins (ui-helpers.ts) use
 * Playwright's locators; these use puppeteer's ARIA and text selectors over WebDriver BiDi.
 */

/** Exact accessible name and role, as a screen reader would announce them. */
export const byRole = (role: string, name: string) => `::-p-aria([name=${JSON.stringify(name)}][role="${role}"])`;
/** The input a `<label>` with exactly this text names (a password field has no ARIA role to query by). */
export const byLabel = (label: string) => `::-p-xpath(.//input[@id = //label[normalize-space(.) = ${JSON.stringify(label)}]/@for])`;
/** The innermost element whose text contains `text`. */
export const byText = (text: string) => `::-p-text(${text})`;

type Scope = Page | ElementHandle;

export async function find(scope: Scope, selector: string, timeout = 10_000): Promise<ElementHandle> {
  const element = await scope.waitForSelector(selector, { timeout });
  if (!element) throw new Error(`not found: ${selector}`);
  return element as ElementHandle;
}

/** Replaces a field's text as typing would (select all, type). */
export async function fill(field: ElementHandle, value: string): Promise<void> {
  await (field as ElementHandle<HTMLInputElement>).asLocator().fill(value);
}

export async function textOf(scope: Scope, selector: string): Promise<string | null> {
  const element = await scope.$(selector);
  return element ? element.evaluate((el) => el.textContent) : null;
}

/** Options → Advanced → API base URL. */
export async function setBaseUrl(options: Page, baseUrl: string): Promise<void> {
  const advanced = await find(options, byRole('region', 'Advanced'));
  await fill(await find(advanced, byRole('textbox', 'API base URL')), baseUrl);
  await (await find(advanced, byRole('button', 'Save'))).click();
  await find(advanced, byText('Saved.'));
}

/** Types a key into the key form of the options page or the popup and asks to check and save it. */
export async function submitKey(page: Page, key: string): Promise<void> {
  await fill(await find(page, byLabel('API key')), key);
  await (await find(page, byRole('button', 'Check and save'))).click();
}

/** Base URL and key through the options page, as a first-time user does; the key is checked by the server. */
export async function connectToServer(firefox: Firefox, baseUrl: string, key: string): Promise<Page> {
  const options = await firefox.openExtensionPage('options.html');
  await setBaseUrl(options, baseUrl);
  await submitKey(options, key);
  await find(options, byText('Key saved. Your balance is'));
  return options;
}

export const connectToSandbox = (firefox: Firefox, sandbox: Sandbox) => connectToServer(firefox, sandbox.baseUrl, sandbox.demoKey);

/** The popup, as a popup-sized tab on popup.html. */
export async function openPopup(firefox: Firefox): Promise<Page> {
  const popup = await firefox.openExtensionPage('popup.html', { width: 390, height: 600 });
  await find(popup, byRole('heading', 'NumPool'));
  return popup;
}

/** Buys from the popup: service by search, country by name; returns the new order's card. */
export async function buyFromPopup(popup: Page, service: string, country: string): Promise<ElementHandle> {
  const buy = await find(popup, byRole('region', 'Buy a number'));
  await fill(await find(buy, byRole('searchbox', 'Service')), service);
  await popup.keyboard.press('Enter');
  const option = await find(
    buy,
    `::-p-xpath(.//label[contains(@class, "country-option")][.//*[contains(@class, "country-name")][contains(., ${JSON.stringify(country)})]])`,
  );
  await option.click();
  await (await find(buy, byText('Buy number for'))).click();
  return find(popup, 'article.order-card');
}

/**
 * In-page steps. Firefox has no IntersectionObserver v2, so the extension cannot tell that its
 * in-field button was in plain view: a purchase from it always asks in an extension window.
 */

/** Clicks the in-field button (in a closed shadow root) where a user would: a real, trusted click. */
export async function clickFieldButton(page: Page): Promise<void> {
  let box = { x: 0, y: 0, width: 0 };
  // The button is drawn once its field is in view; until then it has no size.
  for (const deadline = Date.now() + 10_000; box.width === 0; await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > deadline) throw new Error('the in-field button has no size');
    const host = await find(page, '[data-numpool=button]');
    box = await host.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, width: r.width };
    });
  }
  await page.mouse.click(box.x, box.y);
}

/**
 * The confirmation window the click opened: checks it names the service and price, then presses
 * Buy once it is enabled (it waits a moment, so the click that opened it cannot press it).
 */
export async function confirmInWindow(firefox: Firefox, expect: { service: string; price: RegExp }): Promise<Page> {
  const window = await pageShowing(firefox, '/confirm.html');
  await find(window, byText(expect.service));
  const buy = await find(window, '::-p-xpath(//button[starts-with(normalize-space(.), "Buy for")])');
  const label = await buy.evaluate((b) => b.textContent ?? '');
  if (!expect.price.test(label)) throw new Error(`the window asks for ${label}`);
  // Armed shows as aria-disabled (a disabled button would drop a keyboard user's focus).
  const disarmed = () => buy.evaluate((b) => (b as HTMLButtonElement).disabled || b.getAttribute('aria-disabled') === 'true');
  for (const deadline = Date.now() + 5_000; await disarmed(); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > deadline) throw new Error('Buy stayed disabled');
  }
  await buy.click();
  return window;
}

/** The open pages whose document is at `path` (over BiDi, each is asked where it is). */
export async function pagesShowing(firefox: Firefox, path: string): Promise<Page[]> {
  const found: Page[] = [];
  for (const page of await firefox.browser.pages()) {
    const href = await page.evaluate(() => location.href).catch(() => '');
    if (href.includes(path)) found.push(page);
  }
  return found;
}

/** Right-clicks the field (Firefox opens its own context menu) and chooses NumPool's item in it. */
export async function getNumberFromContextMenu(firefox: Firefox, page: Page, field: string): Promise<void> {
  const box = await (
    await find(page, field)
  ).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { x: r.x + 10, y: r.y + r.height / 2 };
  });
  await page.mouse.click(box.x, box.y, { button: 'right' });
  await firefox.chrome.chooseContextMenuItem('Fill a NumPool number here');
}

/** The value of a form field, as the page sees it. */
export function valueOf(page: Page, field: string): Promise<string | null> {
  return page.$eval(field, (el) => (el as HTMLInputElement).value).catch(() => null);
}

/**
 * The open page whose document is at `path`. Over BiDi, Firefox reports extension pages opened by
 * the extension itself as about:blank, so each page is asked where it is.
 */
async function pageShowing(firefox: Firefox, path: string, timeout = 10_000): Promise<Page> {
  for (const deadline = Date.now() + timeout; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    for (const page of await firefox.browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.includes(path)) return page;
    }
  }
  throw new Error(`no page at ${path}`);
}

/** Opens a sign-up page at `url` and waits for the in-field button, as a user sees it appear. */
export async function openSignupPage(firefox: Firefox, url: string): Promise<Page> {
  const page = await firefox.browser.newPage();
  await page.goto(url);
  await find(page, '[data-numpool=button]');
  return page;
}
