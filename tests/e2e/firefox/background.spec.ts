import { expect, storedOrders, test, useSandboxAccount } from './firefox';

test('Firefox: the background page stopped while an order waits, the code still arrives', async ({ firefox, sandbox, control }) => {
  test.setTimeout(120_000);
  await control.reset();
  await control.hold(true);
  await useSandboxAccount(firefox, sandbox);
  const bought = (await firefox.driver.evaluate(() =>
    chrome.runtime.sendMessage({ np: 1, type: 'order.buy', payload: { service: 'tg', country: 187 } }),
  )) as { ok: boolean; value: { orderId: string } };
  expect(bought.ok).toBe(true);
  await expect.poll(async () => (await storedOrders(firefox))[0]?.state).toBe('waiting');
  // The backstop that wakes a stopped background while orders wait (Firefox stops an idle one after 30 s).
  await expect.poll(() => firefox.driver.evaluate(async () => (await chrome.alarms.get('numpool-poll'))?.periodInMinutes)).toBe(0.5);

  // Firefox's MV3 background is an event page: it is stopped when idle, like this.
  await firefox.chrome.terminateBackground();
  expect(await firefox.chrome.backgroundState()).toBe('stopped');
  const stoppedAt = Date.now();
  await control.deliver({ order_id: bought.value.orderId, code: '864200' });
  // No page, no message: only the background's own alarm may wake it.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(await firefox.chrome.backgroundState()).toBe('stopped');
  expect((await storedOrders(firefox))[0]?.messages).toEqual([]);

  await expect
    .poll(async () => (await storedOrders(firefox))[0]?.messages[0]?.code, { timeout: 60_000, intervals: [1_000] })
    .toBe('864200');
  console.log(
    `Firefox: the code reached the state ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s after the background page was stopped`,
  );
  expect(await firefox.chrome.backgroundState()).toBe('running');
});
