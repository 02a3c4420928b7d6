import { announceCodes } from './announce';
import type { EngineContext } from '../context';
import { markAnnounced, updateOrder } from '../orders/orders';
import { serial } from '../serial';

/**
 * Every code is announced exactly once, whichever path stored it (a poll, the order list, the
 * start-up reconciliation of a worker that was stopped while the SMS came, a cancel that met a
 * code): storing counts it as unannounced (`Order.unannounced`), and this announces what is
 * counted, then counts it done. One at a time, so two callers never announce the same code.
 *
 * A worker stopped between announcing and counting it done announces it again at its next start:
 * a repeated fill of the same code, not a missed one.
 */
export class Announcements {
  private readonly queue = serial();

  constructor(private readonly ctx: EngineContext) {}

  /** Announces every code not yet announced. Never throws: a failing channel is logged. */
  announcePending(): Promise<void> {
    return this.queue.run(() => this.announceAll()).catch(this.ctx.diagnostics.catcher('announcing a code'));
  }

  private async announceAll(): Promise<void> {
    const pending = (await this.ctx.store.read()).orders.filter((o) => o.unannounced > 0);
    for (const order of pending) {
      const fresh = order.messages.slice(0, order.unannounced);
      await announceCodes(this.ctx, order, fresh).catch(this.ctx.diagnostics.catcher('announcing a code'));
      await this.ctx.store.update((s) => updateOrder(s, order.orderId, (o) => markAnnounced(o, fresh[0]!)));
    }
  }
}
