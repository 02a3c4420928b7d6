/**
 * What to ask NumPool on the next poll: one request per poll, whatever the number of orders.
 *
 * - List mode (the default): one `GET /orders` sees every waiting order at once. A waiting order
 *   the list cannot tell about (older than its page, or "received" without a code) is read on its
 *   own with `GET /sms/:id`, taking turns with the list so it still runs every other poll. An order
 *   that just got its code is read in full later (the list shows only the newest SMS; an older one
 *   that came in the same second would be missing), when that delays no waiting order.
 * - Per-order mode, for good once a list came without statuses (the spec does not promise them):
 *   orders take turns with `GET /sms/:id`; one never polled goes first, then one whose code field
 *   is focused in a page (unless polled within the last two polls), then the one polled longest ago.
 *
 * Memory only: a restarted worker starts in list mode with nothing owed, which costs at most one
 * list request to relearn.
 */
export type PollTarget = { kind: 'list'; burst?: true } | { kind: 'order'; orderId: string; burst?: true };

/**
 * A page sent its filled number (its "Send code"): the SMS is due within seconds, so its order is
 * polled in a burst from `BURST_DELAY_MS` to `BURST_END_MS` after (a service seldom delivers
 * sooner; later the even pace takes over again).
 */
export const BURST_DELAY_MS = 1_500;
export const BURST_END_MS = 11_000;
/** What a page can get, however often it says it sent: this many bursts per order, none overlapping. */
export const MAX_BURSTS_PER_ORDER = 3;

export interface Burst {
  from: number;
  until: number;
}

export interface PollCandidate {
  orderId: string;
  lastPolledAt: number | null;
  /** Its code field is focused in a page right now. */
  focused: boolean;
}

/**
 * The order to poll in per-order mode: one never polled first, then a focused one unless it was
 * polled within the last two polls (so others are not starved), then the one polled longest ago.
 */
export function pickOrderToPoll(candidates: readonly PollCandidate[], now: number, pollIntervalMs: number): string | null {
  if (candidates.length === 0) return null;
  const score = (c: PollCandidate) => {
    if (c.lastPolledAt === null) return -Infinity;
    if (c.focused && now - c.lastPolledAt >= 2 * pollIntervalMs) return -1e15 + c.lastPolledAt;
    return c.lastPolledAt;
  };
  return [...candidates].sort((a, b) => score(a) - score(b))[0]!.orderId;
}

export class PollPlan {
  /** Whether polling reads `GET /orders`: until its answers show it carries no statuses. */
  #pollsOrderList = true;
  /** Waiting orders owed a read of their own, oldest debt first. */
  private owed: string[] = [];
  /** Orders owed a full read once nothing waits. */
  private owedLater: string[] = [];
  private lastWasList = false;
  private readonly lastPolled = new Map<string, number>();
  /** Orders whose code field is focused in a page, by tab. */
  private readonly focusedByTab = new Map<number, string>();
  /** Each order's latest burst and how many it had. */
  private readonly bursts = new Map<string, Burst & { count: number }>();
  /** The last poll in the ordinary turns (not a burst's extra read). */
  private lastRegularAt = -Infinity;

  /** Whether polling reads `GET /orders` (so it also serves the check for copies the browser re-sent) or `/sms` per order. */
  get pollsOrderList(): boolean {
    return this.#pollsOrderList;
  }

  focus(tabId: number, orderId: string | null): void {
    if (orderId) this.focusedByTab.set(tabId, orderId);
    else this.focusedByTab.delete(tabId);
  }

  /**
   * A page of this order sent its number: a burst for it, unless it had its bursts or one is not
   * over yet (a page repeating the signal gains nothing). Returns the burst, or null.
   */
  startBurst(orderId: string, now: number): Burst | null {
    const last = this.bursts.get(orderId);
    if (last && (last.count >= MAX_BURSTS_PER_ORDER || now < last.until)) return null;
    const burst = { from: now + BURST_DELAY_MS, until: now + BURST_END_MS };
    this.bursts.set(orderId, { ...burst, count: (last?.count ?? 0) + 1 });
    return burst;
  }

