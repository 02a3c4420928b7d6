import { z } from 'zod';
import { PAGE_PROBLEMS, type PageProblem } from '../../messaging/protocol';
import { NumPoolError } from '../../numpool/errors';
import type { RequestRecord } from '../../numpool/http';
import type { Stored } from '../../state/item';

/**
 * Why pages show no button though a key is saved: a page's lookup (the service list, the offers)
 * failed, which to the page only means "no button". The popup says it; it lasts until any request
 * with the key is answered (NumPool is back, the key works again) or the key changes.
 */
export const storedProblemSchema = z.object({ problem: z.enum(PAGE_PROBLEMS), at: z.number() });
export type StoredProblem = z.infer<typeof storedProblemSchema>;

/** What a failure means for the user: their key refused, NumPool unreachable, or something else. */
export function pageProblemOf(error: unknown): PageProblem {
  if (!(error instanceof NumPoolError)) return 'failed';
  if (error.kind === 'unauthorized') return 'key-refused';
  if (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server' || error.kind === 'rate-limited')
    return 'unreachable';
  return 'failed';
}

export class ServiceHealth {
  /** Session storage, so a restarted worker (and a popup opened later) still knows. */
  private current: Promise<StoredProblem | null> | undefined;

  constructor(
    private readonly stored: Stored<StoredProblem | null>,
    private readonly now: () => number,
  ) {}

  async problem(): Promise<PageProblem | null> {
    return (await this.read())?.problem ?? null;
  }

  /** Whether a page's lookup failed within the last `ms` (and nothing was answered since). */
  async failedWithin(ms: number): Promise<boolean> {
    const stored = await this.read();
    return stored !== null && this.now() - stored.at < ms;
  }

  async failed(error: unknown): Promise<void> {
    const stored = { problem: pageProblemOf(error), at: this.now() };
    this.current = Promise.resolve(stored);
    await this.stored.setValue(stored);
  }

  /** Every request's outcome: an answer (any 2xx) ends the problem. Never throws, rarely writes. */
  observe(record: RequestRecord): void {
    if (record.status === null || record.status < 200 || record.status >= 300) return;
    void this.read()
      .then((stored) => (stored ? this.clear() : undefined))
      .catch(() => undefined);
  }

  async clear(): Promise<void> {
    this.current = Promise.resolve(null);
    await this.stored.removeValue();
  }

  private read(): Promise<StoredProblem | null> {
    return (this.current ??= this.stored.getValue().catch(() => null));
  }
}
