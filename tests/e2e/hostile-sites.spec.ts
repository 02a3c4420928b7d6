import type { Page, Worker } from '@playwright/test';
import { evaluateInToolbarPopup, expect, storedState, test, useSandboxAccount } from './extension';
import { useFixtureSites } from './tls-proxy';
import { chooseGetNumberHere, clickFieldButton, openOptions } from './ui-helpers';

/**
 * Hostile sites (issue 17, attack 10; issue 18): a page of another scheme or another domain of the
 * same service tries to get a code bought elsewhere in the same tab. The fixture pages are served
 * under real host names over https (through the TLS proxy) and over plain http (the fixture
 * server itself); each test counts the sandbox ledger's charges.
 */
const sites = useFixtureSites(test);
const https = sites.url;
const http = sites.plainUrl;

test.beforeEach(async ({ control, worker, sandbox }) => {
  await control.reset();
  await control.hold(true);
  await useSandboxAccount(worker, sandbox, sandbox.demoKey, { defaultCountry: 187 });
});

async function charges(control: { state: (key: string) => Promise<{ charges: unknown[] }> }, key: string): Promise<number> {
  return (await control.state(key)).charges.length;
}

async function openSignup(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __attack?: { ready: boolean } }).__attack?.ready === true, null, {
    timeout: 15_000,
  });
}

async function latestOrderId(worker: Worker): Promise<string> {
  await expect.poll(async () => (await storedState(worker)).orders.length, { timeout: 10_000 }).toBeGreaterThan(0);
  return (await storedState(worker)).orders[0]!.orderId;
}

test.describe('a site is scheme + registrable domain', () => {
  test('a code bought on https://appleid.apple.com never reaches http://www.apple.com in the same tab; https://www.apple.com gets it', async ({
    context,
    worker,
    control,
    sandbox,
  }) => {
    const page = await context.newPage();
    await openSignup(page, https('appleid.apple.com', 'hostile/signup.html?attack=none'));
    await clickFieldButton(page, '#phone');
    await expect(page.locator('#phone')).not.toHaveValue('', { timeout: 10_000 });
    expect(await charges(control, sandbox.demoKey)).toBe(1);
    const orderId = await latestOrderId(worker);

    // The same tab goes to plain http of the same domain (a network attacker can write that page).
    await page.goto(http('www.apple.com', 'hostile/code.html'));
    expect(new URL(page.url()).protocol).toBe('http:');
    await expect(page.locator('#code')).toBeVisible();
    await control.deliver({ order_id: orderId, code: '602214' });
    await expect.poll(async () => (await storedState(worker)).orders[0]?.messages[0]?.code, { timeout: 15_000 }).toBe('602214');
    await page.waitForTimeout(1_500);
    await expect(page.locator('#code')).toHaveValue('');
    // A fresh http document asks again on load: still nothing.
    await page.reload();
    await page.waitForTimeout(2_000);
    await expect(page.locator('#code')).toHaveValue('');

    // The https page of the same site, in the same tab: the code.
    await page.goto(https('www.apple.com', 'hostile/code.html'));
    await expect(page.locator('#code')).toHaveValue('602214', { timeout: 10_000 });
    expect(await charges(control, sandbox.demoKey)).toBe(1);
  });
});

test.describe('the sites of a service', () => {
  test('a code bought on shopee.co.id never reaches shopee.vn in the same tab (country stores are separate sites)', async ({
    context,
    worker,
    control,
    sandbox,
  }) => {
    const page = await context.newPage();
    await openSignup(page, https('shopee.co.id', 'hostile/signup.html?attack=none'));
    await clickFieldButton(page, '#phone');
    await expect(page.locator('#phone')).not.toHaveValue('', { timeout: 10_000 });
    expect(await charges(control, sandbox.demoKey)).toBe(1);
    expect((await storedState(worker)).orders[0]).toMatchObject({ service: 'mo' });
    const orderId = await latestOrderId(worker);

    await page.goto(https('shopee.vn', 'hostile/code.html'));
    await expect(page.locator('#code')).toBeVisible();
    await control.deliver({ order_id: orderId, code: '141421' });
    await expect.poll(async () => (await storedState(worker)).orders[0]?.messages[0]?.code, { timeout: 15_000 }).toBe('141421');
    await page.waitForTimeout(1_500);
    await expect(page.locator('#code')).toHaveValue('');

    await page.goto(https('shopee.co.id', 'hostile/code.html'));
    await expect(page.locator('#code')).toHaveValue('141421', { timeout: 10_000 });
    expect(await charges(control, sandbox.demoKey)).toBe(1);
  });

  test('a look-alike on a private suffix (amazon.blogspot.com) gets no button and no extension DOM', async ({
    context,
    control,
    sandbox,
  }) => {
    const page = await context.newPage();
    await page.goto(https('amazon.blogspot.com', 'hostile/signup.html'));
    await page.locator('#phone').click();
    await page.waitForTimeout(2_000);
    await expect(page.locator('[data-numpool=button]')).toHaveCount(0);
    expect(await charges(control, sandbox.demoKey)).toBe(0);
  });
});

