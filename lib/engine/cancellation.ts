import { NumPoolError } from '../numpool/errors';
import type { Order } from '../state/schema';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import { findOrder, markCancelled, recordSpend, updateOrder } from './orders';
import type { Poller } from './poller';

/** When NumPool says "too early to cancel", try again after this long. */
export const TOO_EARLY_RETRY_MS = 30_000;

/** What a refused cancel means, read from the server's words (the spec gives no codes for it). */
export function cancelRefusalReason(error: NumPoolError): 'too-early' | 'received' | 'finished' | 'other' {
  if (error.kind !== 'bad-request') return 'other';
  const text = (error.serverMessage ?? '').toLowerCase();
  if (/early|wait|not yet|too soon/.test(text)) return 'too-early';
  if (/received|code/.test(text)) return 'received';
  if (/cancel|expired|finished|closed/.test(text)) return 'finished';
  return 'other';
}

/**
 * Cancels a waiting order for its refund. A refusal because the code already came or the order is
 * already over is not a failure: the order is refreshed and shown as it really is.
 */
export async function cancelOrder(ctx: EngineContext, poller: Poller, orderId: string, mode: 'user' | 'auto'): Promise<Order> {
  const order = findOrder(await ctx.store.read(), orderId);
  if (!order) throw new EngineError('not-found', 'This order is no longer in the extension.');
  if (order.state !== 'waiting') return order;
  const client = await ctx.account.client();
  try {
    const result = await client.cancel(orderId, { priority: 'user' });
    const refund = result.refunded ?? order.cost;
    await ctx.store.update((s) => recordSpend(updateOrder(s, orderId, (o) => markCancelled(o, refund)), -refund, ctx.now()));
  } catch (error) {
    if (!(error instanceof NumPoolError)) throw error;
    const reason = cancelRefusalReason(error);
    if (reason === 'too-early') {
      if (mode === 'auto') {
        await ctx.store.update((s) => updateOrder(s, orderId, (o) => ({ ...o, autoCancelAt: ctx.now() + TOO_EARLY_RETRY_MS })));
        return findOrder(await ctx.store.read(), orderId)!;
      }
      throw error;
    }
    if (reason === 'received' || reason === 'finished') {
      await poller.pollOrder(orderId, 'user');
      const refreshed = findOrder(await ctx.store.read(), orderId)!;
      // A repeated cancel whose first answer was lost: the server says cancelled, the refund happened.
      if (refreshed.state === 'cancelled' && refreshed.refunded === null) {
        await ctx.store.update((s) => recordSpend(updateOrder(s, orderId, (o) => markCancelled(o, o.cost)), -refreshed.cost, ctx.now()));
      }
      return findOrder(await ctx.store.read(), orderId)!;
    }
    throw error;
  }
  return findOrder(await ctx.store.read(), orderId)!;
}

/** Cancels every waiting order whose time is up, before NumPool can expire it without a code. */
export async function autoCancelDue(ctx: EngineContext, poller: Poller): Promise<void> {
  const state = await ctx.store.read();
  const now = ctx.now();
  const due = state.orders.filter((o) => o.state === 'waiting' && o.autoCancelAt !== null && o.autoCancelAt <= now);
  for (const order of due) {
    await cancelOrder(ctx, poller, order.orderId, 'auto').catch(() => {
      // Unreachable or refused: try again on a later tick rather than give up on a refund.
    });
  }
}
