import type { Stored } from '../../state/item';
import type { EngineContext } from '../context';
import { resolveUncertainRentals } from '../rentals/rental-purchases';
import { mergeRentals } from '../rentals/rentals';
import { reconcileOrders } from './reconcile';

/**
 * Brings local orders and rentals in line with the server: once per browser session, and at
 * every worker start while something is waiting or a purchase or rental is uncertain (`force`:
 * the popup asked). Otherwise, no request here (active rentals' inboxes are read from the alarm).
 * Codes that came while the worker was stopped are stored here and announced like any other.
 */
export async function reconcileAtStart(
  ctx: EngineContext,
  reconciled: Stored<boolean>,
  announcePending: () => Promise<void>,
  force = false,
): Promise<void> {
  if (!(await ctx.account.hasKey())) return;
  const state = await ctx.store.read();
  const firstThisSession = !(await reconciled.getValue());
  const needed =
    force ||
    firstThisSession ||
    state.uncertain.length > 0 ||
    state.uncertainRentals.length > 0 ||
    state.orders.some((o) => o.state === 'waiting');
  if (!needed) return;
  const client = await ctx.account.client();
  await reconcileOrders(ctx, client);
  await announcePending();
  if (force || firstThisSession || state.uncertainRentals.length > 0) {
    const rentals = await client.rentals({ priority: 'background' });
    // An uncertain rental first: found, it is adopted as the one sent (its service, counted once).
    await resolveUncertainRentals(ctx, client, rentals);
    await ctx.store.update((s) => mergeRentals(s, rentals, ctx.now()));
  }
  await reconciled.setValue(true);
}
