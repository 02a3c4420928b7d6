import type { LogEntry } from '../sandbox/request-log';

/** An order as the sandbox saw it: when it was bought and when its first SMS came (null: none). */
export interface OrderLife {
  orderId: string;
  boughtAt: number;
  smsAt: number | null;
}

/**
 * The longest time each order went without being looked at while it waited: from its purchase,
 * between the polls that covered it (`GET /orders` covers every order, `GET /sms/:id` one), up to
 * the first poll after its SMS came (that last stretch is what the user waits for the code).
 * Orders without SMS are measured up to `until`.
 */
export function longestPollGaps(
  orders: readonly OrderLife[],
  log: readonly Pick<LogEntry, 'at' | 'path' | 'status'>[],
  until: number,
): Map<string, number> {
  const lists = log.filter((r) => r.path === '/orders' && r.status === 200).map((r) => r.at);
  const gaps = new Map<string, number>();
  for (const order of orders) {
    const own = log.filter((r) => r.path === `/sms/${order.orderId}` && r.status === 200).map((r) => r.at);
    const polls = [...lists, ...own].filter((t) => t > order.boughtAt).sort((a, b) => a - b);
    const end = order.smsAt === null ? until : (polls.find((t) => t >= order.smsAt!) ?? until);
    let last = order.boughtAt;
    let longest = 0;
    for (const t of polls) {
      if (t > end) break;
      longest = Math.max(longest, t - last);
      last = t;
    }
    gaps.set(order.orderId, Math.max(longest, end - last));
  }
  return gaps;
}

/** The most requests inside any window of `windowMs` (a request at t counts until t + windowMs). */
export function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}
