import type { DiagnosticsLog } from '../diagnostics/log';
import type { Settings } from '../state/schema';
import type { Account } from './account/account';
import type { Catalog } from './account/catalog';
import type { Platform } from './platform';
import type { EngineStore } from './account/store';

/** What every engine capability shares. Built once in `createEngine`. */
export interface EngineContext {
  platform: Platform;
  store: EngineStore;
  account: Account;
  catalog: Catalog;
  now: () => number;
  /** The settings as stored (kept in memory until storage says they changed). */
  settings(): Promise<Settings>;
  /** Changes the settings; changes run one at a time, each on what is stored then. */
  updateSettings(change: (settings: Settings) => Settings): Promise<Settings>;
  /** Requests and failures, for the options page's Diagnostics section. */
  diagnostics: DiagnosticsLog;
}
