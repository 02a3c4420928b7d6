import { z } from 'zod';
import { PAGE_PROBLEMS, type PageProblem } from '../../messaging/protocol';
import { NumPoolError } from '../../numpool/errors';
import type { RequestRecord } from '../../numpool/http';
import type { StorageArea } from '../../state/store';

/**
 * Why pages show no button though a key is saved: a page's lookup (the service list, the offers)
 * failed, which to the page only means "no button". The popup says it; it lasts until any request
 * with the key is answered (NumPool is back, the key works again) or the key changes.
 */
const storedSchema = z.object({ problem: z.enum(PAGE_PROBLEMS), at: z.number() });
type Stored = z.infer<typeof storedSchema>;
const STORAGE_KEY = 'pageProblem';

/** What a failure means for the user: their key refused, NumPool unreachable, or something else. */
export function pageProblemOf(error: unknown): PageProblem {
  if (!(error instanceof NumPoolError)) return 'failed';
  if (error.kind === 'unauthorized') return 'key-refused';
  if (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server' || error.kind === 'rate-limited') return 'unreachable';
  return 'failed';
}

export class ServiceHealth {
  /** Session storage, so a restarted worker (and a popup opened later) still knows. */
  private current: Promise<Stored | null> | undefined;

  constructor(
    private readonly session: StorageArea,
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
    await this.session.set({ [STORAGE_KEY]: stored });
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
    await this.session.remove(STORAGE_KEY);
  }

  private read(): Promise<Stored | null> {
    return (this.current ??= this.session.get(STORAGE_KEY).then(
      (raw) => storedSchema.safeParse(raw[STORAGE_KEY]).data ?? null,
      () => null,
    ));
  }
}
