import { useFixtureSites } from '../tls-proxy';
import { expect, test, useSandboxAccount, type Firefox } from './firefox';
import { clickFieldButton, confirmInWindow, pagesShowing, valueOf, openSignupPage } from './user-actions';

/**
 * The confirmation window in Firefox (issue 19): it closes itself once the purchase it asked
 * about is under way, and a second click never stacks a second window on the first. Every
 * in-field click asks here (no IntersectionObserver v2), so this is every purchase from the page.
 */
const sites = useFixtureSites(test);
test.beforeEach(async ({ control, firefox, sandbox }) => {
  await control.reset();
  await control.hold(true);
  await useSandboxAccount(firefox, sandbox, sandbox.demoKey, { defaultCountry: 187 });
});

const signupPage = (firefox: Firefox) => openSignupPage(firefox, sites.url('signup.whatsapp.com', 'forms/vue-signup.html'));

const windows = async (firefox: Firefox) => (await pagesShowing(firefox, '/confirm.html')).length;

test('Firefox: yes with a slow /buy: the window is gone before the purchase completes, then the number comes', async ({
  firefox,
  control,
  sandbox,
}) => {
  const page = await signupPage(firefox);
  await clickFieldButton(page);
  await control.addFault({ kind: 'slow', path: '/buy', delayMs: 5_000 });
  await confirmInWindow(firefox, { service: 'WhatsApp', price: /0\.43/ });
  await expect.poll(() => windows(firefox), { timeout: 2_500, intervals: [100] }).toBe(0);
  expect(await valueOf(page, '#v-phone')).toBe(''); // still buying
  await expect.poll(() => valueOf(page, '#v-phone'), { timeout: 15_000 }).not.toBe('');
  expect((await control.state(sandbox.demoKey)).charges).toHaveLength(1);
});

test('Firefox: three clicks open one window, not three', async ({ firefox, control, sandbox }) => {
  const page = await signupPage(firefox);
  for (let i = 0; i < 3; i++) {
    await clickFieldButton(page);
    await new Promise((r) => setTimeout(r, 400));
  }
  await expect.poll(() => windows(firefox), { timeout: 10_000 }).toBeGreaterThan(0);
  await new Promise((r) => setTimeout(r, 1_500));
  expect(await windows(firefox)).toBe(1);
  expect((await control.state(sandbox.demoKey)).charges).toHaveLength(0);
});
