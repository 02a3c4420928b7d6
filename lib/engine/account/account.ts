import { RateBudget, type BudgetTimers } from '../../budget/rate-budget';
import { keyFingerprint, storageBudgetStore } from '../../budget/budget-store';
import { createNumPoolClient, type NumPoolClient } from '../../numpool/client';
import type { FetchLike, RequestRecord, RetryPolicy } from '../../numpool/http';
import type { StorageArea } from '../../state/item';
import { FAMILIES, ITEMS } from '../stored-items';
import { EngineError } from '../errors';
import type { KeyStore } from '../platform';
import type { SettingsStore } from './settings';

/**
 * The API key, the client made from it, and that key's rate budget. The key never leaves here.
 * The key is read from storage once and kept until storage says it changed; one client per key
 * and base URL, one budget per key (the server counts per key, whatever the URL).
 */
export class Account {
  private key: Promise<string | null> | undefined;
  private cachedClient: { key: string; baseUrl: string; client: NumPoolClient } | undefined;
  private readonly budgets = new Map<string, Promise<RateBudget>>();

  constructor(
    private readonly options: {
      /** Where the key itself lives (the background's IndexedDB). */
      keys: KeyStore;
      local: StorageArea;
      session: StorageArea;
      settings: SettingsStore;
      onLocalChange: (listener: (keys: readonly string[]) => void) => void;
      fetch?: FetchLike;
      /** How reads are retried (tests shorten the backoff; the browser keeps the default). */
      retry?: RetryPolicy;
      onRequest?: (record: RequestRecord) => void;
      /** The budget's clock: the engine's (tests run it on a fake one). */
      now?: () => number;
      timers?: BudgetTimers;
    },
  ) {
    // The key is not in storage.local, only a note that it changed: read it again then.
    options.onLocalChange((keys) => {
      if (keys.includes(ITEMS.keyChanged.key)) this.key = undefined;
    });
  }

  async hasKey(): Promise<boolean> {
    return (await this.readKey()) !== null;
  }

  /** e.g. `np_live_…f00d`: enough to recognise the key, not enough to use it. */
  async keyHint(): Promise<string | null> {
    const key = await this.readKey();
    return key === null ? null : maskKey(key);
  }

  async setKey(key: string): Promise<void> {
    await this.options.keys.set(key);
    this.key = Promise.resolve(key);
    await ITEMS.keyChanged.in(this.options).setValue(Date.now());
  }

  async removeKey(): Promise<void> {
    await this.options.keys.remove();
    this.key = Promise.resolve(null);
    this.cachedClient = undefined;
    await ITEMS.keyChanged.in(this.options).setValue(Date.now());
  }

  /** A client for the stored key and the configured base URL; refuses clearly when there is no key. */
  async client(): Promise<NumPoolClient> {
    const key = await this.readKey();
    if (key === null) throw new EngineError('no-key', 'errorNoKey');
    return (await this.clientFor(key)).client;
  }

  /** The stored key's rate budget (null without a key): the poller reads its pace from it. */
  async budget(): Promise<RateBudget | null> {
    const key = await this.readKey();
    return key === null ? null : this.budgetFor(key);
  }

  /** A client for a key being tried out (onboarding), before it is stored. */
  async clientFor(key: string): Promise<{ client: NumPoolClient; budget: RateBudget }> {
    const { apiBaseUrl } = await this.options.settings.read();
    const budget = await this.budgetFor(key);
    if (this.cachedClient?.key !== key || this.cachedClient.baseUrl !== apiBaseUrl) {
      const client = createNumPoolClient({
        baseUrl: apiBaseUrl,
        apiKey: key,
        fetch: this.options.fetch,
        retry: this.options.retry,
        budget,
        onRequest: this.options.onRequest,
      });
      this.cachedClient = { key, baseUrl: apiBaseUrl, client };
    }
    return { client: this.cachedClient.client, budget };
  }

  /** One budget per key, kept in session storage so a restarted worker keeps counting. */
  private budgetFor(key: string): Promise<RateBudget> {
    let budget = this.budgets.get(key);
    if (!budget) {
      budget = keyFingerprint(key).then(
        (fingerprint) =>
          new RateBudget({
            store: storageBudgetStore(FAMILIES.budget.item(fingerprint).in(this.options)),
            now: this.options.now,
            timers: this.options.timers,
          }),
      );
      this.budgets.set(key, budget);
    }
    return budget;
  }

  private readKey(): Promise<string | null> {
    const read = (this.key ??= this.options.keys.get().then((value) => (typeof value === 'string' && value.length > 0 ? value : null)));
    read.catch(() => {
      if (this.key === read) this.key = undefined;
    });
    return read;
  }
}

export function maskKey(key: string): string {
  const prefix = /^[a-z]+_[a-z]+_/i.exec(key)?.[0] ?? '';
  return `${prefix}…${key.slice(-4)}`;
}
