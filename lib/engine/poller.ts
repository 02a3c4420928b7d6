import { NumPoolError } from '../numpool/errors';
import type { EngineContext } from './context';
import { activeOrders, applyListItem, applySms, findOrder, settleOrder, updateOrder } from './orders';
import type { Order, Sms } from '../state/schema';
import type { OrderSummary } from '../numpool/client';
import { announceCodes } from './announce';
import { ALARM_PERIOD_MIN, pickOrderToPoll, tickIntervalMs } from './cadence';
import { DEFAULT_LIMIT, DEFAULT_RESERVE, DEFAULT_WINDOW_MS, DEFAULT_MARGIN_MS } from '../budget/rate-budget';

export const POLL_ALARM = 'numpool-poll';
/**
 * Time between polls: the budget's background share spread over its window. Every key's budget
 * uses the default limits, so this is a constant (about 1.2 s).
 */
export const TICK_MS = tickIntervalMs(DEFAULT_LIMIT - DEFAULT_RESERVE, DEFAULT_WINDOW_MS + DEFAULT_MARGIN_MS);

/** Enough of the newest orders to cover every active one of a busy user. */
export const LIST_POLL_LIMIT = 50;


/**
 * Polls waiting orders with a timer chain while the worker lives; the alarm restarts the chain
 * after the worker was stopped. With nothing to watch there is no timer, no alarm, no request.
 */