  /** The bursts of waiting orders not over yet, the soonest first. */
  activeBursts(waiting: readonly string[], now: number): (Burst & { orderId: string })[] {
    return waiting
      .flatMap((orderId) => {
        const b = this.bursts.get(orderId);
        return b && b.until > now ? [{ orderId, from: b.from, until: b.until }] : [];
      })
      .sort((a, b) => a.from - b.from);
  }

  /** The next request, given the orders waiting now; null when there is nothing to ask. */
  next(waiting: readonly string[], now: number, pollIntervalMs: number): PollTarget | null {
    // A burst's extra reads go between the ordinary turns, which keep their pace for every order:
    // a burst reads only its own order, so it polls no other order sooner. Bursting orders take
    // turns; when every waiting order bursts, the ordinary turn would tell nothing more.
    const bursting = this.activeBursts(waiting, now).filter((b) => b.from <= now);
    if (bursting.length > 0 && (now - this.lastRegularAt < pollIntervalMs || bursting.length === waiting.length)) {
      // Several orders bursting at once: one list tells about all of them, where reads of their
      // own would take turns (ten pages sending in the same seconds). Not for one order alone,
      // which its own read serves as well: a page's signal gets no other order polled sooner.
      const listed = bursting.filter((b) => !this.owed.includes(b.orderId));
      if (this.#pollsOrderList && listed.length >= 2) return { kind: 'list', burst: true };
      const orderId = bursting.sort((a, b) => (this.lastPolled.get(a.orderId) ?? 0) - (this.lastPolled.get(b.orderId) ?? 0))[0]!.orderId;
      return { kind: 'order', orderId, burst: true };
    }
    return this.regular(waiting, now, pollIntervalMs);
  }

  private regular(waiting: readonly string[], now: number, pollIntervalMs: number): PollTarget | null {
    if (this.#pollsOrderList) {
      // Nothing waits: only full reads still owed, then nothing.
      if (waiting.length === 0) return this.owedLater.length > 0 ? { kind: 'order', orderId: this.owedLater[0]! } : null;
      // The list runs at least every other poll; a waiting order's debt is paid in between.
      if (this.lastWasList && this.owed.length > 0) return { kind: 'order', orderId: this.owed[0]! };
      return { kind: 'list' };
    }
    const focused = new Set(this.focusedByTab.values());
    const orderId = pickOrderToPoll(
      waiting.map((id) => ({ orderId: id, lastPolledAt: this.lastPolled.get(id) ?? null, focused: focused.has(id) })),
      now,
      pollIntervalMs,
    );
    return orderId === null ? null : { kind: 'order', orderId };
  }

  /** Called as a request goes out, to keep turns. */
  polled(target: PollTarget, now: number): void {
    if (target.burst) {
      if (target.kind === 'order') this.lastPolled.set(target.orderId, now);
      return;
    }
    this.lastRegularAt = now;
    this.lastWasList = target.kind === 'list';
    if (target.kind === 'order') {
      this.lastPolled.set(target.orderId, now);
      this.owed = this.owed.filter((id) => id !== target.orderId);
      this.owedLater = this.owedLater.filter((id) => id !== target.orderId);
    }
  }

  /** The list came without statuses: it cannot tell a code came, so per-order polling from now on. */
  listIsUseless(): void {
    this.#pollsOrderList = false;
    this.owed = [];
    this.owedLater = [];
  }

  /** Orders that need a read of their own: `soon` every other poll, `later` once nothing waits. */
  owe(orderIds: readonly string[], when: 'soon' | 'later'): void {
    const debts = when === 'soon' ? this.owed : this.owedLater;
    for (const id of orderIds) if (!debts.includes(id)) debts.push(id);
  }

  /** Orders no longer waiting or gone owe nothing and need no memory. */
  forgetAllBut(orderIds: ReadonlySet<string>): void {
    this.owed = this.owed.filter((id) => orderIds.has(id));
    this.owedLater = this.owedLater.filter((id) => orderIds.has(id));
    for (const id of this.lastPolled.keys()) if (!orderIds.has(id)) this.lastPolled.delete(id);
    for (const id of this.bursts.keys()) if (!orderIds.has(id)) this.bursts.delete(id);
  }
}
