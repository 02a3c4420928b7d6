import { browser, type Browser } from 'wxt/browser';
import type { Platform } from '../engine/platform';
import { render } from '../i18n/i18n';
import { indexedDbKeyStore } from './key-store';

const BADGE_COLOR = '#0b7a3b';
/** The confirmation window: room for the question and two buttons, at any text size. */
const CONFIRM_WIDTH = 420;
const CONFIRM_HEIGHT = 480;

const extensionUrl = (path: string) => browser.runtime.getURL(path as `/confirm.html${string}`);

/** The real browser behind the engine's `Platform`; `log` records what fails before anyone asks (the key's move). */
export function browserPlatform(log: (where: string) => (error: unknown) => void): Platform {
  return {
    local: browser.storage.local,
    secrets: indexedDbKeyStore(indexedDB, browser.storage, log('moving the key out of storage.local')),
    session: browser.storage.session,
    onLocalChange(listener) {
      browser.storage.onChanged.addListener((changes, area) => {
        if (area === 'local') listener(Object.keys(changes));
      });
    },
    alarms: {
      create: (name, info) => browser.alarms.create(name, info as Browser.alarms.AlarmCreateInfo),
      clear: (name) => browser.alarms.clear(name),
      get: (name) => browser.alarms.get(name),
    },
    async setBadge(badge, title) {
      await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
      await browser.action.setBadgeText({ text: badge });
      await browser.action.setTitle({ title: title ? render(title) : render({ key: 'extName' }) });
    },
    async notify(id, title, message) {
      await browser.notifications.create(id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: render(title),
        message: render(message),
      });
    },
    async sendToTab(tabId, { frameId, documentId }, event) {
      // A document id alone names one document; without a frame the message goes to every frame.
      const options = documentId ? ({ documentId } as { frameId?: number }) : frameId !== undefined ? { frameId } : undefined;
      await browser.tabs.sendMessage(tabId, event, options);
    },
    copyText,
    async tabUrl(tabId) {
      return (await browser.tabs.get(tabId)).url;
    },
    async injectScript(tabId, frameId, file) {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [file as '/autofill.js'] });
    },
    async openPopup() {
      await browser.action.openPopup();
    },
    async openWindow(path) {
      const window = await browser.windows.create({
        url: extensionUrl(path),
        type: 'popup',
        width: CONFIRM_WIDTH,
        height: CONFIRM_HEIGHT,
        focused: true,
      });
      return window?.id ?? null;
    },
    async showWindow(windowId, path) {
      try {
        const [tab] = await browser.tabs.query({ windowId });
        if (tab?.id === undefined) return false;
        await browser.tabs.update(tab.id, { url: extensionUrl(path) });
        await browser.windows.update(windowId, { focused: true });
        return true;
      } catch {
        return false; // closed meanwhile
      }
    },
    async closeWindow(windowId) {
      await browser.windows.remove(windowId).catch(() => undefined);
    },
  };
}

type AccessLevelArea = { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> };

/**
 * Content scripts can read `storage.local` by default; where the browser allows it (Chrome 134+),
 * restrict it to the extension's own pages, so orders and settings stay private there too. (The
 * key is not in `storage.local` in any browser: see key-store.ts.) A browser without the call
 * (Firefox) is not a failure; a call that fails is, and rejects for the caller to log.
 */
export async function restrictLocalStorage(
  local: AccessLevelArea | undefined = (globalThis as { chrome?: { storage?: { local?: AccessLevelArea } } }).chrome?.storage?.local,
): Promise<void> {
  await local?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
}

const OFFSCREEN_PATH = '/offscreen.html';
// The enum's value as a string: `chrome.offscreen.Reason` in the shared code would make
// addons-linter flag the Firefox build for an API Firefox lacks (this path never runs there).
const CLIPBOARD_REASON = 'CLIPBOARD' as chrome.offscreen.Reason;

/**
 * Chromium's service worker has no clipboard: an offscreen document (made for this, kept for the
 * next copy) writes it. Firefox's background page has a DOM and writes it itself.
 */
async function copyText(text: string): Promise<void> {
  const offscreen = (globalThis as { chrome?: { offscreen?: typeof chrome.offscreen } }).chrome?.offscreen;
  if (!offscreen) return navigator.clipboard.writeText(text);
  const open = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType] });
  if (open.length === 0) {
    await offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: [CLIPBOARD_REASON],
      justification: 'Copy the newest SMS code when the user presses the shortcut.',
    });
  }
  const reply: unknown = await browser.runtime.sendMessage({ offscreen: 'copy', text });
  if (reply !== true) throw new Error('clipboard write refused');
}
