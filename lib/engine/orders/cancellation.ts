import { NumPoolError } from '../../numpool/errors';
import type { Order } from '../../state/schema';
import type { EngineContext } from '../context';
import { EngineError } from '../errors';
import { findOrder, markCancelled, settleOrder, updateOrder } from './orders';
import type { Poller } from '../polling/poller';

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
 * already over is not a failure: the order is read again and shown as it really is (a cancel whose
 * first answer was lost reads "cancelled", and `settleOrder` credits its refund like any other).
 */
export async function cancelOrder(ctx: EngineContext, poller: Poller, orderId: string, mode: 'user' | 'auto'): Promise<Order> {
  const order = findOrder(await ctx.store.read(), orderId);
  if (!order) throw new EngineError('not-found', 'errorOrderGone');
  if (order.state !== 'waiting') return order;
  const client = await ctx.account.client();
  try {
    const result = await client.cancel(orderId, { priority: 'user' });
    await ctx.store.update((s) => {
      const current = findOrder(s, orderId);
      return current ? settleOrder(s, current, markCancelled(current, result.refunded ?? current.cost), ctx.now()) : s;
    });
  } catch (error) {
    if (!(error instanceof NumPoolError)) throw error;
    const reason = cancelRefusalReason(error);
    if (reason === 'too-early' && mode === 'auto') {
      await ctx.store.update((s) => updateOrder(s, orderId, (o) => ({ ...o, autoCancelAt: ctx.now() + TOO_EARLY_RETRY_MS })));
    } else if (reason === 'received' || reason === 'finished') {
      await poller.pollOrder(orderId, 'user');
    } else {
      throw error;
    }
  }
  return findOrder(await ctx.store.read(), orderId) ?? order;
}

/** Cancels every waiting order whose time is up, before NumPool can expire it without a code. */
export async function autoCancelDue(ctx: EngineContext, poller: Poller): Promise<void> {
  const state = await ctx.store.read();
  const now = ctx.now();
  const due = state.orders.filter((o) => o.state === 'waiting' && o.autoCancelAt !== null && o.autoCancelAt <= now);
  for (const order of due) {
    await cancelOrder(ctx, poller, order.orderId, 'auto').catch(async (error: unknown) => {
      // Unreachable or refused: tried again a little later rather than giving up a refund, but not
      // on every poll (each try is a request taken from the minute's budget).
      ctx.diagnostics.error('auto-cancel', error);
      await ctx.store.update((s) =>
        updateOrder(s, order.orderId, (o) => (o.state === 'waiting' ? { ...o, autoCancelAt: ctx.now() + TOO_EARLY_RETRY_MS } : o)),
      );
    });
  }
}
