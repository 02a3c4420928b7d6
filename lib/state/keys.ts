/** The keys of the `storage.local` documents (their items: items.ts). Apart from the schemas, so a tiny script can read them. */
export const STORAGE_KEYS = {
  state: 'state',
  settings: 'settings',
  /**
   * Where versions up to 0.1 kept the API key. Content scripts can read `storage.local` in Firefox,
   * so the key now lives in the background's key store (lib/background/key-store.ts), which moves
   * it out of here at start.
   */
  legacyApiKey: 'secret:apiKey',
  /** When the key last changed (a time, never the key): tells every context to read it again. */
  keyChanged: 'keyChangedAt',
  catalog: 'catalog',
} as const;
