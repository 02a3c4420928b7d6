import type { Settings } from '../state/schema';
import { loadSettings } from '../state/store';
import type { Account } from './account';
import type { Catalog } from './catalog';
import type { Platform } from './platform';
import type { EngineStore } from './store';

/** What every engine capability shares. Built once in `createEngine`. */
export interface EngineContext {
  platform: Platform;
  store: EngineStore;
  account: Account;
  catalog: Catalog;
  now: () => number;
  settings(): Promise<Settings>;
}

export function settingsReader(platform: Platform): () => Promise<Settings> {
  return () => loadSettings(platform.local);
}
