/**
 * How often to poll, so that codes are seen fast without passing the rate limit.
 *
 * The background share of the budget (limit minus the user reserve) is spent as one poll per
 * tick, ticks spaced evenly over the window. One waiting order is polled every tick (about 1.2 s,
 * so a code is seen ~0.6 s after it arrives on average); with n orders each gets every n-th tick,
 * so the total stays inside the budget whatever n is and never draws a 429.
 */
export function tickIntervalMs(backgroundCapacity: number, windowMs: number): number {
  return Math.ceil(windowMs / Math.max(1, backgroundCapacity));
}

export interface PollCandidate {
  orderId: string;
  lastPolledAt: number | null;
  /** Its code field is focused in a page right now. */
  focused: boolean;
}

/**
 * The order to poll on this tick: one never polled first, then a focused one unless it was polled
 * within the last two ticks (so others are not starved), then the one polled longest ago.
 */
export function pickOrderToPoll(candidates: readonly PollCandidate[], now: number, tickMs: number): string | null {
  if (candidates.length === 0) return null;
  const score = (c: PollCandidate) => {
    if (c.lastPolledAt === null) return -Infinity;
    if (c.focused && now - c.lastPolledAt >= 2 * tickMs) return -1e15 + c.lastPolledAt;
    return c.lastPolledAt;
  };
  return [...candidates].sort((a, b) => score(a) - score(b))[0]!.orderId;
}

/** Rentals change rarely and cost the same requests: a watched inbox is checked once a minute. */
export const RENTAL_CHECK_MS = 60_000;
/** The backstop alarm; Chrome clamps packed extensions to 30 s anyway. */
export const ALARM_PERIOD_MIN = 0.5;
