import type { OrderSms } from '../../numpool/client';
import { nextOrderState, type OrderState, type ServerOrderState } from '../../numpool/status';
import type { EngineState, FillTarget, Order, Sms } from '../../state/schema';

/** Pure transitions of the engine's order list. Each returns a new state; none talks to anything. */

export function newOrder(input: {
  orderId: string;
  service: string;
  country: number;
  number: string;
  cost: number;
  state: OrderState;
  rawStatus: string;
  now: number;
  autoCancelAfterMs: number | null;
  fillTarget: FillTarget | null;
}): Order {
  return {
    orderId: input.orderId,
    service: input.service,
    country: input.country,
    number: input.number,
    cost: input.cost,
    state: input.state,
    rawStatus: input.rawStatus,
    createdAt: input.now,
    messages: [],
    autoCancelAt: input.autoCancelAfterMs === null ? null : input.now + input.autoCancelAfterMs,
    refunded: null,
    fillTarget: input.fillTarget,
    dismissed: false,
    unannounced: 0,
  };
}

export function addOrder(state: EngineState, order: Order): EngineState {
  if (state.orders.some((o) => o.orderId === order.orderId)) return state;
  return { ...state, orders: [order, ...state.orders] };
}

export function updateOrder(state: EngineState, orderId: string, change: (order: Order) => Order): EngineState {
  return { ...state, orders: state.orders.map((o) => (o.orderId === orderId ? change(o) : o)) };
}

export function findOrder(state: EngineState, orderId: string): Order | undefined {
  return state.orders.find((o) => o.orderId === orderId);
}

/**
 * Merges a poll result into an order. Every SMS ever seen is kept, in the server's order (newest
 * first). `fresh` is what is newer than anything seen before: only that is announced, so an older
 * SMS learned late (the order list shows just the newest) is stored but never filled over a newer code.
 */
export function applySms(order: Order, sms: OrderSms, now: number): { order: Order; fresh: Sms[] } {
  const known = order.messages;
  const find = (m: SmsLike) => known.find((k) => sameSms(k, m));
  const firstKnown = sms.messages.findIndex((m) => find(m) !== undefined);
  // Arrival time: the server's when it gives one; else now, or just before the newer one we know.
  const oldestKnownAt = firstKnown < 0 ? now : find(sms.messages[firstKnown]!)!.at;
  const arrived = (m: OrderSms['messages'][number], i: number) => {
    const server = m.at ? Date.parse(m.at) : NaN;
    if (!Number.isNaN(server)) return server;
    return firstKnown >= 0 && i > firstKnown ? oldestKnownAt - (i - firstKnown) : now;
  };
  // A known SMS keeps its arrival time, and gains the text when the list had given only the code.
  const merged = sms.messages.map((m, i) => {
    const k = find(m);
    return k ? { ...k, text: k.text ?? m.text } : { code: m.code, text: m.text, at: arrived(m, i) };
  });
  const fresh = (firstKnown < 0 ? merged : merged.slice(0, firstKnown)).filter((m) => find(m) === undefined);
  const messages = [...merged, ...known.filter((k) => !sms.messages.some((m) => sameSms(k, m)))];
  return {
    order: {
      ...order,
      state: nextOrderState(order.state, sms.state, messages.length > 0),
      rawStatus: sms.rawStatus,
      messages,
      unannounced: order.unannounced + fresh.length,
    },
    fresh,
  };
}

type SmsLike = { code: string | null; text: string | null };

/** The same SMS seen twice: the same code and text, or the same code where one side has no text (the order list). */
function sameSms(a: SmsLike, b: SmsLike): boolean {
  if (a.code !== b.code) return false;
  return a.text === b.text || (a.code !== null && (a.text === null || b.text === null));
}

export function markCancelled(order: Order, refunded: number | null): Order {
  return { ...order, state: 'cancelled', rawStatus: 'cancelled', refunded, autoCancelAt: null };
}

/** The newest order that should fill a code into this tab. */
export function latestOrderForTab(state: EngineState, tabId: number): Order | undefined {
  return state.orders.find((o) => o.fillTarget?.tabId === tabId && !o.dismissed);
}

/** Money in and out, for the daily cap: a charge is positive, a refund negative. */
export function recordSpend(state: EngineState, amount: number, now: number): EngineState {
  return { ...state, spending: [...state.spending, { at: now, amount }] };
}

/** After its code, an order is watched this long for more SMS (a page's "resend code"). */
export const RESEND_WATCH_MS = 10 * 60 * 1000;

