import type { Locator, Page } from '@playwright/test';
import { E2E_EXTENSION_DIR, expect, extensionWorker, launchWithExtension, test } from './extension';
import { expectAccessible, openOptions, openPopup, setBaseUrl } from './ui-helpers';

/**
 * The usual country: chosen at the first run, suggested from the browser's language and region,
 * and then the popup's first country. Flags are images that the browser really drew.
 */
test.beforeEach(async ({ control }) => {
  await control.reset();
});

/** An image flag the browser loaded and drew (an emoji or a missing file would not be). */
async function expectDrawnFlag(flag: Locator, iso: string): Promise<void> {
  await expect(flag).toHaveAttribute('alt', iso);
  await expect(flag).toHaveAttribute('src', `/flags/${iso}.svg`);
  await expect.poll(() => flag.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
}

/** The settings as the extension keeps them. */
async function storedSettings(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(async () => (await chrome.storage.local.get('settings')).settings as Record<string, unknown>);
}

test('first run: the usual country is suggested from the browser, the one chosen is saved and listed first', async ({
  context,
  extensionId,
  sandbox,
}) => {
  test.setTimeout(90_000);
  const options = await openOptions(context, extensionId);
  await setBaseUrl(options, sandbox.baseUrl);
  await options.close();

  const popup = await openPopup(context, extensionId);
  await expect(popup.getByRole('heading', { name: 'Add your API key to start' })).toBeVisible();
  const usual = popup.getByLabel('Usual country');
  // This browser speaks en-US.
  await expect(usual.locator('option:checked')).toHaveText('USA');
  await expectDrawnFlag(popup.locator('.usual-country img.flag'), 'US');
  await expectAccessible(popup, 'onboarding with the usual country');

  await usual.selectOption({ label: 'Indonesia' });
  await expectDrawnFlag(popup.locator('.usual-country img.flag'), 'ID');
  await popup.getByLabel('API key', { exact: true }).fill(sandbox.demoKey);
  await popup.getByRole('button', { name: 'Check and save' }).click();
  await expect(popup.getByTestId('balance')).toHaveText('$50.00');
  expect(await storedSettings(popup)).toMatchObject({ defaultCountry: 5 });

  // The buy panel: the usual country first, tagged, preselected, with a drawn flag.
  const buy = popup.getByRole('region', { name: 'Buy a number' });
  await buy.getByRole('searchbox', { name: 'Service' }).fill('WhatsApp');
  await buy.getByRole('button', { name: /^WhatsApp/ }).click();
  const first = buy.locator('.country-option').first();
  await expect(first.locator('.country-name')).toContainText('Indonesia');
  await expect(first.locator('.tag')).toHaveText('usual');
  await expect(first.getByRole('radio')).toBeChecked();
  await expectDrawnFlag(first.locator('img.flag'), 'ID');
  // No emoji flag anywhere: regional indicator letters are boxes without an emoji font.
  expect(await popup.locator('body').innerText()).not.toMatch(/[\u{1F1E6}-\u{1F1FF}]/u);
});

test('first run in a Brazilian Portuguese browser: Brazil is suggested and saved with the key', async ({ sandbox }) => {
  test.setTimeout(90_000);
  const context = await launchWithExtension(E2E_EXTENSION_DIR, { lang: 'pt-BR' });
  try {
    const worker = await extensionWorker(context);
    const extensionId = new URL(worker.url()).host;
    // Only the sandbox's address, no key: the popup shows its first run.
    await worker.evaluate(async (apiBaseUrl) => chrome.storage.local.set({ settings: { version: 2, apiBaseUrl } }), sandbox.baseUrl);
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 390, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    const usual = popup.getByLabel('País habitual');
    await expect(usual.locator('option:checked')).toHaveText('Brazil');
    await expectDrawnFlag(popup.locator('.usual-country img.flag'), 'BR');
    await popup.locator('input[name=apiKey]').fill(sandbox.demoKey);
    await popup.locator('.key-form button[type=submit]').click();
    await expect(popup.getByTestId('balance')).toBeVisible();
    expect(await storedSettings(popup)).toMatchObject({ defaultCountry: 25 });
  } finally {
    await context.close();
  }
});

test('options: with no usual country, the one the browser suggests is one click away', async ({ context, extensionId, sandbox }) => {
  const options = await openOptions(context, extensionId);
  await setBaseUrl(options, sandbox.baseUrl);
  const buying = options.getByRole('region', { name: 'Buying' });
  await expect(buying.getByLabel('Usual country')).toHaveValue('');
  await expect(buying.getByText('Your browser’s language suggests USA.')).toBeVisible();
  await buying.getByRole('button', { name: 'Use USA' }).click();
  await expect(buying.getByLabel('Usual country')).toHaveValue('187');
  await expectDrawnFlag(buying.locator('img.flag'), 'US');
  await buying.getByRole('button', { name: 'Save' }).click();
  await expect(buying.getByRole('status')).toHaveText('Saved.');
  expect(await storedSettings(options)).toMatchObject({ defaultCountry: 187 });
  // A choice made is not second-guessed.
  await expect(buying.getByRole('button', { name: 'Use USA' })).toHaveCount(0);
});
