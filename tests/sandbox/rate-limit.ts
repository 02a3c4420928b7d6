import type { Clock } from './config.ts';

/** The spec's "60 requests per minute" read as a rolling window, the strictest reading. */
const RATE_WINDOW_MS = 60_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Per-key rolling-window limiter. Only admitted requests take a slot: a client
 * that keeps retrying while limited is not locked out for longer, and the
 * window frees up exactly RATE_WINDOW_MS after the requests that filled it.
 */
export class RateLimiter {
  readonly #clock: Clock;
  readonly #limit: () => number;
  /** Admission times per key, oldest first. */
  readonly #admitted = new Map<string, number[]>();

  /** `limit` is read on every request, so a live config change applies at once. */
  constructor(clock: Clock, limit: () => number) {
    this.#clock = clock;
    this.#limit = limit;
  }

  take(key: string): RateDecision {
    const now = this.#clock();
    const times = (this.#admitted.get(key) ?? []).filter((t) => t > now - RATE_WINDOW_MS);
    this.#admitted.set(key, times);
    const limit = this.#limit();
    if (times.length < limit) {
      times.push(now);
      return { allowed: true };
    }
    // A slot frees when the request at this index leaves the window (more than one must leave if the limit was lowered).
    const freeingAt = (times[times.length - limit] ?? now) + RATE_WINDOW_MS;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freeingAt - now) / 1000)) };
  }
}
