import type { StorageArea } from '../state/store';
import type { TabEvent } from '../messaging/protocol';

/**
 * The browser as the engine sees it: only what it uses, so unit tests pass WXT's fake browser
 * for storage and alarms and plain recorders for the rest.
 */
export interface Platform {
  /** Orders, settings, the key: survives restarts. */
  local: StorageArea;
  /** Per-browser-session bookkeeping (rate budget, right-click targets); not readable by content scripts. */
  session: StorageArea;
  /** Calls `listener` with the keys of `local` that changed, whoever changed them. */
  onLocalChange(listener: (keys: readonly string[]) => void): void;
  alarms: {
    create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number }): Promise<void> | void;
    clear(name: string): Promise<boolean>;
    get(name: string): Promise<unknown>;
  };
  setBadge(text: string, title: string): Promise<void>;
  notify(id: string, title: string, message: string): Promise<void>;
  sendToTab(tabId: number, frameId: number, event: TabEvent): Promise<void>;
  tabUrl(tabId: number): Promise<string | undefined>;
  /** Runs an extension script file in one frame of a tab (the autofill part of the content script). */
  injectScript(tabId: number, frameId: number, file: string): Promise<void>;
  /** Opens the toolbar popup, e.g. to ask which service a page is; may fail without a user gesture. */
  openPopup(): Promise<void>;
}
