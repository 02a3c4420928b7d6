import { test as base, chromium, type BrowserContext, type CDPSession, type Page, type Worker } from '@playwright/test';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { SandboxControl } from '../sandbox/control-client';
import type { RequestOf, RequestType, ResponseOf } from '../../lib/messaging/protocol';
import { KEY_DB } from '../../lib/background/key-store';
import { writeAccount } from './in-extension';
import { SETTINGS_VERSION } from '../../lib/state/store';
import { PAGE_DECISIONS_KEY, pageDecisionsSchema, type RecordedPageDecision } from '../../lib/e2e/page-decisions';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built extension and the browser that runs it; both overridable (NUMPOOL_EXTENSION_DIR, CHROMIUM_PATH). */
export const EXTENSION_DIR = path.resolve(
  process.env.NUMPOOL_EXTENSION_DIR ?? fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url)),
);
/**
 * What the e2e tests load: the same build plus a hook that lets a test choose the context menu
 * item or press a shortcut, which Playwright cannot do in Chromium, and a record of each page
 * purchase decision, which tests wait for instead of sleeping (`npm run build:e2e`).
 */
export const E2E_EXTENSION_DIR = path.resolve(
  process.env.NUMPOOL_E2E_EXTENSION_DIR ?? fileURLToPath(new URL('../../.output/chrome-mv3-e2e', import.meta.url)),
);
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Hosts that resolve to this machine in the test browser: two services' sites... */
export const SERVICE_HOSTS = [
  'signup.whatsapp.com',
  'www.instagram.com',
  'appleid.apple.com',
  'www.apple.com',
  'shopee.co.id',
  'shopee.vn',
  'amazon.blogspot.com',
];
/** ...and sites that match no service: an ad network, an attacker, a shop. */
export const OTHER_HOSTS = ['ads.adnet.test', 'evil.example.test', 'shop.example.test'];
/** A NumPool-compatible server on the user's network, reached over plain http (the sandbox, by name). */
export const SELF_HOSTED_HOST = 'numpool.lan';
/** The sandbox's base URL under SELF_HOSTED_HOST instead of 127.0.0.1. */
export const selfHostedBaseUrl = (sandbox: Sandbox) => sandbox.baseUrl.replace('127.0.0.1', SELF_HOSTED_HOST);

/** Starts Chromium with the unpacked extension; headless unless HEADED=1; in `lang` (its UI language) if given. */
export async function launchWithExtension(extensionDir = EXTENSION_DIR, options: { lang?: string } = {}): Promise<BrowserContext> {
  return chromium.launchPersistentContext('', {
    executablePath: CHROMIUM_PATH,
    headless: process.env.HEADED !== '1',
    // Users' browsers keep pages in the back/forward cache; Playwright turns it off by default.
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
    ...(options.lang ? { locale: options.lang.replace('_', '-') } : {}),
    args: [
      ...(options.lang ? [`--lang=${options.lang.replace('_', '-')}`] : []),
      '--no-sandbox',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      // No network here: without these Chromium floods the machine with failing connections.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Test pages pose as a service's site (served locally): the extension matches sites by domain.
      `--host-resolver-rules=${[...SERVICE_HOSTS, ...OTHER_HOSTS, SELF_HOSTED_HOST].map((h) => `MAP ${h} 127.0.0.1`).join(',')}`,
      // ...over HTTPS (HSTS preload), with the test certificate of tests/fixtures/tls.
      '--ignore-certificate-errors',
    ],
  });
}

export async function extensionWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export const test = base.extend<
  { context: BrowserContext; extensionId: string; worker: Worker },
  { sandbox: Sandbox; control: SandboxControl }
