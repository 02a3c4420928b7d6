import type { Priority } from '../../budget/rate-budget';
import type { OrderSummary } from '../../numpool/client';
import { NumPoolError } from '../../numpool/errors';
import type { Announcements } from './announcements';
import type { EngineContext } from '../context';
import { markUnknownToServer, mergeOrderList, mergeOrderSms } from './poll-merge';

/** Enough of the newest orders to cover every active one of a busy user. */
export const LIST_POLL_LIMIT = 50;

export type ListRead = { usable: false } | { usable: true; unclear: string[]; newSms: string[] };

/**
 * The two reads polling is made of, each one request: store what the answer says, then announce
 * any new code. Also used outside polling (a cancel that meets a code reads the order).
 */
export class OrderReads {
  constructor(
    private readonly ctx: EngineContext,
    private readonly announcements: Announcements,
    /** Each order list fetched, for other checks that need it (copies of purchases the browser re-sent). */
    private readonly onOrderList: (items: OrderSummary[]) => Promise<void>,
  ) {}

  /** `GET /orders`, merged into the orders given. A list without statuses is of no use for polling. */
  async list(orderIds: readonly string[], priority: Priority): Promise<ListRead> {
    const client = await this.ctx.account.client();
    const { items } = await client.orders({ limit: LIST_POLL_LIMIT }, { priority });
    if (items.length > 0 && items.every((i) => i.rawStatus === null)) return { usable: false };
    await this.onOrderList(items).catch(this.ctx.diagnostics.catcher('checking for copies the browser re-sent'));
    const merged = await this.ctx.store.update((state) => {
      const m = mergeOrderList(state, items, orderIds, this.ctx.now());
      return [m.state, m] as const;
    });
    await this.announcements.announcePending();
    return { usable: true, unclear: merged.unclear, newSms: merged.newSms };
  }

  /** `GET /sms/:id`, merged. An order the server does not know is marked so, and no longer polled. */
  async order(orderId: string, priority: Priority): Promise<void> {
    const client = await this.ctx.account.client();
    try {
      const sms = await client.sms(orderId, { priority });
      await this.ctx.store.update((state) => mergeOrderSms(state, orderId, sms, this.ctx.now()));
    } catch (error) {
      if (!(error instanceof NumPoolError && error.kind === 'not-found')) throw error;
      await this.ctx.store.update((s) => markUnknownToServer(s, orderId));
      return;
    }
    await this.announcements.announcePending();
  }
}
