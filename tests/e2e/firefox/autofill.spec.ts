import { useFixtureSites } from '../tls-proxy';
import { expect, storedOrders, test, useSandboxAccount, type Firefox } from './firefox';
import { clickFieldButton, confirmInWindow, getNumberFromContextMenu, valueOf, openSignupPage } from './user-actions';

/** Fixture pages served locally, over HTTPS, under any host name that resolves here. */
const sites = useFixtureSites(test);
test.beforeEach(async ({ control, firefox, sandbox }) => {
  await control.reset();
  await control.hold(true);
  await useSandboxAccount(firefox, sandbox, sandbox.demoKey, { defaultCountry: 187 });
});

const signupPage = (firefox: Firefox) => openSignupPage(firefox, sites.url('signup.whatsapp.com', 'forms/vue-signup.html'));

async function latestOrderId(firefox: Firefox): Promise<string> {
  await expect.poll(async () => (await storedOrders(firefox)).length).toBeGreaterThan(0);
  return (await storedOrders(firefox))[0]!.orderId;
}

test('Firefox: the in-field button asks in the extension window, then fills the number and the code', async ({
  firefox,
  control,
  sandbox,
}) => {
  const page = await signupPage(firefox);
  await clickFieldButton(page);
  expect((await control.state(sandbox.demoKey)).charges).toHaveLength(0);
  await confirmInWindow(firefox, { service: 'WhatsApp', price: /0\.43/ });
  await expect.poll(() => valueOf(page, '#v-phone')).not.toBe('');
  const orderId = await latestOrderId(firefox);
  const server = (await control.state(sandbox.demoKey)).orders.find((o) => o.order_id === orderId)!;
  // The bought number, in the form the field expects (national or international).
  const digits = (await valueOf(page, '#v-phone'))!.replace(/\D/g, '');
  expect(digits.length).toBeGreaterThanOrEqual(7);
  expect(server.number.replace(/\D/g, '').endsWith(digits)).toBe(true);
  await control.deliver({ order_id: orderId, code: '771204' });
  await expect.poll(() => valueOf(page, '#v-code'), { timeout: 15_000 }).toBe('771204');
});

test('Firefox: the context menu on the phone field fills the number, then the code', async ({ firefox, control }) => {
  const page = await signupPage(firefox);
  await getNumberFromContextMenu(firefox, page, '#v-phone');
  await expect.poll(() => valueOf(page, '#v-phone')).not.toBe('');
  const orderId = await latestOrderId(firefox);
  await control.deliver({ order_id: orderId, code: '390517' });
  await expect.poll(() => valueOf(page, '#v-code'), { timeout: 15_000 }).toBe('390517');
});

test('Firefox: the button beside a number split over boxes too narrow to hold it (a saved real form) fills each box', async ({
  firefox,
  control,
  sandbox,
}) => {
  const page = await openSignupPage(firefox, sites.url('signup.whatsapp.com', 'forms/real/formasaurus-349.html'));
  // The first number's button, just right of its last box.
  const [host, last] = await Promise.all([
    page.$eval('[data-numpool=button]', (el) => el.getBoundingClientRect().toJSON() as DOMRect),
    page.$eval('input[name=phno]', (el) => el.getBoundingClientRect().toJSON() as DOMRect),
  ]);
  expect(host.left).toBeGreaterThanOrEqual(last.right);
  expect(Math.abs(host.top + host.height / 2 - (last.top + last.height / 2))).toBeLessThanOrEqual(1);
  await clickFieldButton(page);
  await confirmInWindow(firefox, { service: 'WhatsApp', price: /0\.43/ });
  await expect.poll(() => valueOf(page, 'input[name=phno]')).not.toBe('');
  const orderId = await latestOrderId(firefox);
  const national = (await control.state(sandbox.demoKey)).orders.find((o) => o.order_id === orderId)!.number.slice(2);
  const values = await Promise.all(['phac', 'phex', 'phno', 'mbac', 'mbex', 'mbno'].map((name) => valueOf(page, `input[name=${name}]`)));
  expect(values).toEqual([national.slice(0, 3), national.slice(3, 6), national.slice(6), '', '', '']);
});
