import { browser, type Browser } from 'wxt/browser';
import type { Platform } from '../engine/platform';
import { indexedDbKeyStore } from './key-store';

const BADGE_COLOR = '#0b7a3b';
/** The confirmation window: room for the question and two buttons, at any text size. */
const CONFIRM_WIDTH = 420;
const CONFIRM_HEIGHT = 480;

/** The real browser behind the engine's `Platform`. */
export function browserPlatform(): Platform {
  return {
    local: browser.storage.local,
    secrets: indexedDbKeyStore(indexedDB, browser.storage.local),
    session: browser.storage.session,
    alarms: {
      create: (name, info) => browser.alarms.create(name, info as Browser.alarms.AlarmCreateInfo),
      clear: (name) => browser.alarms.clear(name),
      get: (name) => browser.alarms.get(name),
    },
    async setBadge(text, title) {
      await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
      await browser.action.setBadgeText({ text });
      await browser.action.setTitle({ title: title || browser.runtime.getManifest().name });
    },
    async notify(id, title, message) {
      await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message });
    },
    async sendToTab(tabId, { frameId, documentId }, event) {
      // A document id alone names one document; Firefox has none and addresses the frame.
      await browser.tabs.sendMessage(tabId, event, documentId ? ({ documentId } as { frameId?: number }) : { frameId });
    },
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
      await browser.windows.create({ url: browser.runtime.getURL(path as `/confirm.html${string}`), type: 'popup', width: CONFIRM_WIDTH, height: CONFIRM_HEIGHT, focused: true });
    },
  };
}

/**
 * Content scripts can read `storage.local` by default; where the browser allows it (Chrome 134+),
 * restrict it to the extension's own pages, so orders and settings stay private there too. (The
 * key is not in `storage.local` in any browser: see key-store.ts.)
 */
export async function restrictLocalStorage(): Promise<void> {
  const local = (globalThis as { chrome?: { storage?: { local?: { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> } } } }).chrome?.storage?.local;
  await local?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
}
