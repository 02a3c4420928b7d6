/** Where each document lives in `storage.local`. Apart from the schemas, so a tiny script can read them. */
export const STORAGE_KEYS = {
  state: 'state',
  settings: 'settings',
  /** Kept apart so nothing that reads state or settings ever carries it along. */
  apiKey: 'secret:apiKey',
  catalog: 'catalog',
} as const;