export class Poller {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticking = false;
  private stopped = false;
  private wokenDuringRound = false;
  private current: Promise<void> = Promise.resolve();
  private readonly lastPolled = new Map<string, number>();
  /** Whether `GET /orders` carries statuses (learned from its answers), and the orders it missed. */
  private listUsable = true;
  private missedByList: string[] = [];
  /** Orders whose code field is focused in a page, by tab. */
  private readonly focusedByTab = new Map<number, string>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly hooks: {
      /** Runs before each poll (auto-cancel), so a due refund is never late behind polling. */
      beforePoll: () => Promise<void>;
      /** Whether the backstop alarm is still needed when no order waits (watched rentals). */
      alarmNeeded: () => Promise<boolean>;
      /** Each order list fetched for polling, for other checks that need it (duplicate purchases). */
      onOrderList: (items: OrderSummary[]) => Promise<void>;
    },
  ) {}

  focus(tabId: number, orderId: string | null): void {
    if (orderId) this.focusedByTab.set(tabId, orderId);
    else this.focusedByTab.delete(tabId);
  }

  /** Start (or keep) polling now; called after a purchase, at start-up and by the alarm. */
  wake(): void {
    // A round in progress may have read the state before the new order: it schedules another.
    if (this.ticking) {
      this.wokenDuringRound = true;
      return;
    }
    this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = this.stopped ? undefined : setTimeout(() => void this.tick(), delayMs);
  }

  /** No more timers from this poller (a worker being replaced; tests that count requests). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /**
   * One round: auto-cancel what is due, poll one order, then schedule the next round (or clear
   * the alarm when nothing is left). Rounds never overlap: a call during one runs after it.
   */
  tick(): Promise<void> {
    this.current = this.current.then(() => this.round());
    return this.current;
  }

  private async round(): Promise<void> {
    this.ticking = true;
    this.wokenDuringRound = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    let busy = false;
    try {
      await this.hooks.beforePoll().catch(() => undefined);
      busy = await this.pollOne().catch(() => true);
    } finally {
      this.ticking = false;
    }
    if (busy) {
      await this.ensureAlarm();
      this.schedule(TICK_MS);
    } else if (this.wokenDuringRound) {
      this.schedule(0);
    } else if (await this.hooks.alarmNeeded()) {
      await this.ensureAlarm();
    } else {
      await this.ctx.platform.alarms.clear(POLL_ALARM);
    }
  }

  /** Creating the alarm again would restart its period, so only create it when missing. */
  async ensureAlarm(): Promise<void> {
    if (!(await this.ctx.platform.alarms.get(POLL_ALARM))) {
      await this.ctx.platform.alarms.create(POLL_ALARM, { periodInMinutes: ALARM_PERIOD_MIN });
    }
  }

  /** Whether polling reads `GET /orders` (so it also serves the duplicate check) or `/sms` per order. */
  get pollsOrderList(): boolean {
    return this.listUsable;
  }

  /** One request's worth of polling; returns whether any order is still being watched. */
  private async pollOne(): Promise<boolean> {
    const now = this.ctx.now();
    // Received orders ride along (a resent code) only while something waits: no waiting, no polling.
    const active = activeOrders(await this.ctx.store.read(), now);
    if (!active.some((o) => o.state === 'waiting')) return false;
    if (!(await this.ctx.account.hasKey())) return false;
    // Waiting orders the last list did not cover (older than its page) get a per-order poll each.
    const missed = this.missedByList.shift();
    if (missed) {
      this.lastPolled.set(missed, now);
      await this.pollOrder(missed, 'background');
      return true;
    }
    // One `GET /orders` sees every order, so each is checked every tick, not every n-th.
    if (this.listUsable) {
      this.missedByList = (await this.pollList(active)).map((o) => o.orderId);
      return true;
    }
    const candidates = active.filter((o) => o.state === 'waiting');
    const focused = new Set(this.focusedByTab.values());
    const orderId = pickOrderToPoll(
      candidates.map((o) => ({ orderId: o.orderId, lastPolledAt: this.lastPolled.get(o.orderId) ?? null, focused: focused.has(o.orderId) })),
      now,
      TICK_MS,
    );
    if (!orderId) return true;
    this.lastPolled.set(orderId, now);
    await this.pollOrder(orderId, 'background');
    return true;
  }

  /**
   * Polls every active order through the order list; returns the waiting orders it did not cover.
   * A list without statuses (the spec does not promise them) switches to per-order polling for good.
   */
  private async pollList(active: Order[]): Promise<Order[]> {
    const client = await this.ctx.account.client();
    const { items } = await client.orders({ limit: LIST_POLL_LIMIT }, { priority: 'background' });
    if (items.length > 0 && items.every((i) => i.rawStatus === null)) {
      this.listUsable = false;
      return [];
    }
    await this.hooks.onOrderList(items).catch(() => undefined);
    const byId = new Map(items.map((i) => [i.orderId, i]));
    const announcements: { order: Order; fresh: Sms[] }[] = [];
    const needSms: string[] = [];
    await this.ctx.store.update((state) => {
      let next = state;
      for (const { orderId } of active) {
        const item = byId.get(orderId);
        // The order as it is now: the list request may have waited for the budget while a cancel,
        // a dismissal or a per-order poll changed it.
        const order = findOrder(next, orderId);
        if (!item || !order) continue;
        // Received, but the list shows no code: only `/sms` can tell it.
        if (item.state === 'received' && item.code === null) {
          if (order.state === 'waiting') needSms.push(orderId);
          continue;
        }
        const applied = applyListItem(order, item, this.ctx.now());
        if (applied.fresh.length === 0 && applied.order.state === order.state && applied.order.rawStatus === order.rawStatus) continue;
        next = settleOrder(next, order, applied.order, this.ctx.now());
        if (applied.fresh.length > 0) announcements.push(applied);
      }
      return next;
    });
    for (const a of announcements) await announceCodes(this.ctx, a.order, a.fresh);
    // The list shows only the newest SMS: read the full list of an order that just got one.
    for (const id of [...needSms, ...announcements.map((a) => a.order.orderId)]) await this.pollOrder(id, 'background');
    return active.filter((o) => o.state === 'waiting' && !byId.has(o.orderId));
  }

  /** Fetches one order's SMS, stores what is new and announces it. */
  async pollOrder(orderId: string, priority: 'user' | 'background'): Promise<void> {
    const client = await this.ctx.account.client();
    try {
      const sms = await client.sms(orderId, { priority });
      const result = await this.ctx.store.update((state) => {
        const order = findOrder(state, orderId);
        if (!order) return [state, null];
        const applied = applySms(order, sms, this.ctx.now());
        return [settleOrder(state, order, applied.order, this.ctx.now()), applied];
      });
      if (result && result.fresh.length > 0) await announceCodes(this.ctx, result.order, result.fresh);
    } catch (error) {
      // An order the server does not know cannot receive a code: stop polling it, show why.
      if (error instanceof NumPoolError && error.kind === 'not-found') {
        await this.ctx.store.update((s) => updateOrder(s, orderId, (o) => ({ ...o, state: 'unknown', rawStatus: 'not found' })));
        return;
      }
      // Anything else (429, network): the budget and the next tick deal with it.
    }
  }
}
