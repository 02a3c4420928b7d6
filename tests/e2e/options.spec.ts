import { expect, selfHostedBaseUrl, test } from './extension';
import { expectAccessible, openOptions, openPopup, saveKey, setBaseUrl } from './ui-helpers';

test.beforeEach(async ({ control }) => {
  await control.reset();
});

test('options: key masked with replace and remove; every setting saves; bad input is explained and kept', async ({
  context,
  extensionId,
  worker,
  sandbox,
  control,
}) => {
  // Long: every section, and axe four times (light and dark); 60 s is tight on a loaded 2-core machine.
  test.setTimeout(120_000);
  const options = await openOptions(context, extensionId);
  await expectAccessible(options, 'options without a key');

  // The base URL refuses what is not one, keeps the text, then saves the sandbox.
  const advanced = options.getByRole('region', { name: 'Advanced' });
  const url = advanced.getByLabel('API base URL');
  await url.fill('ftp://127.0.0.1/api');
  await advanced.getByRole('button', { name: 'Save' }).click();
  await expect(
    advanced.getByText('The address must start with https:// (or http:// for a server on this computer or your own network).'),
  ).toBeVisible();
  await expect(url).toHaveValue('ftp://127.0.0.1/api');
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await setBaseUrl(options, sandbox.baseUrl);

  // The key: checked, then shown only as a hint.
  await saveKey(options, sandbox.demoKey);
  const keySection = options.getByRole('region', { name: 'API key' });
  await expect(keySection.getByText('Saved key:')).toBeVisible();
  expect(await options.content()).not.toContain(sandbox.demoKey);
  await expect(keySection.getByLabel('API key', { exact: true })).toHaveCount(0);

  // Replace with a second key: a wrong one is refused and the old one stays.
  const second = await control.createKey({ balance: 7 });
  await keySection.getByRole('button', { name: 'Replace key' }).click();
  await keySection.getByLabel('API key', { exact: true }).fill('np_test_wrong_key');
  await keySection.getByRole('button', { name: 'Check and save' }).click();
  await expect(keySection.getByRole('alert')).toContainText('NumPool did not accept this key');
  await keySection.getByLabel('API key', { exact: true }).fill(second.key);
  await keySection.getByRole('button', { name: 'Check and save' }).click();
  await expect(keySection.getByText('Key saved. Your balance is $7.00.')).toBeVisible();

  // Buying: invalid amounts and minutes are explained, nothing is saved, nothing typed is lost.
  const buying = options.getByRole('region', { name: 'Buying' });
  await buying.getByLabel('Usual country').selectOption({ label: 'United Kingdom' });
  await buying.getByLabel('Maximum price per number').fill('abc');
  await buying.getByLabel('Daily spending cap').fill('5');
  await buying.getByLabel('Cancel after').fill('90');
  await buying.getByRole('button', { name: 'Save' }).click();
  await expect(buying.getByText('Enter an amount such as 0.50.')).toBeVisible();
  await expect(buying.getByText('Enter between 1 and 60 minutes.')).toBeVisible();
  await expect(buying.getByRole('status')).toHaveText('Nothing was saved: fix the field marked above.');
  await expect(buying.getByLabel('Maximum price per number')).toHaveValue('abc');
  await expect(buying.getByLabel('Daily spending cap')).toHaveValue('5');
  await expectAccessible(options, 'options with invalid input');
  await buying.getByLabel('Maximum price per number').fill('1,25');
  await buying.getByLabel('Cancel after').fill('7');
  await buying.getByRole('button', { name: 'Save' }).click();
  await expect(buying.getByRole('status')).toHaveText('Saved.');

  // Favourites, alerts, autofill.
  const favourites = options.getByRole('region', { name: 'Favourite services' });
  await favourites.getByRole('checkbox', { name: /^Telegram/ }).check();
  await favourites.getByRole('checkbox', { name: /^Discord/ }).check();
  await favourites.getByRole('button', { name: 'Save' }).click();
  await expect(favourites.getByRole('status')).toHaveText('Saved.');

  const alerts = options.getByRole('region', { name: 'Notifications and warnings' });
  await alerts.getByRole('switch', { name: 'Show a badge on the toolbar icon' }).uncheck();
  await alerts.getByLabel('Warn when the balance is below').fill('10');
  await alerts.getByRole('button', { name: 'Save' }).click();
  await expect(alerts.getByRole('status')).toHaveText('Saved.');

  const autofill = options.getByRole('region', { name: 'Autofill' });
  const site = autofill.getByLabel('Turn autofill off on a site');
  await site.fill('not a site');
  await autofill.getByRole('button', { name: 'Add' }).click();
  await expect(autofill.getByText('That is not a site name. Enter one such as example.com.')).toBeVisible();
  await site.fill('https://bank.example/login');
  await site.press('Enter');
  await expect(autofill.getByRole('list', { name: 'Sites where autofill is off' })).toContainText('bank.example');
  await autofill.getByRole('switch', { name: 'Fill numbers and codes into pages' }).uncheck();
  await autofill.getByRole('button', { name: 'Save' }).click();
  await expect(autofill.getByRole('status')).toHaveText('Saved.');

  const stored = await worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings);
  expect(stored).toMatchObject({
    apiBaseUrl: sandbox.baseUrl,
    defaultCountry: 28,
    maxPricePerNumber: 1.25,
    dailySpendCap: 5,
    autoCancel: true,
    autoCancelAfterMin: 7,
    favouriteServices: ['tg', 'ds'],
    badge: false,
    notifications: true,
    lowBalanceThreshold: 10,
    autofill: false,
    autofillDisabledSites: ['bank.example'],
  });
  await expectAccessible(options, 'options filled in');

  // The popup follows: favourites first, the low-balance warning at $7 < $10.
  const popup = await openPopup(context, extensionId);
  await expect(popup.getByTestId('balance')).toHaveText('$7.00');
  await expect(popup.getByText('Your balance is below $10.00.')).toBeVisible();
  const buy = popup.getByRole('region', { name: 'Buy a number' });
  await expect(buy.getByRole('region', { name: 'Favourites' }).getByRole('listitem')).toHaveText([/^Telegram/, /^Discord/]);

  // Remove asks first; then the popup is back to onboarding.
  await keySection.getByRole('button', { name: 'Remove key' }).click();
  await keySection.getByRole('button', { name: 'Yes, remove it' }).click();
  await expect(keySection.getByText('The key was removed.')).toBeVisible();
  await popup.reload();
  await expect(popup.getByRole('heading', { name: 'Add your API key to start' })).toBeVisible();
});

