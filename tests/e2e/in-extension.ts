/**
 * Functions that run inside the browser, shared by the Chromium suite (Playwright, in the service
 * worker) and the Firefox suite (puppeteer, in an extension page). Both drivers send a function's
 * source, so each one is self-contained: it uses only its argument and the browser's globals
 * (`chrome` exists in Firefox too).
 */
import type { KEY_DB } from '../../lib/background/key-store';

export interface AccountArgs {
  baseUrl: string;
  key: string;
  settings: Record<string, unknown>;
  /** The current settings version: an older one would run migrations over `settings` (v3 turns a null cap into the default). */
  settingsVersion: number;
  db: typeof KEY_DB;
}

/** Points the extension at a server and stores a key where the background keeps it (its IndexedDB). */
export async function writeAccount({ baseUrl, key, settings, settingsVersion, db }: AccountArgs): Promise<void> {
  const stored = ((await chrome.storage.local.get('settings')).settings as Record<string, unknown> | undefined) ?? {};
  await chrome.storage.local.set({ settings: { ...stored, version: settingsVersion, apiBaseUrl: baseUrl, ...settings } });
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(db.name, db.version);
    open.onupgradeneeded = () => {
      if (!open.result.objectStoreNames.contains(db.store)) open.result.createObjectStore(db.store);
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  await new Promise<void>((resolve, reject) => {
    const tx = database.transaction(db.store, 'readwrite');
    tx.objectStore(db.store).put(key, db.apiKey);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  database.close();
  // As the extension does after a change of key: the background reads it again.
  await chrome.storage.local.set({ keyChangedAt: Date.now() });
}

/** The key as the background keeps it, or null. */
export async function readStoredKey(db: typeof KEY_DB): Promise<string | null> {
  const database = await new Promise<IDBDatabase | null>((resolve, reject) => {
    const open = indexedDB.open(db.name);
    open.onupgradeneeded = () => {
      // No database yet: do not create one here.
      open.transaction?.abort();
      resolve(null);
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => (open.error?.name === 'AbortError' ? resolve(null) : reject(open.error));
  });
  if (!database?.objectStoreNames.contains(db.store)) return null;
  const value = await new Promise<unknown>((resolve, reject) => {
    const get = database.transaction(db.store).objectStore(db.store).get(db.apiKey);
    get.onsuccess = () => resolve(get.result);
    get.onerror = () => reject(get.error);
  });
  database.close();
  return typeof value === 'string' ? value : null;
}

/**
 * Everything a content script could read that might hold the key: the extension's storage areas
 * and the storage of the page's origin (IndexedDB, including a database of the key store's name,
 * and localStorage). Runs in the content-script world (`scripting.executeScript`); each area is
 * reported as what it held or as the error that refused it.
 */
export async function readableFromContentScript(dbName: string): Promise<Record<string, unknown>> {
  const api = ((globalThis as { browser?: typeof chrome }).browser ?? chrome) as typeof chrome;
  const found: Record<string, unknown> = {};
  const attempt = async (name: string, read: () => Promise<unknown> | unknown) => {
    try {
      found[name] = await read();
    } catch (error) {
      found[name] = `refused: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  const dumpDatabase = (name: string) =>
    new Promise<Record<string, unknown[]>>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const database = open.result;
        const stores = [...database.objectStoreNames];
        const out: Record<string, unknown[]> = {};
        if (stores.length === 0) return resolve(out);
        const tx = database.transaction(stores);
        for (const store of stores) {
          const all = tx.objectStore(store).getAll();
          all.onsuccess = () => (out[store] = all.result);
        }
        tx.oncomplete = () => resolve(out);
        tx.onerror = () => reject(tx.error);
      };
    });
  await attempt('storage.local', () => api.storage.local.get(null));
  await attempt('storage.session', () => api.storage.session.get(null));
  await attempt('storage.sync', () => api.storage.sync.get(null));
  await attempt('indexedDB (key store name)', () => dumpDatabase(dbName));
  await attempt('indexedDB (all)', async () => {
    const out: Record<string, unknown> = {};
    for (const info of await indexedDB.databases()) if (info.name) out[info.name] = await dumpDatabase(info.name);
    return out;
  });
  await attempt('localStorage', () => ({ ...localStorage }));
  await attempt('sessionStorage', () => ({ ...sessionStorage }));
  return found;
}
