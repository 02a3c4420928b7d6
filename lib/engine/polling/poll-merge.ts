import type { OrderSms, OrderSummary } from '../../numpool/client';
import type { EngineState } from '../../state/schema';
import { applyListItem, applySms, findOrder, settleOrder, updateOrder } from '../orders/orders';

/**
 * What the server said about orders, merged into the stored state. Pure: polling, reconciliation
 * and cancellation all merge through here, so a code is stored (and counted as unannounced) the
 * same way whichever path saw it first.
 */

export interface ListMerge {
  state: EngineState;
  /** Waiting orders the list cannot tell about: not on its page, or "received" without a code. */
  unclear: string[];
  /** Orders with a new SMS: the list shows only the newest, so their full list is worth a read. */
  newSms: string[];
}

/**
 * Merges one page of `GET /orders` into the orders given (those asked about; each as it is now in
 * `state`, which may have changed while the request waited for the budget).
 */
export function mergeOrderList(state: EngineState, items: readonly OrderSummary[], orderIds: readonly string[], now: number): ListMerge {
  const byId = new Map(items.map((i) => [i.orderId, i]));
  let next = state;
  const unclear: string[] = [];
  const newSms: string[] = [];
  for (const orderId of orderIds) {
    const order = findOrder(next, orderId);
    if (!order) continue;
    const item = byId.get(orderId);
    // Not on the list's page, or received but the list shows no code: only `/sms` can tell.
    if (!item || (item.state === 'received' && item.code === null)) {
      if (order.state === 'waiting') unclear.push(orderId);
      continue;
    }
    const applied = applyListItem(order, item, now);
    if (applied.fresh.length === 0 && applied.order.state === order.state && applied.order.rawStatus === order.rawStatus) continue;
    next = settleOrder(next, order, applied.order, now);
    if (applied.fresh.length > 0) newSms.push(orderId);
  }
  return { state: next, unclear, newSms };
}

/** Merges one order's `GET /sms/:id` answer. */
export function mergeOrderSms(state: EngineState, orderId: string, sms: OrderSms, now: number): EngineState {
  const order = findOrder(state, orderId);
  if (!order) return state;
  return settleOrder(state, order, applySms(order, sms, now).order, now);
}

/**
 * The server does not know the order (404): it can never get a code; stop polling it, show why.
 * The only way an order ends without the server saying a word we know.
 */
export function markUnknownToServer(state: EngineState, orderId: string): EngineState {
  return updateOrder(state, orderId, (o) => ({ ...o, state: 'not-found', autoCancelAt: null }));
}
