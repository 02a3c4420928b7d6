import type { RequestRecord } from '../numpool/http';
import type { Stored } from '../state/item';
import { DIAGNOSTICS_VERSION, scrub, scrubIssues, type DiagnosticEntry, type DiagnosticsDoc } from './entries';

/** Enough for the last few minutes of polling (one request every 1.2 s) and what led to a failure. */
export const MAX_ENTRIES = 200;
/** Saved a few seconds after an entry, not on every request (a stopped worker loses at most those). */
export const SAVE_DELAY_MS = 5_000;

/**
 * The diagnostics log: a ring buffer of the last requests and failures, kept in session storage
 * (it survives the worker stopping, not the browser closing; content scripts cannot read it).
 * Recording never throws and never waits: a failing log must not break what it watches.
 */
export class DiagnosticsLog {
  private entries: DiagnosticEntry[] = [];
  private readonly loaded: Promise<void>;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly stored: Stored<DiagnosticsDoc>,
    private readonly now: () => number,
  ) {
    this.loaded = stored
      .getValue()
      .then((doc) => {
        // Entries recorded while loading come after the stored ones.
        this.entries = [...doc.entries, ...this.entries].slice(-MAX_ENTRIES);
      })
      .catch(() => undefined);
  }

  /** One request as the client saw it (the client only ever gives the spec's route). */
  request(r: RequestRecord): void {
    this.add({
      kind: 'request',
      at: this.now(),
      method: r.method,
      route: scrub(r.route),
      priority: r.priority,
      status: r.status,
      durationMs: Math.round(r.durationMs),
      budgetWaitMs: Math.round(r.budgetWaitMs),
      attempt: r.attempt,
      ...(r.failure ? { failure: r.failure.kind } : {}),
      ...(r.failure?.issues ? { issues: scrubIssues(r.failure.issues) } : {}),
    });
  }

  /** A failure that would otherwise leave no trace. */
  error(where: string, error: unknown): void {
    const e = error as { kind?: unknown; name?: unknown; message?: unknown; status?: unknown; issues?: unknown } | null;
    const kind = typeof e?.kind === 'string' ? e.kind : typeof e?.name === 'string' ? e.name : typeof error;
    const issues = Array.isArray(e?.issues) ? scrubIssues(e.issues) : undefined;
    this.add({
      kind: 'error',
      at: this.now(),
      where: scrub(where),
      error: scrub(kind),
      message: scrub(typeof e?.message === 'string' ? e.message : String(error)),
      ...(typeof e?.status === 'number' && Number.isInteger(e.status) ? { status: e.status } : {}),
      ...(issues ? { issues } : {}),
    });
  }

  /** For `promise.catch(log.catcher('polling'))`: records the failure and swallows it. */
  catcher(where: string): (error: unknown) => void {
    return (error) => this.error(where, error);
  }

  async list(): Promise<DiagnosticEntry[]> {
    await this.loaded;
    return [...this.entries];
  }

  async clear(): Promise<void> {
    await this.loaded;
    this.entries = [];
    await this.save();
  }

  /** Saves now (tests; a worker about to stop). */
  async flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    await this.loaded;
    await this.save();
  }

  private add(entry: DiagnosticEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.loaded.then(() => this.save());
    }, SAVE_DELAY_MS);
  }

  private async save(): Promise<void> {
    // The log cannot report its own failure; the entries stay in memory for the next try.
    await this.stored.setValue({ version: DIAGNOSTICS_VERSION, entries: this.entries }).catch(() => undefined);
  }
}
