import type { OrderSms } from '../numpool/client';
import type { OrderState } from '../numpool/status';
import type { EngineState, FillTarget, Order, Sms } from '../state/schema';

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
  const known = new Map(order.messages.map((m) => [smsKey(m), m]));
  const firstKnown = sms.messages.findIndex((m) => known.has(smsKey(m)));
  // Arrival time: the server's when it gives one; else now, or just before the newer one we know.
  const oldestKnownAt = firstKnown < 0 ? now : known.get(smsKey(sms.messages[firstKnown]!))!.at;
  const arrived = (m: OrderSms['messages'][number], i: number) => {
    const server = m.at ? Date.parse(m.at) : NaN;
    if (!Number.isNaN(server)) return server;
    return firstKnown >= 0 && i > firstKnown ? oldestKnownAt - (i - firstKnown) : now;
  };
  const merged = sms.messages.map((m, i) => known.get(smsKey(m)) ?? { code: m.code, text: m.text, at: arrived(m, i) });
  const listed = new Set(sms.messages.map(smsKey));
  const fresh = (firstKnown < 0 ? merged : merged.slice(0, firstKnown)).filter((m) => !known.has(smsKey(m)));
  const messages = [...merged, ...order.messages.filter((m) => !listed.has(smsKey(m)))];
  const state = sms.state === 'unknown' && messages.length > 0 ? 'received' : sms.state;
  return {
    order: { ...order, state: messages.length > 0 && state === 'waiting' ? 'received' : state, rawStatus: sms.rawStatus, messages },
    fresh,
  };
}

function smsKey(m: { code: string | null; text: string | null }): string {
  return `${m.code ?? ''}\u0000${m.text ?? ''}`;
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

/** Orders worth polling: every waiting one, and received ones still open to a resent code. */
export function activeOrders(state: EngineState, now: number): Order[] {
  return state.orders.filter((o) => o.state === 'waiting' || (o.state === 'received' && !o.dismissed && now - (o.messages[0]?.at ?? 0) < RESEND_WATCH_MS));
}

/**
 * Applies one item of `GET /orders` to the local order: a new code (the list carries only the
 * newest) or a final state. Returns the new SMS so it can be announced.
 */
export function applyListItem(order: Order, item: { state: OrderState; rawStatus: string | null; code: string | null; text: string | null }, now: number): { order: Order; fresh: Sms[] } {
  const newest = order.messages[0];
  const isNew = item.code !== null && (newest?.code !== item.code || newest?.text !== item.text);
  const fresh: Sms[] = isNew ? [{ code: item.code, text: item.text, at: now }] : [];
  const state = isNew && item.state === 'waiting' ? 'received' : item.state === 'unknown' ? order.state : item.state;
  const finished = state === 'cancelled' || state === 'expired';
  return {
    order: {
      ...order,
      state,
      rawStatus: item.rawStatus ?? order.rawStatus,
      messages: [...fresh, ...order.messages],
      autoCancelAt: state === 'waiting' ? order.autoCancelAt : null,
      refunded: finished && order.state === 'waiting' ? (order.refunded ?? order.cost) : order.refunded,
    },
    fresh,
  };
}

/**
 * Stores what the server said an order is now. One rule for every path (poll, order list,
 * reconciliation): an order that expires while waiting is refunded, so the refund is recorded.
 */
export function settleOrder(state: EngineState, before: Order, after: Order, now: number): EngineState {
  if (after.state === 'expired' && before.state === 'waiting') {
    const expired = { ...after, refunded: before.refunded ?? before.cost, autoCancelAt: null };
    return recordSpend(updateOrder(state, before.orderId, () => expired), -before.cost, now);
  }
  return updateOrder(state, before.orderId, () => after);
}
