import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { renderEn } from '../i18n/en';
import { indexedDbKeyStore } from '../../../lib/background/key-store';
import { createEngine, type Engine } from '../../../lib/engine/engine';
import type { Platform } from '../../../lib/engine/platform';
import type { FetchLike } from '../../../lib/numpool/http';
import type { TabEvent } from '../../../lib/messaging/protocol';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/state/schema';
import { ITEMS } from '../../../lib/engine/stored-items';
import { createDispatcher } from '../../../lib/messaging/server';
import type { BudgetTimers } from '../../../lib/budget/rate-budget';
import type { FakeClock } from '../../sandbox/test-helpers';
import type { PageDecision } from '../../../lib/engine/page/page-purchases';

/**
 * The rate budget's waits on a fake clock: a wait ends as soon as the test yields to the event
 * loop, with the clock moved to the wait's end, as real time would have moved by then. The budget
 * paces on the same clock as the sandbox's rate limit, and no test waits 1.2 s for a poll slot.
 * The poller's own timer stays real: a test that runs for seconds with the poller on sees polls
 * move the clock (tests that count requests or read the clock stop the poller).
 */
export function fakeClockTimers(clock: FakeClock): BudgetTimers {
  return {
    set(run, ms) {
      const due = clock.now() + ms;
      const handle = setImmediate(() => {
        if (clock.now() < due) clock.advance(due - clock.now());
        run();
      });
      return () => clearImmediate(handle);
    },
  };
}

/** What the engine told the browser to show or send, for assertions. */
export interface Recorded {
  badges: string[];
  notifications: { title: string; message: string }[];
  tabEvents: { tabId: number; frameId?: number; documentId?: string; event: TabEvent }[];
  windowsOpened: string[];
  /** Window id → what it shows now; a closed window is removed. */
  windows: Map<number, string>;
  copied: string[];
  popupsOpened: number;
  injected: { tabId: number; frameId: number; file: string }[];
}

/**
 * An engine on WXT's fake browser (storage, alarms) talking to a real sandbox over HTTP, with
 * recorders for the browser UI it cannot fake. `restart()` is a new worker on the same storage.
 */
export async function engineHarness(options: {
  baseUrl: string;
  apiKey: string | null;
  clock?: FakeClock;
  fetch?: FetchLike;
  settings?: Partial<Settings>;
  tabUrls?: Record<number, string>;
  onPageDecision?: (decision: PageDecision) => void;
}) {
  fakeBrowser.reset();
  const recorded: Recorded = {
    badges: [],
    notifications: [],
    tabEvents: [],
    windowsOpened: [],
    windows: new Map(),
    copied: [],
    popupsOpened: 0,
    injected: [],
  };
  const platform: Platform = {
    local: fakeBrowser.storage.local,
    // The real key store, on an in-memory IndexedDB of its own.
    secrets: indexedDbKeyStore(new IDBFactory(), fakeBrowser.storage),
    session: fakeBrowser.storage.session,
    onLocalChange: (listener) => fakeBrowser.storage.local.onChanged.addListener((changes) => listener(Object.keys(changes))),
    alarms: fakeBrowser.alarms,
    setBadge: async (badge) => void recorded.badges.push(badge),
    // Recorded as an English-speaking user would read them.
    notify: async (_id, title, message) => void recorded.notifications.push({ title: renderEn(title), message: renderEn(message) }),
    sendToTab: async (tabId, { frameId, documentId }, event) =>
      void recorded.tabEvents.push({ tabId, ...(frameId !== undefined ? { frameId } : {}), ...(documentId ? { documentId } : {}), event }),
    copyText: async (text) => void recorded.copied.push(text),
    tabUrl: async (tabId) => options.tabUrls?.[tabId],
    injectScript: async (tabId, frameId, file) => void recorded.injected.push({ tabId, frameId, file }),
    openPopup: async () => void recorded.popupsOpened++,
    openWindow: async (path) => {
      recorded.windowsOpened.push(path);
      const id = recorded.windowsOpened.length;
      recorded.windows.set(id, path);
      return id;
    },
    showWindow: async (id, path) => recorded.windows.has(id) && Boolean(recorded.windows.set(id, path)),
    closeWindow: async (id) => void recorded.windows.delete(id),
  };
  await ITEMS.settings.in(platform).setValue({ ...DEFAULT_SETTINGS, apiBaseUrl: options.baseUrl, ...options.settings });
  if (options.apiKey) await platform.secrets.set(options.apiKey);
  const engines: Engine[] = [];
  const make = () => {
    // The default backoff (0.5 s, 1 s, ...) in real time only slows the suite: same tries, shorter waits.
    const clock = options.clock;
    const engine = createEngine(platform, {
      ...(clock ? { now: clock.now, budgetTimers: fakeClockTimers(clock) } : {}),
      ...(options.onPageDecision ? { onPageDecision: options.onPageDecision } : {}),
      fetch: options.fetch,
      retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    });
    engines.push(engine);
    return engine;
  };
  return {
    platform,
    recorded,
    engine: make(),
    /** A new worker life: fresh objects and timers, the same storage. */
    restart(): Engine {
      for (const e of engines) e.poller.stop();
      return make();
    },
    stop() {
      for (const e of engines) e.poller.stop();
    },
  };
}

/**
 * The real fetch, except that POSTs to `path` are held until `release()`: a test can act while such
 * a request is in flight, and knows when it is (`reached`), instead of slowing it by a guess.
 */
export function holdingFetch(path: string): { fetch: FetchLike; reached: Promise<void>; release: () => void } {
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((r) => (reach = r));
  const released = new Promise<void>((r) => (release = r));
  const fetch: FetchLike = async (input, init) => {
    if (init.method === 'POST' && new URL(input).pathname.endsWith(path)) {
      reach();
      await released;
    }
    return globalThis.fetch(input, init);
  };
  return { fetch, reached, release };
}

/**
 * A content script's sender in tab `tabId` on `url`: its frame `frameId`, inside a top page at
 * `topUrl` (the same page for the top frame), in document `documentId` when given (Chromium).
 */
export function pageSender(tabId: number, url: string, frameId = 0, options: { topUrl?: string; documentId?: string } = {}) {
  const topUrl = options.topUrl ?? url;
  return {
    id: fakeBrowser.runtime.id,
    url,
    frameId,
    ...(options.documentId ? { documentId: options.documentId } : {}),
    tab: { id: tabId, url: topUrl, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
  } as never;
}

export function extensionSender(path = 'popup.html') {
  return { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/${path}` } as never;
}

/** The reply envelope a sender gets; `value` is loose, since tests ask every request type by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Reply = { ok: boolean; value?: any; error?: { kind: string; key: string; params?: string[] } };

/** Asks `engine` as `sender` would (a content script, the popup), through the real dispatcher and its sender checks. */
export function askAs(engine: Engine): (type: string, payload: unknown, sender: unknown) => Promise<Reply> {
  const dispatch = createDispatcher(engine.handlers, {
    extensionId: fakeBrowser.runtime.id,
    extensionOrigin: `chrome-extension://${fakeBrowser.runtime.id}/`,
    errorForUser: (e: unknown) => engine.errorForUser(e),
  });
  return (type, payload, sender) => dispatch({ np: 1, type, payload }, sender as never) as Promise<Reply>;
}
