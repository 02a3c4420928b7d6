import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { KEY_DB } from '../../../lib/background/key-store';
import type { Sandbox } from '../../sandbox/server';
import { test as base } from '../extension';
import { readStoredKey, writeAccount } from '../in-extension';
import { SETTINGS_VERSION } from '../../../lib/state/store';

/**
 * Firefox ESR with the built extension (.output/firefox-mv3), driven by puppeteer over WebDriver
 * BiDi (Playwright's own Firefox cannot be used: it needs a patched build). The Playwright runner
 * only runs the tests; each test gets its own Firefox.
 */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = path.resolve(fileURLToPath(new URL('../../../.output/firefox-mv3', import.meta.url)));
const GECKO_ID = 'numpool@numpool.extension';
/** Fixed in advance (pref below), so the extension's origin is known before it is installed. */
const EXTENSION_UUID = '5e1f0c2a-7b1d-4c11-9a55-2f0d9b6a3c01';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

/**
 * Firefox's own chrome (its UI), reached through BiDi's `moz:scope: "chrome"` contexts, which
 * `--remote-allow-system-access` opens: the browser console, the add-on's background page, the
 * context menu. What a user would see or do there; never the extension's code.
 */
export class FirefoxChrome {
  constructor(
    private readonly connection: BidiConnection,
    private readonly context: string,
  ) {}

  /** Evaluates `body` (a function body, may await) in the browser window's chrome realm; JSON in and out. */
  async run<T>(body: string): Promise<T> {
    const { result } = (await this.connection.send('script.evaluate', {
      expression: `(async () => JSON.stringify(await (async () => { ${body} })() ?? null))()`,
      target: { context: this.context },
      awaitPromise: true,
      resultOwnership: 'none',
    })) as { result: { type: string; result?: { value?: string }; exceptionDetails?: { text: string } } };
    if (result.type !== 'success')
      throw new Error(`chrome-scope evaluation failed: ${result.exceptionDetails?.text ?? JSON.stringify(result)}`);
    return JSON.parse(result.result?.value ?? 'null') as T;
  }

  /** Every message in the browser console (nsIConsoleService): page and extension errors, CSP reports. */
  consoleMessages(): Promise<string[]> {
    return this.run(`return Services.console.getMessageArray().map((m) => m.message ?? String(m));`);
  }

  /** "running", "stopped", ... as Firefox tracks the add-on's non-persistent background page. */
  backgroundState(): Promise<string> {
    return this.run(`return String(WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension.backgroundState);`);
  }

  /**
   * Stops the background page as Firefox does when it has been idle (the "Terminate background
   * script" of about:debugging does the same call).
   */
  async terminateBackground(): Promise<void> {
    await this.run(
      `await WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });`,
    );
  }

  /** Waits for the page's context menu to be open, then picks the item with that label, as a click on it does. */
  async chooseContextMenuItem(label: string): Promise<void> {
    const picked = await this.run<string>(`
      const menu = document.getElementById('contentAreaContextMenu');
      for (let i = 0; i < 100 && menu.state !== 'open'; i++) await new Promise((r) => setTimeout(r, 50));
      if (menu.state !== 'open') return 'the context menu did not open';
      const item = [...menu.querySelectorAll('menuitem')].find((m) => m.label === ${JSON.stringify(label)} && !m.hidden);
      if (!item) return 'no item: ' + [...menu.querySelectorAll('menuitem')].filter((m) => !m.hidden).map((m) => m.label).join(' | ');
      menu.activateItem(item);
      return 'ok';
    `);
    if (picked !== 'ok') throw new Error(picked);
  }
}

export interface Firefox {
  browser: Browser;
  chrome: FirefoxChrome;
  /** An extension page kept open to use extension APIs from (reads storage without waking the background). */
  driver: Page;
  /** Opens an extension page in a new tab and waits until it has loaded. */
  openExtensionPage(file: string, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function launchFirefox(prefs: Record<string, unknown> = {}): Promise<Firefox> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: process.env.HEADED !== '1',
    // Test pages pose as services' sites over HTTPS with the certificate of tests/fixtures/tls.
    acceptInsecureCerts: true,
    // Lets BiDi open extension pages and Firefox's chrome (see FirefoxChrome).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // Every host name resolves to this machine: services' sites and a self-hosted NumPool by name.
      'network.dns.forceResolve': '127.0.0.1',
      // Plain-http test pages load as they are, not tried over https first.
      'dom.security.https_first': false,
      ...prefs,
    },
  });
  try {
    await browser.installExtension(FIREFOX_EXTENSION_DIR);
    const connection = (browser as unknown as { connection: BidiConnection }).connection;
    const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })).result as {
      contexts: { context: string; url: string }[];
    };
    const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
    if (!window) throw new Error('no Firefox browser window in chrome scope');

    const openExtensionPage = async (file: string, viewport?: { width: number; height: number }): Promise<Page> => {
      const page = await browser.newPage();
      if (viewport) await page.setViewport(viewport);
      // Firefox never reports a navigation to an extension page as finished: start it, then watch.
      void page.goto(`${EXTENSION_ORIGIN}/${file}`).catch(() => undefined);
      // Evaluations fail while the document is swapped: those attempts just count as not yet.
      const loaded = () =>
        page.evaluate((origin) => location.origin === origin && document.readyState === 'complete', EXTENSION_ORIGIN).catch(() => false);
      for (const deadline = Date.now() + 15_000; !(await loaded()); await new Promise((r) => setTimeout(r, 100))) {
        if (Date.now() > deadline) throw new Error(`${file} did not load in Firefox`);
      }
      return page;
    };
    const driver = await openExtensionPage('options.html');
    return { browser, chrome: new FirefoxChrome(connection, window.context), driver, openExtensionPage, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Points the extension at the sandbox with a key, written where the extension keeps them. */
export async function useSandboxAccount(
  firefox: Firefox,
  sandbox: Sandbox,
  key = sandbox.demoKey,
  settings: Record<string, unknown> = {},
): Promise<void> {
  await firefox.driver.evaluate(writeAccount, { baseUrl: sandbox.baseUrl, key, settings, settingsVersion: SETTINGS_VERSION, db: KEY_DB });
}

/** The key where the background keeps it. */
export function storedKey(firefox: Firefox): Promise<string | null> {
  return firefox.driver.evaluate(readStoredKey, KEY_DB);
}

export interface StoredOrder {
  orderId: string;
  state: string;
  number: string;
  messages: { code: string | null }[];
}
/** The engine's orders as stored (read from an extension page: the background is not woken). */
export async function storedOrders(firefox: Firefox): Promise<StoredOrder[]> {
  return firefox.driver.evaluate(
    async () => ((await chrome.storage.local.get('state')).state as { orders?: StoredOrder[] } | undefined)?.orders ?? [],
  );
}

/** A Firefox per test, with the sandbox and its control shared with the Chromium suite's fixtures. */
export const test = base.extend<{ firefox: Firefox; firefoxPrefs: Record<string, unknown> }>({
  firefoxPrefs: [{}, { option: true }],
  firefox: async ({ firefoxPrefs }, use) => {
    const firefox = await launchFirefox(firefoxPrefs);
    await use(firefox);
    await firefox.close();
  },
});
export const expect = test.expect;
