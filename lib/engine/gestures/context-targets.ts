import { z } from 'zod';
import type { Stored } from '../../state/item';
import { SCHEMES, type Scheme } from '../page/page-site';

/** A right-click older than this no longer says where a popup purchase should go. */
export const CONTEXT_TARGET_TTL_MS = 5 * 60_000;

// `scheme` missing (remembered by an older version): the purchase fills no page, its code stays in the popup.
const targetSchema = z.object({
  frameId: z.number().int(),
  host: z.string().nullable(),
  scheme: z.enum(SCHEMES).nullable().default(null),
  at: z.number(),
});
export const contextTargetsSchema = z.record(z.string(), targetSchema);
export type ContextTarget = z.infer<typeof targetSchema>;

/**
 * The frame of each tab where the user last chose "Get number here" on a site that matches no
 * service, so the purchase they finish in the popup fills that exact field. Session storage: a
 * tab id means nothing after the browser restarts.
 */
export class ContextTargets {
  constructor(
    private readonly stored: Stored<Record<string, ContextTarget>>,
    private readonly now: () => number,
  ) {}

  async remember(tabId: number, frameId: number, host: string | null, scheme: Scheme | null): Promise<void> {
    const all = await this.all();
    await this.stored.setValue({ ...all, [tabId]: { frameId, host, scheme, at: this.now() } });
  }

  /** The recent right-click target of this tab, if any. */
  async targetFor(tabId: number): Promise<ContextTarget | null> {
    const target = (await this.all())[tabId];
    return target && this.now() - target.at <= CONTEXT_TARGET_TTL_MS ? target : null;
  }

  private all(): Promise<Record<string, ContextTarget>> {
    return this.stored.getValue();
  }
}
