import { KEY_DB } from '../../lib/background/key-store';
import { serveFixtures, type FixtureServer } from '../fixtures/serve';
import { expect, test } from './extension';
import { readStoredKey, readableFromContentScript } from './in-extension';
import { connectToSandbox } from './ui-helpers';

let fixtures: FixtureServer;
test.beforeAll(async () => {
  fixtures = await serveFixtures();
});
test.afterAll(async () => {
  await fixtures.close();
});

test('the API key saved in the options is where the background keeps it, and a content script cannot read it', async ({
  context,
  extensionId,
  worker,
  sandbox,
  control,
}) => {
  await control.reset();
  await connectToSandbox(context, extensionId, sandbox);
  // Positively there: the options page handed the key to the background, which stored it.
  expect(await worker.evaluate(readStoredKey, KEY_DB)).toBe(sandbox.demoKey);

  const page = await context.newPage();
  await page.goto(`${fixtures.origin}/forms/plain-signup.html`);
  const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, page.url());
  expect(tabId).toBeDefined();
  // The probe runs in the content-script (isolated) world of the page, as the extension's own content script does.
  const [injected] = await worker.evaluate<{ result: Record<string, unknown> }[]>(
    `chrome.scripting.executeScript({ target: { tabId: ${tabId} }, func: ${readableFromContentScript.toString()}, args: [${JSON.stringify(KEY_DB.name)}] })`,
  );
  const found = injected!.result;
  expect(Object.keys(found).sort()).toEqual([
    'indexedDB (all)',
    'indexedDB (key store name)',
    'localStorage',
    'sessionStorage',
    'storage.local',
    'storage.session',
    'storage.sync',
  ]);
  console.log(`a content script in Chromium read: ${JSON.stringify(found)}`);
  // Chromium refuses storage.local to content scripts (setAccessLevel); the key is in none of the places either way.
  expect(found['storage.local']).toMatch(/^refused: /);
  expect(JSON.stringify(found)).not.toContain(sandbox.demoKey);
});
