import { KEY_DB } from '../../../lib/background/key-store';
import { serveFixtures, type FixtureServer } from '../../fixtures/serve';
import { selfHostedBaseUrl } from '../extension';
import { readableFromContentScript } from '../in-extension';
import { expect, storedKey, test } from './firefox';
import {
  buyFromPopup,
  byLabel,
  byRole,
  byText,
  connectToSandbox,
  connectToServer,
  find,
  openPopup,
  setBaseUrl,
  submitKey,
  textOf,
} from './user-actions';

test.beforeEach(async ({ control }) => {
  await control.reset();
});

test('Firefox: first run in the popup, a wrong key is refused, the right one opens the popup', async ({ firefox, sandbox }) => {
  await setBaseUrl(firefox.driver, sandbox.baseUrl);
  const popup = await openPopup(firefox);
  await find(popup, byRole('heading', 'Add your API key to start'));
  await submitKey(popup, 'np_test_not_a_real_key');
  await find(popup, byText('NumPool did not accept this key'));
  expect(await (await find(popup, byLabel('API key'))).evaluate((el) => (el as HTMLInputElement).value)).toBe('np_test_not_a_real_key');

  await submitKey(popup, sandbox.demoKey);
  await expect.poll(() => textOf(popup, '[data-testid=balance]')).toBe('$50.00');
  expect(await popup.content()).not.toContain(sandbox.demoKey);
});

test('Firefox: buy in the popup, then the code arrives in its card', async ({ firefox, sandbox, control }) => {
  await control.hold(true);
  await connectToSandbox(firefox, sandbox);
  const popup = await openPopup(firefox);
  const card = await buyFromPopup(popup, 'Telegram', 'USA');
  await expect.poll(() => textOf(card, '[data-testid=order-status]')).toBe('Waiting for SMS');
  expect(await textOf(card, '[data-testid=order-number]')).toMatch(/^\+1/);
  const orderId = await card.evaluate((el) => el.getAttribute('data-order-id'));
  await control.deliver({ order_id: orderId!, code: '531246' });
  await expect.poll(() => textOf(card, '[data-testid=order-code]'), { timeout: 15_000 }).toBe('531246');
  expect(await textOf(card, '[data-testid=order-status]')).toBe('Code received');
});

test('Firefox: a self-hosted server over plain http on a host name of the network is reached over http', async ({
  firefox,
  sandbox,
  control,
}) => {
  // Without the extension's own CSP, Firefox adds upgrade-insecure-requests and this goes out as https.
  await connectToServer(firefox, selfHostedBaseUrl(sandbox), sandbox.demoKey);
  expect((await control.log()).requests.filter((r) => r.path === '/balance' && r.status === 200).length).toBeGreaterThan(0);
});

test.describe('Firefox: the API key and content scripts', () => {
  let fixtures: FixtureServer;
  test.beforeAll(async () => {
    fixtures = await serveFixtures();
  });
  test.afterAll(async () => {
    await fixtures.close();
  });

  test('the key saved in the options is where the background keeps it, and a content script cannot read it', async ({
    firefox,
    sandbox,
  }) => {
    await connectToSandbox(firefox, sandbox);
    expect(await storedKey(firefox)).toBe(sandbox.demoKey);

    const page = await firefox.browser.newPage();
    const url = `${fixtures.origin}/forms/plain-signup.html`;
    await page.goto(url);
    const tabId = await firefox.driver.evaluate(async (url) => (await chrome.tabs.query({})).find((t) => t.url === url)?.id, url);
    expect(tabId).toBeDefined();
    // Runs in the content-script world of the page, where the extension's own content script runs.
    const [injected] = (await firefox.driver.evaluate(
      `chrome.scripting.executeScript({ target: { tabId: ${tabId} }, func: ${readableFromContentScript.toString()}, args: [${JSON.stringify(KEY_DB.name)}] })`,
    )) as { result: Record<string, unknown> }[];
    const found = injected!.result;
    console.log(`a content script in Firefox read: ${JSON.stringify(found)}`);
    // Firefox lets content scripts read storage.local (no setAccessLevel): the settings are there, the key is not.
    expect(JSON.stringify(found['storage.local'])).toContain('apiBaseUrl');
    expect(JSON.stringify(found)).not.toContain(sandbox.demoKey);
  });
});
