import type { Worker } from '@playwright/test';
import { evaluateInToolbarPopup, expect, pageDecisions, test, storedState, useSandboxAccount } from './extension';
import { chooseGetNumberHere, clickFieldButton } from './ui-helpers';
import { useFixtureSites } from './tls-proxy';

/** Fixture pages served locally, over HTTPS, under any host name that resolves here. */
const sites = useFixtureSites(test);
test.beforeEach(async ({ control, worker, sandbox }) => {
  await control.reset();
  await control.hold(true);
  await useSandboxAccount(worker, sandbox);
});

const whatsapp = (page: string) => sites.url('signup.whatsapp.com', `forms/${page}`);

async function latestOrder(worker: Worker) {
  await expect.poll(async () => (await storedState(worker)).orders.length, { timeout: 10_000 }).toBeGreaterThan(0);
  return (await storedState(worker)).orders[0]!;
}

test('in-field button: the number in the field, then the code in the next page, as React sees them', async ({
  context,
  worker,
  control,
  sandbox,
}) => {
  const page = await context.newPage();
  await page.goto(whatsapp('react-signup.html'));
  await clickFieldButton(page, '#phone');
  const phone = page.locator('#phone');
  await expect(phone).toHaveValue(/^\(?\d{3}\)?[ -]?\d{3}-?\d{4}$/); // national form: the page picks the country (US)
  const order = await latestOrder(worker);
  const server = (await control.state(sandbox.demoKey)).orders.find((o) => o.order_id === order.orderId)!;
  expect((await phone.inputValue()).replace(/\D/g, '')).toBe(server.number.replace(/^\+1/, ''));
  expect(await page.evaluate(() => (window.__formState?.() as { phone: string; country: string }) ?? null)).toMatchObject({
    phone: await phone.inputValue(),
    country: 'US',
  });

  // The site's next step, in the same tab: split code boxes.
  await page.goto(whatsapp('react-otp.html'));
  await expect(page.locator('input[autocomplete=one-time-code]')).toBeVisible();
  await control.deliver({ order_id: order.orderId, code: '246801' });
  await expect.poll(() => page.evaluate(() => (window.__formState?.() as { code: string }).code), { timeout: 15_000 }).toBe('246801');
  await expect(page.locator('#state')).toHaveText('246801');
});

test('Vue form with phone and code on one page', async ({ context, worker, control }) => {
  const page = await context.newPage();
  await page.goto(whatsapp('vue-signup.html'));
  await clickFieldButton(page, '#v-phone');
  await expect(page.locator('#v-phone')).not.toHaveValue('');
  const order = await latestOrder(worker);
  await control.deliver({ order_id: order.orderId, code: '775533' });
  await expect(page.locator('#v-code')).toHaveValue('775533', { timeout: 15_000 });
  const state = (await page.evaluate(() => window.__formState?.())) as { phone: string; code: string };
  expect(state.code).toBe('775533');
  expect(state.phone).toBe(await page.locator('#v-phone').inputValue());
});

test('context menu "Get number here" fills the right-clicked field, then its code', async ({ context, worker, control }) => {
  const page = await context.newPage();
  await page.goto(whatsapp('vue-signup.html'));
  await page.locator('#v-phone').click({ button: 'right', position: { x: 12, y: 10 } });
  await chooseGetNumberHere(worker, page);
  await expect(page.locator('#v-phone')).not.toHaveValue('', { timeout: 10_000 });
  const order = await latestOrder(worker);
  await control.deliver({ order_id: order.orderId, code: '908172' });
  await expect(page.locator('#v-code')).toHaveValue('908172', { timeout: 15_000 });
});

test('a click forged by the page buys nothing', async ({ context, worker, control, sandbox }) => {
  const page = await context.newPage();
  await page.goto(whatsapp('vue-signup.html'));
  await expect(page.locator('[data-numpool=button]')).toBeAttached({ timeout: 10_000 });
  await page.evaluate(() => {
    const host = document.querySelector('[data-numpool=button]')!;
    const box = host.getBoundingClientRect();
    const target = document.elementFromPoint(box.x + 5, box.y + 5) ?? host;
    for (const el of [host, target]) {
      el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: box.x + 5, clientY: box.y + 5 }));
      (el as HTMLElement).click?.();
    }
    // The page cannot reach into the button either.
    (window as unknown as { shadow: unknown }).shadow = (host as HTMLElement).shadowRoot;
  });
  expect(await page.evaluate(() => (window as unknown as { shadow: unknown }).shadow)).toBeNull();
  // Our content script drops an untrusted click: nothing reaches the background, so there is no
  // decision to wait for, only time; and after it, still no decision.
  await page.waitForTimeout(1_500);
  expect(await pageDecisions(worker)).toEqual([]);
  expect((await control.state(sandbox.demoKey)).charges).toHaveLength(0);
  await expect(page.locator('#v-phone')).toHaveValue('');
});

test("the toolbar popup opened on a service's page offers that service first", async ({ context, worker }) => {
  const page = await context.newPage();
  await page.goto(whatsapp('vue-signup.html'));
  await page.bringToFront();
  // The real popup, as the toolbar button opens it: its active tab is the signup page.
  await worker.evaluate(() => chrome.action.openPopup());
  const cdp = await context.browser()!.newBrowserCDPSession();
  const firstGroup = `(() => {
    const group = document.querySelector('.service-list section');
    return group ? group.querySelector('.group-title').textContent + ': ' + group.querySelector('.service-name').textContent : null;
  })()`;
  await expect.poll(() => evaluateInToolbarPopup<string | null>(cdp, firstGroup), { timeout: 10_000 }).toBe('This site: WhatsApp');
  await cdp.detach();
});
