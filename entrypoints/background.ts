import { browser } from 'wxt/browser';
import { browserPlatform, restrictLocalStorage } from '../lib/background/browser-platform';
import { CONTEXT_MENU_ID, createEngine } from '../lib/engine/engine';
import { createDispatcher } from '../lib/messaging/server';

// Thin wiring: the engine does the work; this connects it to the browser's events.
export default defineBackground(() => {
  void restrictLocalStorage();
  const engine = createEngine(browserPlatform());
  const dispatch = createDispatcher(engine.handlers, {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    errorForUser: (error) => engine.errorForUser(error),
  });

  browser.runtime.onMessage.addListener((message, sender) => dispatch(message, sender));
  browser.alarms.onAlarm.addListener((alarm) => void engine.onAlarm(alarm.name));
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: CONTEXT_MENU_ID, title: browser.i18n.getMessage('contextMenuGetNumber'), contexts: ['editable'] });
  });
  const onMenuClick = (info: { menuItemId: string | number; frameId?: number }, tab?: { id?: number; url?: string }) => void engine.onContextMenu(info, tab);
  browser.contextMenus.onClicked.addListener(onMenuClick);
  // Playwright cannot click the browser's own context menu; e2e tests call this from the worker.
  (globalThis as { numpoolMenuClick?: typeof onMenuClick }).numpoolMenuClick = onMenuClick;

  void engine.start();
});
