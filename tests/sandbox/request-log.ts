import type { FaultKind } from './faults.ts';

/**
 * Every API request the sandbox received, for tests that count requests or
 * check that no 429 happened. The full key is kept to filter by it, and never
 * shown: entries carry only its first KEY_HINT_LENGTH characters.
 */
const KEY_HINT_LENGTH = 8;

export function keyHint(key: string): string {
  return key.slice(0, KEY_HINT_LENGTH);
}
/** Old entries are dropped beyond this, so a long manual session does not grow without bound. */
const MAX_ENTRIES = 10_000;

export interface LogEntry {
  at: number;
  method: string;
  /** The API path without /api/v1 and without the query, e.g. "/sms/ab12…". */
  path: string;
  /** null when the connection was dropped without an answer (faults "drop", "drop-after-charge"). */
  status: number | null;
  key_hint: string | null;
  /** The injected fault, if any (sandbox extension). */
  fault?: FaultKind;
}

export class RequestLog {
  readonly #entries: Array<{ key: string | undefined; entry: LogEntry }> = [];

  add(key: string | undefined, entry: Omit<LogEntry, 'key_hint'>): void {
    this.#entries.push({ key, entry: { ...entry, key_hint: key === undefined ? null : keyHint(key) } });
    if (this.#entries.length > MAX_ENTRIES) this.#entries.shift();
  }

  /** Oldest first; only the given key's requests when a key is given. */
  list(key?: string): LogEntry[] {
    return this.#entries.filter((e) => key === undefined || e.key === key).map((e) => e.entry);
  }

  clear(): void {
    this.#entries.length = 0;
  }
}
