import { RateBudget } from '../budget/rate-budget';
import { keyFingerprint, storageBudgetStore } from '../budget/budget-store';
import { createNumPoolClient, type NumPoolClient } from '../numpool/client';
import type { FetchLike } from '../numpool/http';
import { loadSettings, type StorageArea } from '../state/store';
import { EngineError } from './errors';
import type { KeyStore } from './platform';

/** The API key, the client made from it, and that key's rate budget. The key never leaves here. */
export class Account {
  private cached: { key: string; baseUrl: string; client: NumPoolClient; budget: RateBudget } | undefined;

  constructor(
    private readonly keys: KeyStore,
    private readonly local: StorageArea,
    private readonly session: StorageArea,
    private readonly fetch?: FetchLike,
  ) {}

  async hasKey(): Promise<boolean> {
    return (await this.readKey()) !== null;
  }

  /** e.g. `np_live_…f00d`: enough to recognise the key, not enough to use it. */
  async keyHint(): Promise<string | null> {
    const key = await this.readKey();
    return key === null ? null : maskKey(key);
  }

  async setKey(key: string): Promise<void> {
    await this.keys.set(key);
  }

  async removeKey(): Promise<void> {
    await this.keys.remove();
    this.cached = undefined;
  }

  /** A client for the stored key and the configured base URL; refuses clearly when there is no key. */
  async client(): Promise<NumPoolClient> {
    const key = await this.readKey();
    if (key === null) throw new EngineError('no-key', 'Add your NumPool API key in the extension first.');
    return (await this.clientFor(key)).client;
  }

  /** A client for a key being tried out (onboarding), before it is stored. */
  async clientFor(key: string): Promise<{ client: NumPoolClient; budget: RateBudget }> {
    const { apiBaseUrl } = await loadSettings(this.local);
    if (this.cached?.key === key && this.cached.baseUrl === apiBaseUrl) return this.cached;
    // One budget per key, kept in session storage so a restarted worker keeps counting.
    const budget = new RateBudget({ store: storageBudgetStore(this.session, await keyFingerprint(key)) });
    const client = createNumPoolClient({ baseUrl: apiBaseUrl, apiKey: key, fetch: this.fetch, budget });
    this.cached = { key, baseUrl: apiBaseUrl, client, budget };
    return this.cached;
  }

  private async readKey(): Promise<string | null> {
    const value = await this.keys.get();
    return typeof value === 'string' && value.length > 0 ? value : null;
  }
}

export function maskKey(key: string): string {
  const prefix = /^[a-z]+_[a-z]+_/i.exec(key)?.[0] ?? '';
  return `${prefix}…${key.slice(-4)}`;
}
