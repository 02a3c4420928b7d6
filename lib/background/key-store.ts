import { z } from 'zod';
import type { KeyStore } from '../engine/platform';
import type { StorageAreas } from '../state/item';
import { ITEMS } from '../engine/stored-items';

/**
 * Where the API key lives: the IndexedDB of the extension's own origin. Content scripts run in the
 * page's origin and cannot open it, in any browser. `storage.local` is no place for it: Firefox
 * lets content scripts read it (there is no `setAccessLevel` there).
 */
export const KEY_DB = { name: 'numpool-secrets', version: 1, store: 'secrets', apiKey: 'apiKey' } as const;

const storedKeySchema = z.string().min(1);

/**
 * The key store for the background. Before its first read or write it moves a key that an older
 * version left in `storage.local` (`legacy`) into the database and deletes it there. A failed move
 * goes to `onMoveFailed` (the diagnostics log): a key left readable by content scripts in Firefox
 * must not go unnoticed.
 */
export function indexedDbKeyStore(
  idb: IDBFactory,
  legacy: StorageAreas,
  onMoveFailed: (error: unknown) => void = () => undefined,
): KeyStore {
  let db: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> =>
    (db ??= openKeyDb(idb).then(
      (opened) => {
        // Another context upgrading or deleting the database closes this connection: reopen next time.
        opened.onversionchange = () => {
          opened.close();
          db = undefined;
        };
        opened.onclose = () => (db = undefined);
        return opened;
      },
      (error: unknown) => {
        db = undefined;
        throw error;
      },
    ));

  const read = async (): Promise<string | null> => {
    const value = await request((await open()).transaction(KEY_DB.store, 'readonly').objectStore(KEY_DB.store).get(KEY_DB.apiKey));
    const parsed = storedKeySchema.safeParse(value);
    return parsed.success ? parsed.data : null;
  };
  const write = async (key: string | null): Promise<void> => {
    const tx = (await open()).transaction(KEY_DB.store, 'readwrite');
    const store = tx.objectStore(KEY_DB.store);
    if (key === null) store.delete(KEY_DB.apiKey);
    else store.put(storedKeySchema.parse(key), KEY_DB.apiKey);
    await committed(tx);
  };

  // A failed move leaves the old key where it was, for the next start; the store still works.
  const migrated = moveLegacyKey(legacy, read, write).catch(onMoveFailed);
  return {
    async get() {
      await migrated;
      return read();
    },
    async set(key) {
      await migrated;
      await write(key);
    },
    async remove() {
      await migrated;
      await write(null);
    },
  };
}

/** A key from `storage.local` moves here once; a key already here wins. Then it is gone from there. */
async function moveLegacyKey(
  areas: StorageAreas,
  read: () => Promise<string | null>,
  write: (key: string) => Promise<void>,
): Promise<void> {
  const legacy = ITEMS.legacyApiKey.in(areas);
  const old = await legacy.getValue();
  if (old !== null && (await read()) === null) await write(old);
  await legacy.removeValue();
}

function openKeyDb(idb: IDBFactory): Promise<IDBDatabase> {
  const opening = idb.open(KEY_DB.name, KEY_DB.version);
  opening.onupgradeneeded = () => {
    if (!opening.result.objectStoreNames.contains(KEY_DB.store)) opening.result.createObjectStore(KEY_DB.store);
  };
  return request(opening);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}
