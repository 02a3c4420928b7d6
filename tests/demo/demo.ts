import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startSandbox } from '../sandbox/server';
import { SandboxControl } from '../sandbox/control-client';
import { serveFixtures } from '../fixtures/serve';
import { tlsProxy } from '../e2e/tls-proxy';
import { extensionWorker, launchWithExtension, useSandboxAccount } from '../e2e/extension';
import { clickFieldButton, fieldButtonBox } from '../e2e/ui-helpers';

/**
 * `npm run demo [-- FOLDER]`: the main job, runnable. Starts the sandbox and a Chromium with the
 * built extension pointed at it (demo key set), on a local signup page. With a display it opens a
 * window and leaves it to you; without one it runs the tour headless and writes a screenshot of
 * each step to FOLDER (default `tests/demo/.screenshots/`).
 */
const folder = path.resolve(process.argv[2] ?? 'tests/demo/.screenshots');
const headed = Boolean(process.env.DISPLAY) && process.env.HEADLESS !== '1';

const sandbox = await startSandbox({ deliverDelayMs: [3_000, 5_000] });
const control = new SandboxControl(sandbox.controlUrl);
const fixtures = await serveFixtures();
const tls = await tlsProxy(Number(new URL(fixtures.origin).port));
if (headed) process.env.HEADED = '1';
const context = await launchWithExtension();
const worker = await extensionWorker(context);
const extensionId = new URL(worker.url()).host;
await useSandboxAccount(worker, sandbox);
const signupUrl = `https://signup.whatsapp.com:${tls.port}/forms/vue-signup.html`;

async function shutdown(): Promise<void> {
  await context.close().catch(() => undefined);
  await tls.close();
  await fixtures.close();
  await sandbox.close();
}

if (headed) {
  const page = await context.newPage();
  await page.goto(signupUrl);
  console.log(`Sandbox: ${sandbox.baseUrl} (key ${sandbox.demoKey}). Signup page: ${signupUrl}`);
  console.log('Click the green button in the phone field; the code arrives by itself in a few seconds. Close the browser to stop.');
  await new Promise<void>((resolve) => context.on('close', () => resolve()));
  await shutdown();
} else {
  await mkdir(folder, { recursive: true });
  let step = 0;
  const shot = async (page: Page, name: string) => {
    const file = path.join(folder, `${String(++step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
  };
  await control.hold(true);
  const page = await context.newPage();
  await page.setViewportSize({ width: 900, height: 600 });
  await page.goto(signupUrl);
  await fieldButtonBox(page, '#v-phone');
  await shot(page, 'signup-page-with-button');

  // As a user clicks: the button has been in view a moment (see lib/content/visibility.ts).
  await clickFieldButton(page, '#v-phone');
  await page.locator('#v-phone').and(page.locator(':not([value=""])')).waitFor();
  await page.waitForFunction(() => (document.querySelector('#v-phone') as HTMLInputElement).value !== '');
  await shot(page, 'number-filled');

  const orderId = (await control.state(sandbox.demoKey)).orders[0]!.order_id;
  await control.deliver({ order_id: orderId });
  await page.waitForFunction(() => (document.querySelector('#v-code') as HTMLInputElement).value !== '');
  await shot(page, 'code-filled');

  const popup = await context.newPage();
  await popup.setViewportSize({ width: 390, height: 600 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.locator(`[data-order-id="${orderId}"]`).waitFor();
  await popup.waitForTimeout(500);
  await shot(popup, 'popup-code');

  const options = await context.newPage();
  await options.setViewportSize({ width: 900, height: 800 });
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.waitForLoadState('networkidle');
  await shot(options, 'options');
  await shutdown();
}
