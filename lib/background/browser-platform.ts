import { browser, type Browser } from 'wxt/browser';
import type { Platform } from '../engine/platform';

const BADGE_COLOR = '#0b7a3b';

/** The real browser behind the engine's `Platform`. */
export function browserPlatform(): Platform {
  return {
    local: browser.storage.local,
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
    async setBadge(text, title) {
      await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
      await browser.action.setBadgeText({ text });
      await browser.action.setTitle({ title: title || browser.runtime.getManifest().name });
    },
    async notify(id, title, message) {
      await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message });
    },
    async sendToTab(tabId, frameId, event) {
      await browser.tabs.sendMessage(tabId, event, { frameId });
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
  };
}

/**
 * Content scripts can read `storage.local` by default; where the browser allows it (Chrome 134+),
 * restrict it to the extension's own pages so the API key is out of their reach too.
 */
export async function restrictLocalStorage(): Promise<void> {
  const local = (globalThis as { chrome?: { storage?: { local?: { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> } } } }).chrome?.storage?.local;
  await local?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
}
