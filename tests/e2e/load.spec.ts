import { expect, test } from './extension';

test('the built extension loads in Chromium: service worker, popup and options page', async ({ context, extensionId, worker }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.permissions).toEqual(expect.arrayContaining(['storage', 'alarms', 'contextMenus']));

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.getByRole('heading', { name: 'NumPool' })).toBeVisible();

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByRole('heading', { name: /options/i })).toBeVisible();
});

test('the build users install carries no test hook and no record of page decisions; the e2e build differs only by them', async () => {
  const { readFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const { EXTENSION_DIR, E2E_EXTENSION_DIR } = await import('./extension');
  const shipped = await readFile(path.join(EXTENSION_DIR, 'background.js'), 'utf8');
  const e2e = await readFile(path.join(E2E_EXTENSION_DIR, 'background.js'), 'utf8');
  expect(shipped).not.toContain('numpoolTest');
  expect(e2e).toContain('numpoolTest');
  const { PAGE_DECISIONS_KEY } = await import('../../lib/e2e/page-decisions');
  expect(shipped).not.toContain(PAGE_DECISIONS_KEY);
  expect(e2e).toContain(PAGE_DECISIONS_KEY);
});