test.describe('a site of no service, chosen by the user', () => {
  test('"use Telegram on this site" from the popup the menu opened: then the button buys a Telegram number there, and only there', async ({
    context,
    worker,
    control,
    sandbox,
  }) => {
    const page = await context.newPage();
    await page.goto(https('shop.example.test', 'hostile/signup.html?attack=none'));
    await page.waitForTimeout(1_000);
    await expect(page.locator('[data-numpool=button]')).toHaveCount(0);
    // The user right-clicks the phone field and chooses "Get number here": the popup asks for a service.
    await page.locator('#phone').click({ button: 'right' });
    await chooseGetNumberHere(worker, page);
    const cdp = await context.browser()!.newBrowserCDPSession();
    const inPopup = <T>(expression: string) => evaluateInToolbarPopup<T>(cdp, expression);
    const clickButton = (text: string) => `(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim().startsWith(${JSON.stringify(text)}));
      if (!button) return false;
      button.click();
      return true;
    })()`;
    await expect.poll(() => inPopup<boolean>(clickButton('Telegram')).catch(() => false), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => inPopup<boolean>(clickButton('Use Telegram on example.test from now on')), { timeout: 10_000 }).toBe(true);
    await expect
      .poll(() => inPopup<string>(`document.querySelector('[role=status]')?.textContent ?? ''`), { timeout: 10_000 })
      .toMatch(/example\.test counts as a Telegram site/);
    await cdp.detach();
    expect(await charges(control, sandbox.demoKey)).toBe(0);

    // The site now behaves as Telegram's: the button, then one click, then the code.
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { __attack?: { ready: boolean } }).__attack?.ready === true);
    await clickFieldButton(page, '#phone');
    await expect(page.locator('#phone')).not.toHaveValue('', { timeout: 10_000 });
    expect((await storedState(worker)).orders[0]).toMatchObject({ service: 'tg' });
    expect(await charges(control, sandbox.demoKey)).toBe(1);
    await control.deliver({ order_id: await latestOrderId(worker), code: '112358' });
    await expect(page.locator('#code')).toHaveValue('112358', { timeout: 15_000 });

    // Plain http of that site is not the site the user chose: no button there.
    const plain = await context.newPage();
    await plain.goto(http('shop.example.test', 'hostile/signup.html'));
    await plain.locator('#phone').click();
    await plain.waitForTimeout(2_000);
    await expect(plain.locator('[data-numpool=button]')).toHaveCount(0);
    expect(await charges(control, sandbox.demoKey)).toBe(1);
  });
});

test.describe('a site of no service, removed by the user', () => {
  test('removed in the options, the site is again one of no service: no button, nothing bought', async ({
    context,
    extensionId,
    worker,
    control,
    sandbox,
  }) => {
    await useSandboxAccount(worker, sandbox, sandbox.demoKey, {
      defaultCountry: 187,
      siteServices: [{ site: 'https://example.test', service: 'tg' }],
    });
    const page = await context.newPage();
    await openSignup(page, https('shop.example.test', 'hostile/signup.html?attack=none'));
    await expect(page.locator('[data-numpool=button]')).toHaveCount(1);

    const options = await openOptions(context, extensionId);
    const section = options.getByRole('region', { name: 'Sites you chose a service for' });
    await expect(section.getByText('example.test: Telegram')).toBeVisible();
    await section.getByRole('button', { name: 'Remove example.test' }).click();
    await section.getByRole('button', { name: 'Save' }).click();
    await expect(section.getByRole('status')).toHaveText('Saved.');
    await expect(section.getByText('No site yet.')).toBeVisible();

    await page.reload();
    await page.locator('#phone').click();
    await page.waitForTimeout(2_000);
    await expect(page.locator('[data-numpool=button]')).toHaveCount(0);
    expect(await charges(control, sandbox.demoKey)).toBe(0);
  });
});
