import { expect, test, ask, extensionWorker, storedState, useSandboxAccount, type StoredStateView } from './extension';

test.beforeEach(async ({ control }) => {
  await control.reset();
});

test('a code delivered by the sandbox reaches the extension state', async ({ context, extensionId, worker, sandbox, control }) => {
  await control.hold(true);
  await useSandboxAccount(worker, sandbox);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const bought = await ask(page, 'order.buy', { service: 'wa', country: 187 });
  expect(bought.ok).toBe(true);
  if (!bought.ok) return;
  await control.deliver({ order_id: bought.value.orderId, code: '424242' });
  await expect.poll(async () => (await storedState(worker)).orders[0]?.messages[0]?.code, { timeout: 10_000 }).toBe('424242');
});

test('a code that arrives while the service worker is stopped is stored and announced when it comes back', async ({
  context,
  extensionId,
  worker,
  sandbox,
  control,
}) => {
  await control.hold(true);
  await useSandboxAccount(worker, sandbox);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const bought = await ask(page, 'order.buy', { service: 'tg', country: 187 });
  if (!bought.ok) throw new Error(bought.error.key);
  // The popup clears the badge when it opens: close it before anything is announced.
  await page.close();
  expect(await worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');

  // Stop every service worker through the DevTools protocol, as Chrome does after 30 s idle.
  const probe = await context.newPage();
  const cdp = await context.newCDPSession(probe);
  await cdp.send('ServiceWorker.enable');
  const stopped = new Promise<void>((resolve) =>
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      if (e.versions.some((v) => v.runningStatus === 'stopped' && v.scriptURL.startsWith(`chrome-extension://${extensionId}/`))) resolve();
    }),
  );
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await control.deliver({ order_id: bought.value.orderId, code: '135790' });

  // Nothing wakes the worker but its own alarm (30 s): no page, no message. Its start-up
  // reconciliation finds the code in the order list.
  const start = Date.now();
  const current = async () =>
    context.serviceWorkers().find((s) => s.url().startsWith(`chrome-extension://${extensionId}/`)) ?? (await extensionWorker(context));
  await expect
    .poll(
      async () =>
        (await storedState(await current()).catch(() => ({ orders: [] as StoredStateView['orders'] }))).orders[0]?.messages[0]?.code,
      { timeout: 45_000, intervals: [1_000] },
    )
    .toBe('135790');
  console.log(`code reached the state ${((Date.now() - start) / 1000).toFixed(1)} s after the worker was stopped`);
  // ...and announced it as a poll would have: the badge shows it, nothing is left to announce.
  await expect.poll(async () => (await current()).evaluate(() => chrome.action.getBadgeText({})), { timeout: 5_000 }).toBe('SMS');
  await expect.poll(async () => (await storedState(await current())).orders[0]?.unannounced, { timeout: 5_000 }).toBe(0);
  // TODO(#9): once the page pulls its code (the lead's new page protocol), buy from a test page
  // here and check that the code fills its field too; announceCodes is what triggers that fill.
});

test('ten orders waiting at once cause no 429', async ({ context, extensionId, worker, sandbox, control }) => {
  test.setTimeout(120_000);
  await control.hold(true);
  await useSandboxAccount(worker, sandbox);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const services = ['wa', 'tg', 'fb', 'go', 'tw', 'ig', 'lf', 'am', 'ds', 'ts'];
  const orders: string[] = [];
  for (const service of services) {
    const r = await ask(page, 'order.buy', { service, country: 187 });
    if (!r.ok) throw new Error(r.error.key);
    orders.push(r.value.orderId);
  }
  // Let the budget run hot for over a minute, then deliver every code.
  await page.waitForTimeout(65_000);
  for (const id of orders) await control.deliver({ order_id: id });
  await expect
    .poll(async () => (await storedState(worker)).orders.filter((o) => o.state === 'received').length, { timeout: 30_000 })
    .toBe(10);
  const log = (await control.log()).requests;
  expect(log.filter((r) => r.status === 429)).toEqual([]);
  const times = log.map((r) => r.at).sort((a, b) => a - b);
  const busiest = Math.max(...times.map((t) => times.filter((s) => s >= t && s < t + 60_000).length));
  console.log(`${log.length} requests, busiest 60 s window: ${busiest}`);
  expect(busiest).toBeLessThanOrEqual(60);
});

test('a dropped connection after the charge leaves exactly one order and one charge', async ({
  context,
  extensionId,
  worker,
  sandbox,
  control,
}) => {
  await control.hold(true);
  await useSandboxAccount(worker, sandbox);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  // A first request warms the keep-alive connection, so the buy goes over a reused one: the case
  // where Chromium itself re-sends a POST whose connection closed unanswered.
  expect((await ask(page, 'balance.refresh', {})).ok).toBe(true);
  await control.addFault({ kind: 'drop-after-charge', path: '/buy' });
  const bought = await ask(page, 'order.buy', { service: 'wa', country: 187 });
  if (!bought.ok) throw new Error(bought.error.key);

  // Whatever the browser did on the wire, the wallet ends up charged once and one order lives.
  await expect
    .poll(async () => {
      const s = await control.state(sandbox.demoKey);
      return {
        net: Math.round((s.charges.reduce((a, c) => a + c.amount, 0) - s.refunds.reduce((a, r) => a + r.amount, 0)) * 100) / 100,
        live: s.orders.filter((o) => o.status !== 'cancelled').map((o) => o.order_id),
      };
    })
    .toEqual({ net: 0.43, live: [bought.value.orderId] });
  const server = await control.state(sandbox.demoKey);
  console.log(`server saw ${server.charges.length} charge(s) and ${server.refunds.length} refund(s) for one click`);
  const local = await storedState(worker);
  expect(local.orders.filter((o) => !o.dismissed).map((o) => o.orderId)).toEqual([bought.value.orderId]);
  expect(local.uncertain).toEqual([]);
});

test('a rental whose connection dropped after the charge: every rental the wallet paid for is in the popup and counted once', async ({
  context,
  extensionId,
  worker,
  sandbox,
  control,
}) => {
  await useSandboxAccount(worker, sandbox);
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  // Over a reused keep-alive connection, as in the purchase test above: Chromium may re-send the
  // POST itself, and a rental cannot be refunded.
  expect((await ask(page, 'balance.refresh', {})).ok).toBe(true);
  await control.addFault({ kind: 'drop-after-charge', path: '^/rentals$', method: 'POST' });
  const rented = await ask(page, 'rental.create', { service: 'discord', duration: 'oneDay', confirmedPrice: 1.2 });
  if (!rented.ok) throw new Error(rented.error.key);
  const server = await control.state(sandbox.demoKey);
  console.log(`server saw ${server.charges.length} charge(s) for one rental`);
  const local = await worker.evaluate(
    async () =>
      (await chrome.storage.local.get('state')).state as {
        rentals: { rentalId: string }[];
        uncertainRentals: unknown[];
        spending: { amount: number }[];
      },
  );
  expect(local.rentals.map((r) => r.rentalId)).toContain(rented.value.rentalId);
  expect(local.rentals).toHaveLength(server.charges.length);
  expect(local.uncertainRentals).toEqual([]);
  const sum = (xs: { amount: number }[]) => Math.round(xs.reduce((a, x) => a + x.amount, 0) * 100) / 100;
  expect(sum(local.spending)).toBe(sum(server.charges));
});