>({
  // One sandbox per Playwright worker, reset before each test.
  sandbox: [
    async ({}, use) => {
      const sandbox = await startSandbox({ deliverDelayMs: [1_000, 2_000] });
      await use(sandbox);
      await sandbox.close();
    },
    { scope: 'worker' },
  ],
  control: [
    async ({ sandbox }, use) => {
      await use(new SandboxControl(sandbox.controlUrl));
    },
    { scope: 'worker' },
  ],
  context: async ({}, use) => {
    const context = await launchWithExtension(E2E_EXTENSION_DIR);
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => {
    await use(await extensionWorker(context));
  },
  extensionId: async ({ worker }, use) => {
    await use(new URL(worker.url()).host);
  },
});

export const expect = test.expect;

/** Points the extension at the sandbox with a key, as a user would in the options (written directly where the extension keeps them). */
export async function useSandboxAccount(
  worker: Worker,
  sandbox: Sandbox,
  key = sandbox.demoKey,
  settings: Record<string, unknown> = {},
): Promise<void> {
  await worker.evaluate(writeAccount, { baseUrl: sandbox.baseUrl, key, settings, settingsVersion: SETTINGS_VERSION, db: KEY_DB });
}

/** Sends a protocol request from an extension page, exactly as the popup does. */
export async function ask<K extends RequestType>(
  page: Page,
  type: K,
  payload: RequestOf<K>,
): Promise<{ ok: true; value: ResponseOf<K> } | { ok: false; error: { kind: string; key: string; params?: string[] } }> {
  return page.evaluate(({ type, payload }) => chrome.runtime.sendMessage({ np: 1, type, payload }), { type, payload });
}

/** The engine's stored state, read where the extension keeps it. */
export interface StoredStateView {
  orders: { orderId: string; state: string; dismissed: boolean; unannounced?: number; messages: { code: string | null }[] }[];
  uncertain: unknown[];
}
export async function storedState(worker: Worker): Promise<StoredStateView> {
  return worker.evaluate(
    async () => ((await chrome.storage.local.get('state')).state as StoredStateView | undefined) ?? { orders: [], uncertain: [] },
  );
}

/** The page purchase decisions the e2e build recorded (lib/e2e/page-decisions.ts), oldest first. */
export async function pageDecisions(worker: Worker): Promise<RecordedPageDecision[]> {
  const raw = await worker.evaluate(async (key) => (await chrome.storage.session.get(key))[key] ?? [], PAGE_DECISIONS_KEY);
  return pageDecisionsSchema.parse(raw);
}

/**
 * Waits for the extension's decision on the next page purchase (the `after`-th recorded, 0 for the
 * first), instead of sleeping a while and hoping it came; returns it. A click the content script
 * never sent has no decision: such a test cannot use this.
 */
export async function nextPageDecision(worker: Worker, after: number, timeout = 10_000): Promise<RecordedPageDecision> {
  await expect
    .poll(async () => (await pageDecisions(worker)).length, { timeout, message: 'a page purchase decision' })
    .toBeGreaterThan(after);
  return (await pageDecisions(worker))[after]!;
}

/**
 * Evaluates an expression in the open toolbar popup (opened with `action.openPopup()`), through a
 * browser-level DevTools session: Playwright does not expose that popup as a page.
 */
export async function evaluateInToolbarPopup<T>(cdp: CDPSession, expression: string): Promise<T> {
  const { targetInfos } = await cdp.send('Target.getTargets');
  const popup = targetInfos.find((t) => t.type === 'page' && t.url.endsWith('/popup.html'));
  if (!popup) throw new Error('The toolbar popup did not open.');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: popup.targetId, flatten: false });
  const answer = new Promise<T>((resolve, reject) => {
    const onMessage = (event: { sessionId?: string; message: string }) => {
      if (event.sessionId !== sessionId) return;
      const reply = JSON.parse(event.message) as { id: number; result?: { result: { value: T } }; error?: { message: string } };
      if (reply.id !== 1) return;
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      void cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
      if (reply.result) resolve(reply.result.result.value);
      else reject(new Error(reply.error?.message ?? 'no answer from the popup'));
    };
    cdp.on('Target.receivedMessageFromTarget', onMessage);
  });
  const message = { id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true } };
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify(message) });
  return answer;
}