/** Orders polling looks at: every waiting one, and received ones still open to a resent code. */
export function ordersToPoll(state: EngineState, now: number): Order[] {
  return state.orders.filter(
    (o) => o.state === 'waiting' || (o.state === 'received' && !o.dismissed && now - (o.messages[0]?.at ?? 0) < RESEND_WATCH_MS),
  );
}

export function waitingOrders(state: EngineState): Order[] {
  return state.orders.filter((o) => o.state === 'waiting');
}

/** How long after its code a signup still counts as in play (the rate limit's window). */
export const SIGNUP_IN_PLAY_MS = 60_000;

/** Signups in play: orders whose number went into a page and that wait, or got their code within the last minute. */
export function signupsInPlay(state: EngineState, now: number): Order[] {
  return state.orders.filter(
    (o) => o.fillTarget && (o.state === 'waiting' || (o.state === 'received' && now - (o.messages[0]?.at ?? 0) < SIGNUP_IN_PLAY_MS)),
  );
}

/**
 * Applies one item of `GET /orders` to the local order: a new code (the list carries only the
 * newest) or a new state. Returns the new SMS so it can be announced.
 */
export function applyListItem(
  order: Order,
  item: { state: ServerOrderState; rawStatus: string | null; code: string | null; text: string | null },
  now: number,
): { order: Order; fresh: Sms[] } {
  const newest = order.messages[0];
  const isNew = item.code !== null && (newest === undefined || !sameSms(newest, item));
  const fresh: Sms[] = isNew ? [{ code: item.code, text: item.text, at: now }] : [];
  const messages = [...fresh, ...order.messages];
  // The same rule as `applySms`: a word we do not know keeps the order as it was.
  const state = nextOrderState(order.state, item.state, messages.length > 0);
  return {
    order: {
      ...order,
      state,
      rawStatus: item.rawStatus ?? order.rawStatus,
      messages,
      autoCancelAt: state === 'waiting' ? order.autoCancelAt : null,
      unannounced: order.unannounced + fresh.length,
    },
    fresh,
  };
}

/**
 * Stores what an order is now, from any path (a poll, the order list, reconciliation, a cancel).
 * One rule for money: an order that leaves "waiting" for "cancelled" or "expired" without a code
 * was refunded (the server's amount when it said, else the cost), and the refund is credited to
 * the daily spend, once.
 */
export function settleOrder(state: EngineState, before: Order, after: Order, now: number): EngineState {
  const refundedNow =
    before.state === 'waiting' &&
    before.refunded === null &&
    (after.state === 'cancelled' || after.state === 'expired') &&
    after.messages.length === 0;
  if (!refundedNow) return updateOrder(state, before.orderId, () => after);
  const amount = after.refunded ?? before.cost;
  return recordSpend(
    updateOrder(state, before.orderId, () => ({ ...after, refunded: amount, autoCancelAt: null })),
    -amount,
    now,
  );
}

/** After announcing `announced` (the newest unannounced message then), what is left to announce. */
export function markAnnounced(order: Order, announced: Sms): Order {
  const index = order.messages.findIndex((m) => sameSms(m, announced));
  // Messages before it came while it was being announced: they are still to be announced.
  return { ...order, unannounced: index < 0 ? 0 : Math.min(order.unannounced, index) };
}

/** Orders not waiting are kept at most this long, and only this many of them. */
export const KEEP_FINISHED_MS = 7 * 24 * 60 * 60 * 1000;
export const KEEP_FINISHED_COUNT = 50;
/** A dismissed order is gone from the popup; it is kept a day (a page may still ask for its code). */
export const KEEP_DISMISSED_MS = 24 * 60 * 60 * 1000;
/** Old spending is useless for a daily cap; two days keep time-zone edges right. */
export const KEEP_SPENDING_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Bounds what is stored. Kept always: waiting orders and orders with a code still to announce.
 * Of the others, the 50 newest of the last 7 days (the dismissed ones of the last day). The
 * account's full history stays on the server (`GET /orders`). Returns the same state when
 * nothing is dropped.
 */
export function pruneState(state: EngineState, now: number): EngineState {
  const keepAlways = (o: Order) => o.state === 'waiting' || o.unannounced > 0;
  const finished = state.orders
    .filter((o) => !keepAlways(o) && now - o.createdAt < (o.dismissed ? KEEP_DISMISSED_MS : KEEP_FINISHED_MS))
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, KEEP_FINISHED_COUNT);
  const kept = new Set(finished);
  const orders = state.orders.filter((o) => keepAlways(o) || kept.has(o));
  const spending = state.spending.filter((e) => e.at > now - KEEP_SPENDING_MS);
  if (orders.length === state.orders.length && spending.length === state.spending.length) return state;
  return { ...state, orders, spending };
}
