import type { NumPoolClient, OrderSummary } from '../../numpool/client';
import type { EngineState, Order, UncertainPurchase } from '../../state/schema';
import type { EngineContext } from '../context';
import { addOrder, applyListItem, newOrder, recordSpend, settleOrder } from './orders';
import { mergeOrderList } from '../polling/poll-merge';

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

/** Local orders brought up to date from the server's list: codes that came while we were away, cancels, expiries. */
export function mergeServerOrders(state: EngineState, items: readonly OrderSummary[], now: number): EngineState {
  const waiting = state.orders.filter((o) => o.state === 'waiting').map((o) => o.orderId);
  return mergeOrderList(state, items, waiting, now).state;
}

export type UncertainOutcome = { kind: 'found'; order: Order } | { kind: 'absent' } | { kind: 'unknown' };

/**
 * Settles uncertain purchases against `GET /orders`: a found order is adopted (and charged to the
 * daily spend), an absent one is forgotten (nothing was charged), and when the list cannot be had
 * the uncertainty stays for the next try.
 */
export async function resolveUncertainOrders(
  ctx: EngineContext,
  client: NumPoolClient,
  fetched?: OrderSummary[],
): Promise<Map<number, UncertainOutcome>> {
  const outcomes = new Map<number, UncertainOutcome>();
  const pending = (await ctx.store.read()).uncertain;
  if (pending.length === 0) return outcomes;
  let items: OrderSummary[];
  try {
    items = fetched ?? (await client.orders({ limit: RECONCILE_LIMIT }, { priority: 'user' })).items;
  } catch (error) {
    ctx.diagnostics.error('checking an uncertain purchase', error);
    for (const p of pending) outcomes.set(p.sentAt, { kind: 'unknown' });
    return outcomes;
  }
  const settings = await ctx.settings();
  const taken = new Set<string>();
  /** Each adopted order as bought (waiting), to be charged, then settled to what the list shows. */
  const adoptedAsBought = new Map<string, Order>();
  for (const purchase of pending) {
    const match = matchUncertainOrder({ ...purchase, knownIds: [...purchase.knownIds, ...taken] }, items);
    if (!match) {
      outcomes.set(purchase.sentAt, { kind: 'absent' });
      continue;
    }
    taken.add(match.orderId);
    const number = match.number ?? (await numberOf(ctx, client, match.orderId));
    const adopted = newOrder({
      orderId: match.orderId,
      service: purchase.service,
      country: purchase.country ?? Number(match.country ?? 0),
      number,
      cost: match.cost ?? 0,
      state: 'waiting',
      rawStatus: 'pending',
      // Its clock (and auto-cancel) started when the purchase was sent.
      now: purchase.sentAt,
      autoCancelAfterMs: settings.autoCancel ? settings.autoCancelAfterMin * 60_000 : null,
      fillTarget: purchase.fillTarget,
    });
    adoptedAsBought.set(adopted.orderId, adopted);
    // As the list shows it now: a code that already came is stored (and announced), a cancel refunded.
    outcomes.set(purchase.sentAt, { kind: 'found', order: applyListItem(adopted, match, ctx.now()).order });
  }
  await ctx.store.update((state) => {
    let next = { ...state, uncertain: state.uncertain.filter((u) => outcomes.get(u.sentAt)?.kind === 'unknown') };
    for (const outcome of outcomes.values()) {
      const bought = outcome.kind === 'found' ? adoptedAsBought.get(outcome.order.orderId) : undefined;
      if (outcome.kind === 'found' && bought && !next.orders.some((o) => o.orderId === bought.orderId)) {
        next = settleOrder(recordSpend(addOrder(next, bought), bought.cost, ctx.now()), bought, outcome.order, ctx.now());
      }
    }
    return next;
  });
  return outcomes;
}

/** The number of an adopted order the list did not show; '' when it cannot be had (the order still counts). */
async function numberOf(ctx: EngineContext, client: NumPoolClient, orderId: string): Promise<string> {
  try {
    return (await client.sms(orderId, { priority: 'user' })).number ?? '';
  } catch (error) {
    ctx.diagnostics.error('reading an adopted order', error);
    return '';
  }
}

/**
 * At start-up: settle any purchase left uncertain and bring local orders up to date, from one list.
 * Codes found here are stored as unannounced; the caller announces them.
 */
export async function reconcileOrders(ctx: EngineContext, client: NumPoolClient): Promise<void> {
  const state = await ctx.store.read();
  if (state.uncertain.length === 0 && !state.orders.some((o) => o.state === 'waiting')) return;
  const { items } = await client.orders({ limit: RECONCILE_LIMIT }, { priority: 'background' });
  await resolveUncertainOrders(ctx, client, items);
  await ctx.store.update((s) => mergeServerOrders(s, items, ctx.now()));
}
