import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { KEY_DB, indexedDbKeyStore } from '../../../lib/background/key-store';
import { STORAGE_KEYS } from '../../../lib/state/keys';

const legacy = () => fakeBrowser.storage.local;
const areas = () => fakeBrowser.storage;

/** What the database holds, read without the store. */
async function rawKey(idb: IDBFactory): Promise<unknown> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = idb.open(KEY_DB.name, KEY_DB.version);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const value = await new Promise((resolve, reject) => {
    const get = db.transaction(KEY_DB.store).objectStore(KEY_DB.store).get(KEY_DB.apiKey);
    get.onsuccess = () => resolve(get.result);
    get.onerror = () => reject(get.error);
  });
  db.close();
  return value;
}

describe('the key store (IndexedDB of the extension origin)', () => {
  let idb: IDBFactory;
  beforeEach(() => {
    fakeBrowser.reset();
    idb = new IDBFactory();
  });

  it('keeps a key, survives a new background life, and forgets it on remove', async () => {
    const store = indexedDbKeyStore(idb, areas());
    expect(await store.get()).toBeNull();
    await store.set('np_live_secret_1234');
    expect(await store.get()).toBe('np_live_secret_1234');
    expect(await rawKey(idb)).toBe('np_live_secret_1234');
    // A restarted worker opens the same database afresh.
    expect(await indexedDbKeyStore(idb, areas()).get()).toBe('np_live_secret_1234');
    await store.remove();
    expect(await store.get()).toBeNull();
    expect(await indexedDbKeyStore(idb, areas()).get()).toBeNull();
  });

  it('says when the move out of storage.local fails (the key stays readable there), and still works', async () => {
    await legacy().set({ [STORAGE_KEYS.legacyApiKey]: 'np_live_old_5678' });
    const failing = {
      ...areas(),
      local: {
        get: legacy().get.bind(legacy()),
        set: legacy().set.bind(legacy()),
        remove: () => Promise.reject(new Error('storage quota')),
      },
    };
    const failures: unknown[] = [];
    const store = indexedDbKeyStore(idb, failing, (error) => failures.push(error));
    expect(await store.get()).toBe('np_live_old_5678');
    expect(failures).toMatchObject([{ message: 'storage quota' }]);
  });

  it('never writes the key to storage.local', async () => {
    await legacy().set({ settings: { version: 2 } });
    await indexedDbKeyStore(idb, areas()).set('np_live_secret_1234');
    const everything = JSON.stringify(await legacy().get(null as unknown as string));
    expect(everything).toContain('settings');
    expect(everything).not.toContain('np_live_secret_1234');
  });

  it('moves a key an older version left in storage.local, before the first read', async () => {
    await legacy().set({ [STORAGE_KEYS.legacyApiKey]: 'np_live_old_key', settings: { version: 2 } });
    const store = indexedDbKeyStore(idb, areas());
    expect(await store.get()).toBe('np_live_old_key');
    expect(await legacy().get(STORAGE_KEYS.legacyApiKey)).toEqual({});
    expect(await legacy().get('settings')).toEqual({ settings: { version: 2 } });
    expect(await rawKey(idb)).toBe('np_live_old_key');
  });

  it('a key already in the store wins over a leftover one, which is deleted all the same', async () => {
    await indexedDbKeyStore(idb, areas()).set('np_live_new_key');
    await legacy().set({ [STORAGE_KEYS.legacyApiKey]: 'np_live_old_key' });
    expect(await indexedDbKeyStore(idb, areas()).get()).toBe('np_live_new_key');
    expect(await legacy().get(STORAGE_KEYS.legacyApiKey)).toEqual({});
  });

  it('a write right at start is not overwritten by the move', async () => {
    await legacy().set({ [STORAGE_KEYS.legacyApiKey]: 'np_live_old_key' });
    const store = indexedDbKeyStore(idb, areas());
    await store.set('np_live_typed_now');
    expect(await store.get()).toBe('np_live_typed_now');
  });

  it('reads anything that is not a key as no key', async () => {
    const store = indexedDbKeyStore(idb, areas());
    await store.get();
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = idb.open(KEY_DB.name, KEY_DB.version);
      open.onsuccess = () => resolve(open.result);
    });
    await new Promise((resolve) => {
      const tx = db.transaction(KEY_DB.store, 'readwrite');
      tx.objectStore(KEY_DB.store).put({ not: 'a key' }, KEY_DB.apiKey);
      tx.oncomplete = resolve;
    });
    db.close();
    expect(await store.get()).toBeNull();
  });
});