test('a self-hosted server over plain http on a host name of the network works, with a warning', async ({
  context,
  extensionId,
  sandbox,
  control,
}) => {
  const options = await openOptions(context, extensionId);
  const baseUrl = selfHostedBaseUrl(sandbox);
  const advanced = options.getByRole('region', { name: 'Advanced' });
  await advanced.getByLabel('API base URL').fill(baseUrl);
  await expect(advanced.getByText('This address is not encrypted (http) and not on this computer')).toBeVisible();
  await setBaseUrl(options, baseUrl);
  await saveKey(options, sandbox.demoKey);
  // The plain-http sandbox answered: the request was not upgraded to https on its way.
  expect((await control.log()).requests.filter((r) => r.path === '/balance' && r.status === 200).length).toBeGreaterThan(0);
});

test('options: the Diagnostics section shows the requests and a failure as text, copies it, and holds no secret', async ({
  context,
  extensionId,
  sandbox,
  control,
}) => {
  await control.hold(true);
  const { key } = await control.createKey({ key: 'np_test_diagnostics_e2e_secret', balance: 10 });
  const options = await openOptions(context, extensionId);
  await setBaseUrl(options, sandbox.baseUrl);
  await saveKey(options, key);
  const popup = await openPopup(context, extensionId);
  // A purchase whose answer does not fit: the log says what did not, without the number.
  await control.addFault({ kind: 'wrong-shape', path: '/buy', body: { order_id: 'x', number: 'call me', cost: 0.43, status: 'pending' } });
  const bought = await popup.evaluate(() =>
    chrome.runtime.sendMessage({ np: 1, type: 'order.buy', payload: { service: 'wa', country: 187 } }),
  );
  expect(bought.ok).toBe(true);
  await popup.close();

  await options.reload();
  const section = options.getByRole('region', { name: 'Diagnostics' });
  await expect(section.getByText(/entries, newest last/)).toBeVisible();
  const log = section.getByTestId('diagnostics-log');
  await expect(log).toContainText('GET /balance 200');
  await expect(log).toContainText('POST /buy 200 invalid-response');
  await expect(log).toContainText('number invalid_format: not a phone number');
  const server = (await control.state(key)).orders[0]!;
  const text = (await log.textContent())!;
  for (const secret of [key, server.order_id, server.number]) expect(text).not.toContain(secret);
  expect(await options.content()).not.toContain(key);
  await section.getByRole('button', { name: 'Copy the diagnostics log' }).click();
  await expect(section.getByRole('button', { name: 'Copy the diagnostics log' })).toHaveText('Copied');
  await expectAccessible(options, 'options with the diagnostics log');
});
