import type { BrowserContext, Page, Worker } from '@playwright/test';
import { ask, expect, test, useSandboxAccount } from './extension';
import { useFixtureSites } from './tls-proxy';
import { clickFieldButton, fieldButtonBox } from './ui-helpers';

/**
 * Rentals on the page: on a site whose service the user rents a number for, the in-field button
 * offers that number first, at no cost, and the first message to its inbox after the fill goes
 * into that page's code field, and into no other site's.
 */
/** Fixture pages served locally, over HTTPS, under any host name that resolves here. */
const sites = useFixtureSites(test);
test.beforeEach(async ({ control, worker, sandbox }) => {
  await control.reset();
  await control.hold(true);
  await useSandboxAccount(worker, sandbox, sandbox.demoKey, { defaultCountry: 187 });
});

const page = (host: string, file: string) => sites.url(host, `hostile/${file}?attack=none`);

/** Rents a WhatsApp number for a day, as the popup does; returns it. */
async function rentWhatsApp(context: BrowserContext, extensionId: string): Promise<{ rentalId: string; number: string }> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const prices = await ask(popup, 'rentals.prices', { service: 'whatsapp' });
  if (!prices.ok) throw new Error(prices.error.key);
  const price = prices.value.durations.find((d) => d.duration === 'oneDay')!.price;
  const rental = await ask(popup, 'rental.create', { service: 'whatsapp', duration: 'oneDay', confirmedPrice: price });
  if (!rental.ok) throw new Error(rental.error.key);
  await popup.close();
  return rental.value;
}

/** Opens the WhatsApp signup page, takes the in-field button's first or last offer, and returns the page and the digits filled. */
async function fillPhoneOnSignup(context: BrowserContext, which: 'first' | 'last'): Promise<{ signup: Page; digits: string }> {
  const signup = await context.newPage();
  await signup.goto(page('signup.whatsapp.com', 'signup.html'));
  await clickFieldButton(signup, '#phone', which);
  await expect(signup.locator('#phone')).toHaveValue(/\d{3}.*\d{4}/, { timeout: 10_000 });
  return { signup, digits: (await signup.locator('#phone').inputValue()).replace(/\D/g, '') };
}

async function ledger(control: { state: (k: string) => Promise<{ charges: unknown[] }> }, key: string): Promise<number> {
  return (await control.state(key)).charges.length;
}

test('the rented number fills the field at no charge, then its inbox code fills the code field', async ({
  context,
  extensionId,
  control,
  sandbox,
}) => {
  const rental = await rentWhatsApp(context, extensionId);
  const charged = await ledger(control, sandbox.demoKey);
  const { signup, digits } = await fillPhoneOnSignup(context, 'first');
  // The rented number, national or international as the field takes it.
  expect([rental.number.slice(1), rental.number.slice(2)]).toContain(digits);
  expect(await ledger(control, sandbox.demoKey)).toBe(charged);

  await control.deliver({ rental_id: rental.rentalId, code: '662607' });
  await expect(signup.locator('#code')).toHaveValue('662607', { timeout: 20_000 });
  expect(await ledger(control, sandbox.demoKey)).toBe(charged);
});

test('buying a new number stays one click away beside the rented one', async ({ context, extensionId, control, sandbox }) => {
  const rental = await rentWhatsApp(context, extensionId);
  const charged = await ledger(control, sandbox.demoKey);
  const { digits } = await fillPhoneOnSignup(context, 'last');
  expect([rental.number.slice(1), rental.number.slice(2)]).not.toContain(digits);
  expect(await ledger(control, sandbox.demoKey)).toBe(charged + 1);
});

test("after the fill, another site in the same tab does not get the rental's code", async ({ context, extensionId, control, worker }) => {
  const rental = await rentWhatsApp(context, extensionId);
  const signup = await context.newPage();
  await signup.goto(page('signup.whatsapp.com', 'signup.html'));
  await clickFieldButton(signup, '#phone', 'first');
  await expect(signup.locator('#phone')).not.toHaveValue('', { timeout: 10_000 });
  await signup.goto(page('evil.example.test', 'code.html'));
  await control.deliver({ rental_id: rental.rentalId, code: '141421' });
  await expect.poll(() => rentalCode(worker, rental.rentalId), { timeout: 20_000 }).toBe('141421');
  await signup.waitForTimeout(1_500);
  await expect(signup.locator('#code')).toHaveValue('');
  await signup.reload();
  await signup.waitForTimeout(2_000);
  await expect(signup.locator('#code')).toHaveValue('');
});

async function rentalCode(worker: Worker, rentalId: string): Promise<string | null> {
  return worker.evaluate(async (id) => {
    const state = (await chrome.storage.local.get('state')).state as {
      rentals: { rentalId: string; messages: { code: string | null }[] }[];
    };
    return state.rentals.find((r) => r.rentalId === id)?.messages[0]?.code ?? null;
  }, rentalId);
}

test('the button has the same size with a rented number as without: a page cannot measure whether the user rents one', async ({
  context,
  extensionId,
}) => {
  const drawnSize = async () => {
    const signup = await context.newPage();
    await signup.goto(page('signup.whatsapp.com', 'signup.html'));
    await fieldButtonBox(signup, '#phone');
    // What the page itself can measure of our element.
    const size = await signup.evaluate(() => {
      const host = document.querySelector('[data-numpool=button]')!.getBoundingClientRect();
      return { width: host.width, height: host.height };
    });
    await signup.close();
    return size;
  };
  const without = await drawnSize();
  await rentWhatsApp(context, extensionId);
  const withRental = await drawnSize();
  expect(withRental).toEqual(without);
});
