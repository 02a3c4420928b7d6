import { z } from 'zod';
import type { Stored } from '../state/item';

/**
 * What the budget keeps between service-worker lives: when requests were sent (all of them, which
 * of those were not users' — background work — and which of those a page's lookup was), and any
 * 429 pause. Times are epoch ms, oldest first.
 */
export const budgetStateSchema = z.object({
  version: z.literal(3),
  sends: z.array(z.number().finite()).max(1000),
  background: z.array(z.number().finite()).max(1000),
  /** Background sends a page caused (its button's price), each also in `background`: not polling's turns. */
  page: z.array(z.number().finite()).max(1000),
  pausedUntil: z.number().finite(),
});
export type BudgetState = z.infer<typeof budgetStateSchema>;

export const EMPTY_BUDGET: BudgetState = { version: 3, sends: [], background: [], page: [], pausedUntil: 0 };

export interface BudgetStore {
  load(): Promise<BudgetState | undefined>;
  save(state: BudgetState): Promise<void>;
}

/**
 * Keeps the budget in extension storage (its item: `FAMILIES.budget` in lib/engine/stored-items.ts, under
 * a fingerprint of the key), so it survives the service worker being stopped. A corrupt entry
 * reads as an empty budget, never trusted.
 */
export function storageBudgetStore(stored: Stored<BudgetState>): BudgetStore {
  return {
    load: () => stored.getValue(),
    save: (state) => stored.setValue(state),
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
