import '../lib/zod-jitless'; // first: before any module builds a zod schema
import { browser } from 'wxt/browser';
import { browserPlatform, restrictLocalStorage } from '../lib/background/browser-platform';
import { createEngine } from '../lib/engine/engine';
import { CONTEXT_MENU_ID, type MenuClick } from '../lib/engine/gestures/context-menu';
import { createDispatcher } from '../lib/messaging/server';
import { DiagnosticsLog } from '../lib/diagnostics/log';
import { ITEMS } from '../lib/engine/stored-items';
import { pageDecisionRecorder } from '../lib/e2e/page-decisions';

/** Set at build time (wxt.config.ts): true only in the e2e build. */
declare const __NUMPOOL_E2E__: boolean;

// Thin wiring: the engine does the work; this connects it to the browser's events.
export default defineBackground(() => {
  // One log for the whole background, so what fails before the engine runs is recorded too.
  const diagnostics = new DiagnosticsLog(ITEMS.diagnostics.in(browser.storage), () => Date.now());
  void restrictLocalStorage().catch(diagnostics.catcher('restricting storage.local to the extension'));
  // The e2e build records each page purchase decision for its tests to wait for (lib/e2e/page-decisions.ts).
  const onPageDecision = __NUMPOOL_E2E__ ? pageDecisionRecorder(browser.storage) : undefined;
  const engine = createEngine(
    browserPlatform((where) => diagnostics.catcher(where)),
    { diagnostics, ...(onPageDecision ? { onPageDecision } : {}) },
  );
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
  const onMenuClick = (info: MenuClick, tab?: { id?: number; url?: string }) => void engine.onContextMenu(info, tab);
  browser.contextMenus.onClicked.addListener(onMenuClick);
  const onCommand = (command: string, tab?: { id?: number; url?: string }) => void engine.onCommand(command, tab);
  browser.commands.onCommand.addListener(onCommand);
  // Playwright can neither click Chromium's own context menu nor press a shortcut the headless
  // browser routes, so the e2e build (`npm run build:e2e`) lets tests call these two handlers from
  // the worker. The flag is a build-time constant: the build users install has no such line.
  if (__NUMPOOL_E2E__) (globalThis as { numpoolTest?: object }).numpoolTest = { menuClick: onMenuClick, command: onCommand };

  void engine.start();
});
