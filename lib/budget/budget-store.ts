import { z } from 'zod';
import type { StorageArea } from '../state/store';

/**
 * What the budget keeps between service-worker lives: when requests were sent (all of them, and
 * which of those were background work), and any 429 pause. Times are epoch ms, oldest first.
 */
export const budgetStateSchema = z.object({
  version: z.literal(2),
  sends: z.array(z.number().finite()).max(1000),
  background: z.array(z.number().finite()).max(1000),
  pausedUntil: z.number().finite(),
});
export type BudgetState = z.infer<typeof budgetStateSchema>;

/** Version 1 did not tell background sends apart: they count as user sends (the stricter reading). */
const budgetStateV1Schema = z.object({ version: z.literal(1), sends: z.array(z.number().finite()).max(1000), pausedUntil: z.number().finite() });

export const EMPTY_BUDGET: BudgetState = { version: 2, sends: [], background: [], pausedUntil: 0 };

/** A stored budget, brought to the current version; undefined when it is missing or corrupt. */
export function parseBudgetState(raw: unknown): BudgetState | undefined {
  const current = budgetStateSchema.safeParse(raw);
  if (current.success) return current.data;
  const v1 = budgetStateV1Schema.safeParse(raw);
  return v1.success ? { version: 2, sends: v1.data.sends, background: [], pausedUntil: v1.data.pausedUntil } : undefined;
}

export interface BudgetStore {
  load(): Promise<BudgetState | undefined>;
  save(state: BudgetState): Promise<void>;
}

/**
 * Keeps the budget in extension storage under a fingerprint of the key (never the key itself),
 * so it survives the service worker being stopped. A corrupt entry is dropped, not trusted.
 */
export function storageBudgetStore(area: StorageArea, keyFingerprint: string): BudgetStore {
  const storageKey = `budget:${keyFingerprint}`;
  return {
    async load() {
      return parseBudgetState((await area.get(storageKey))[storageKey]);
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
