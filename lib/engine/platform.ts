import type { StorageArea } from '../state/item';
import type { TabEvent } from '../messaging/protocol';
import type { Text } from '../i18n/i18n';

/**
 * The browser as the engine sees it: only what it uses, so unit tests pass WXT's fake browser
 * for storage and alarms and plain recorders for the rest.
 */
export interface Platform {
  /** Orders and settings: survives restarts. */
  local: StorageArea;
  /** The API key: survives restarts; no content script can read it. */
  secrets: KeyStore;
  /** Per-browser-session bookkeeping (rate budget, right-click targets); not readable by content scripts. */
  session: StorageArea;
  /** Calls `listener` with the keys of `local` that changed, whoever changed them. */
  onLocalChange(listener: (keys: readonly string[]) => void): void;
  alarms: {
    create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number }): Promise<void> | void;
    clear(name: string): Promise<boolean>;
    get(name: string): Promise<unknown>;
  };
  /** The toolbar button's badge and tooltip (null: the extension's name). */
  setBadge(text: string, title: Text | null): Promise<void>;
  /** A browser notification, worded in the user's language by the browser side. */
  notify(id: string, title: Text, message: Text): Promise<void>;
  /** To one frame of a tab, only to one document where the browser names it, or (no target) to every frame. */
  sendToTab(tabId: number, target: { frameId?: number; documentId?: string }, event: TabEvent): Promise<void>;
  /** Puts text on the clipboard (the worker has none of its own). */
  copyText(text: string): Promise<void>;
  tabUrl(tabId: number): Promise<string | undefined>;
  /** Runs an extension script file in one frame of a tab (the autofill part of the content script). */
  injectScript(tabId: number, frameId: number, file: string): Promise<void>;
  /** Opens the toolbar popup, e.g. to ask which service a page is; may fail without a user gesture. */
  openPopup(): Promise<void>;
  /** Opens an extension page in a window of its own, which no web page can draw over or read; its window id. */
  openWindow(path: string): Promise<number | null>;
  /** Shows `path` in that window and brings it to the front; false when the window is gone. */
  showWindow(windowId: number, path: string): Promise<boolean>;
  /** Closes that window (nothing if it is gone). */
  closeWindow(windowId: number): Promise<void>;
}

/** Where the API key is kept (lib/background/key-store.ts in the browser). */
export interface KeyStore {
  get(): Promise<string | null>;
  set(key: string): Promise<void>;
  remove(): Promise<void>;
}
