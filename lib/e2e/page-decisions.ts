import { z } from 'zod';
import type { PageDecision } from '../engine/page/page-purchases';
import { serial } from '../engine/serial';
import { defineItem, type StorageAreas } from '../state/item';

/**
 * The e2e build's record of page purchase decisions (lib/engine/page/page-purchases.ts): a short ring in
 * storage.session that tests read from the worker, to wait for the extension's decision instead
 * of sleeping. Only entrypoints/background.ts imports this, behind the build-time e2e flag, so the
 * build users install does not contain it. Sites, frames and reasons only: never the key.
 */
export const PAGE_DECISIONS_KEY = 'e2ePageDecisions';
/** Enough for one test's clicks; the oldest go first. */
export const MAX_PAGE_DECISIONS = 50;

export const pageDecisionSchema = z.object({
  outcome: z.enum(['bought', 'rented', 'asked', 'refused', 'declined']),
  reason: z.string().nullable(),
  gesture: z.enum(['button', 'menu', 'shortcut', 'window']),
  tabId: z.number(),
  frameId: z.number(),
  host: z.string().nullable(),
  at: z.number(),
});
export const pageDecisionsSchema = z.array(pageDecisionSchema);
export type RecordedPageDecision = z.infer<typeof pageDecisionSchema>;

/** The ring's append, one write at a time (decisions can come together: frames clicked at once). */
export function pageDecisionRecorder(areas: StorageAreas, now: () => number = Date.now): (decision: PageDecision) => void {
  // Its item is declared here, not in the registry (lib/engine/stored-items.ts), and only when
  // called: the build users install never calls it, so it carries neither the item nor its key.
  const ring = defineItem<RecordedPageDecision[]>({
    area: 'session',
    key: PAGE_DECISIONS_KEY,
    schema: pageDecisionsSchema,
    fallback: [],
  }).in(areas);
  const writes = serial();
  return (decision) => {
    writes
      .run(async () => {
        const entry = pageDecisionSchema.parse({ ...decision, at: now() });
        await ring.setValue([...(await ring.getValue()), entry].slice(-MAX_PAGE_DECISIONS));
      })
      .catch(() => undefined); // a test hook: a failed write shows as a test waiting in vain
  };
}
