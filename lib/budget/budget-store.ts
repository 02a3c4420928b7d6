import { z } from 'zod';

/** What the budget keeps between service-worker lives: when requests were sent, and any 429 pause. */
export const budgetStateSchema = z.object({
  version: z.literal(1),
  sends: z.array(z.number().finite()).max(1000),
  pausedUntil: z.number().finite(),
});
export type BudgetState = z.infer<typeof budgetStateSchema>;

export interface BudgetStore {
  load(): Promise<BudgetState | undefined>;
  save(state: BudgetState): Promise<void>;
}

/** Minimal view of `browser.storage.session` / `.local`, so tests can pass WXT's fake browser. */
export interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * Keeps the budget in extension storage under a fingerprint of the key (never the key itself),
 * so it survives the service worker being stopped. A corrupt entry is dropped, not trusted.
 */
export function storageBudgetStore(area: StorageAreaLike, keyFingerprint: string): BudgetStore {
  const storageKey = `budget:${keyFingerprint}`;
  return {
    async load() {
      const raw = (await area.get(storageKey))[storageKey];
      const parsed = budgetStateSchema.safeParse(raw);
      return parsed.success ? parsed.data : undefined;
    },
    async save(state) {
      await area.set({ [storageKey]: state });
    },
  };
}

export function memoryBudgetStore(initial?: BudgetState): BudgetStore {
  let saved = initial;
  return {
    async load() {
      return saved;
    },
    async save(state) {
      saved = structuredClone(state);
    },
  };
}

/** A short, stable, non-reversible name for a key (SHA-256, 16 hex chars). */
export async function keyFingerprint(apiKey: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(apiKey));
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}
