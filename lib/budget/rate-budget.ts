import type { BudgetState, BudgetStore } from './budget-store';

/**
 * The request budget for one API key: at most `limit` requests in any rolling window, shared by
 * everything the extension sends. Requests past the budget wait for a slot instead of being sent
 * to collect a 429. User actions (buy, cancel, the balance a user looks at) go first, and a
 * `reserve` of slots is kept for them that background polling may not use.
 */
export type Priority = 'user' | 'background';

export interface RateBudgetOptions {
  store: BudgetStore;
  limit?: number;
  windowMs?: number;
  /** Added to the window: our clock and the server's disagree a little, and a 429 costs more than a wait. */
  marginMs?: number;
  /** Slots only user-priority requests may take. */
  reserve?: number;
  now?: () => number;
}

interface Waiter {
  priority: Priority;
  seq: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
}

export const DEFAULT_LIMIT = 60;
export const DEFAULT_WINDOW_MS = 60_000;
export const DEFAULT_MARGIN_MS = 1_000;
export const DEFAULT_RESERVE = 10;

export class RateBudget {
  readonly limit: number;
  readonly reserve: number;
  private readonly windowMs: number;
  private readonly store: BudgetStore;
  private readonly now: () => number;
  private state: BudgetState = { version: 1, sends: [], pausedUntil: 0 };
  private readonly loaded: Promise<void>;
  private queue: Waiter[] = [];
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pumping = false;
  private pumpAgain = false;

  constructor(options: RateBudgetOptions) {
    this.limit = options.limit ?? DEFAULT_LIMIT;
    this.reserve = Math.min(options.reserve ?? DEFAULT_RESERVE, this.limit - 1);
    this.windowMs = (options.windowMs ?? DEFAULT_WINDOW_MS) + (options.marginMs ?? DEFAULT_MARGIN_MS);
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.loaded = this.store.load().then((saved) => {
      if (saved) this.state = { version: 1, sends: [...saved.sends].sort((a, b) => a - b), pausedUntil: saved.pausedUntil };
    });
  }

  /** Resolves when a request of this priority may be sent; the slot is taken (and saved) by then. */
  acquire(priority: Priority, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { priority, seq: this.seq++, resolve, reject };
      this.queue.push(waiter);
      // User requests jump the queue; within a priority it is first come, first served.
      this.queue.sort((a, b) => rank(a.priority) - rank(b.priority) || a.seq - b.seq);
      signal?.addEventListener(
        'abort',
        () => {
          if (!this.queue.includes(waiter)) return;
          this.queue = this.queue.filter((w) => w !== waiter);
          reject(signal.reason);
          void this.pump();
        },
        { once: true },
      );
      void this.pump();
    });
  }

  /** After a 429: send nothing for this key until `untilMs` (epoch ms). */
  async pauseUntil(untilMs: number): Promise<void> {
    await this.loaded;
    if (untilMs <= this.state.pausedUntil) return;
    this.state = { ...this.state, pausedUntil: untilMs };
    await this.store.save(this.state);
    void this.pump();
  }

  /** How many requests of this priority could be sent right now without waiting. */
  async available(priority: Priority): Promise<number> {
    await this.loaded;
    const now = this.now();
    if (now < this.state.pausedUntil) return 0;
    return Math.max(0, this.capacity(priority) - this.recentSends(now).length);
  }

  /** When sending is paused after a 429 (epoch ms), or 0. */
  async pausedUntil(): Promise<number> {
    await this.loaded;
    return this.state.pausedUntil > this.now() ? this.state.pausedUntil : 0;
  }

  /** Slots per window that background work may use: what a poll scheduler can share out. */
  get backgroundCapacity(): number {
    return this.limit - this.reserve;
  }

  get effectiveWindowMs(): number {
    return this.windowMs;
  }

  private capacity(priority: Priority): number {
    return priority === 'user' ? this.limit : this.limit - this.reserve;
  }

  private recentSends(now: number): number[] {
    return this.state.sends.filter((t) => t > now - this.windowMs);
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      await this.loaded;
      do {
        this.pumpAgain = false;
        await this.grantWhatFits();
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  private async grantWhatFits(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.now();
    const sends = this.recentSends(now);
    const granted: Waiter[] = [];
    let wakeAt: number | undefined;
    if (now < this.state.pausedUntil) {
      wakeAt = this.state.pausedUntil;
    } else {
      for (const waiter of [...this.queue]) {
        const cap = this.capacity(waiter.priority);
        if (sends.length < cap) {
          sends.push(now);
          granted.push(waiter);
          continue;
        }
        // The slot this waiter needs frees when enough of the oldest sends leave the window.
        wakeAt = sends[sends.length - cap]! + this.windowMs;
        break;
      }
    }
    if (granted.length > 0 || sends.length !== this.state.sends.length) {
      this.queue = this.queue.filter((w) => !granted.includes(w));
      this.state = { ...this.state, sends };
      // Saved before anyone sends, so a restarted worker still counts these requests.
      await this.store.save(this.state);
      for (const w of granted) w.resolve();
    }
    if (wakeAt !== undefined && this.queue.length > 0) {
      this.timer = setTimeout(() => void this.pump(), Math.max(1, wakeAt - this.now()));
    }
  }
}

function rank(priority: Priority): number {
  return priority === 'user' ? 0 : 1;
}
