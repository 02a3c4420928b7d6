import type { NumPoolClient, OrderSummary } from '../numpool/client';
import type { EngineState, Order, UncertainPurchase } from '../state/schema';
import type { EngineContext } from './context';
import { addOrder, applyListItem, newOrder, recordSpend, settleOrder } from './orders';

/** Orders created within this long before a purchase was sent still count as its result (clock skew). */
export const SKEW_MS = 2 * 60 * 1000;
/** How many recent orders to look through; a user does not buy more than this in one uncertain moment. */
export const RECONCILE_LIMIT = 50;

/**
 * The order an uncertain purchase produced, if any: the newest order the account has that we did
 * not know of, of the same service and country, created after the purchase was sent.
 */
export function matchUncertainOrder(purchase: UncertainPurchase, items: readonly OrderSummary[]): OrderSummary | null {
  const known = new Set(purchase.knownIds);
  const candidates = items.filter(
    (o) =>
      !known.has(o.orderId) &&
      (o.service === null || o.service === purchase.service) &&
      (o.country === null || purchase.country === null || Number(o.country) === purchase.country) &&
      (o.createdAt === null || Date.parse(o.createdAt) >= purchase.sentAt - SKEW_MS),
  );
  return candidates[0] ?? null;
}

/** Local order states updated from the server's list (codes that came while we were away, expiries). */
export function mergeServerOrders(state: EngineState, items: readonly OrderSummary[], now: number): EngineState {
  let next = state;
  for (const item of items) {
    const local = next.orders.find((o) => o.orderId === item.orderId);
    if (!local || local.state !== 'waiting' || item.state === 'waiting' || item.state === 'unknown') continue;
    next = settleOrder(next, local, applyListItem(local, item, now).order, now);
  }
  return next;
}

export type UncertainOutcome = { kind: 'found'; order: Order } | { kind: 'absent' } | { kind: 'unknown' };

/**
 * Settles uncertain purchases against `GET /orders`: a found order is adopted (and charged to the
 * daily spend), an absent one is forgotten (nothing was charged), and when the list cannot be had
 * the uncertainty stays for the next try.
 */
export async function resolveUncertainOrders(ctx: EngineContext, client: NumPoolClient, fetched?: OrderSummary[]): Promise<Map<number, UncertainOutcome>> {
  const outcomes = new Map<number, UncertainOutcome>();
  const pending = (await ctx.store.read()).uncertain.filter((u) => u.kind === 'order');
  if (pending.length === 0) return outcomes;
  let items: OrderSummary[];
  try {
    items = fetched ?? (await client.orders({ limit: RECONCILE_LIMIT }, { priority: 'user' })).items;
  } catch {
    for (const p of pending) outcomes.set(p.sentAt, { kind: 'unknown' });
    return outcomes;
  }
  const settings = await ctx.settings();
  const taken = new Set<string>();
  for (const purchase of pending) {
    const match = matchUncertainOrder({ ...purchase, knownIds: [...purchase.knownIds, ...taken] }, items);
    if (!match) {
      outcomes.set(purchase.sentAt, { kind: 'absent' });
      continue;
    }
    taken.add(match.orderId);
    const number = match.number ?? (await client.sms(match.orderId, { priority: 'user' }).catch(() => null))?.number ?? '';
    const order = newOrder({
      orderId: match.orderId,
      service: purchase.service,
      country: purchase.country ?? Number(match.country ?? 0),
      number,
      cost: match.cost ?? 0,
      state: match.state === 'unknown' ? 'waiting' : match.state,
      rawStatus: match.rawStatus ?? 'pending',
      // Its clock (and auto-cancel) started when the purchase was sent.
      now: purchase.sentAt,
      autoCancelAfterMs: settings.autoCancel ? settings.autoCancelAfterMin * 60_000 : null,
      fillTarget: purchase.fillTarget,
    });
    outcomes.set(purchase.sentAt, { kind: 'found', order });
  }
  await ctx.store.update((state) => {
    let next = { ...state, uncertain: state.uncertain.filter((u) => u.kind !== 'order' || outcomes.get(u.sentAt)?.kind === 'unknown') };
    for (const outcome of outcomes.values()) {
      if (outcome.kind === 'found' && !next.orders.some((o) => o.orderId === outcome.order.orderId)) {
        next = recordSpend(addOrder(next, outcome.order), outcome.order.cost, ctx.now());
      }
    }
    return next;
  });
  return outcomes;
}

/** At start-up: settle any purchase left uncertain and bring local orders up to date, from one list. */
export async function reconcileOrders(ctx: EngineContext, client: NumPoolClient): Promise<void> {
  const state = await ctx.store.read();
  if (state.uncertain.length === 0 && !state.orders.some((o) => o.state === 'waiting')) return;
  const { items } = await client.orders({ limit: RECONCILE_LIMIT }, { priority: 'background' });
  await resolveUncertainOrders(ctx, client, items);
  await ctx.store.update((s) => mergeServerOrders(s, items, ctx.now()));
}
