import { EXTENSION_ORIGIN, expect, test } from './firefox';

test('Firefox: the built extension loads, its background starts without any CSP violation, and the pages render', async ({ firefox }) => {
  await expect.poll(() => firefox.chrome.backgroundState()).toBe('running');
  const manifest = await firefox.driver.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.content_security_policy).toEqual({ extension_pages: "script-src 'self'; object-src 'self';" });
  await firefox.driver.waitForSelector('::-p-aria([name="NumPool options"][role="heading"])');
  const popup = await firefox.openExtensionPage('popup.html', { width: 390, height: 600 });
  await popup.waitForSelector('::-p-aria([name="NumPool"][role="heading"])');

  // zod's eval probe and anything else the policy blocks would be reported here, from any extension context.
  const messages = await firefox.chrome.consoleMessages();
  const fromExtension = messages.filter((m) => m.includes(EXTENSION_ORIGIN));
  console.log(`browser console: ${messages.length} messages, ${fromExtension.length} from the extension`);
  expect(messages.filter((m) => /Content-Security-Policy/i.test(m))).toEqual([]);
  expect(fromExtension).toEqual([]);
});
