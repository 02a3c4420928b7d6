import type { EngineContext } from '../context';
import type { OrderReads } from './order-reads';
import { ordersToPoll, signupsInPlay, waitingOrders } from '../orders/orders';
import type { EngineState } from '../../state/schema';
import { refreshInbox, rentalsAwaitingCode } from '../rentals/rentals';
import { PollPlan } from './poll-plan';
import { serial } from '../serial';
import { backgroundInterval, type BurstWindow } from '../../budget/rate-budget';

export const POLL_ALARM = 'numpool-poll';
/** The backstop alarm; Chrome clamps packed extensions to 30 s anyway. */
export const ALARM_PERIOD_MIN = 0.5;
/** Used to keep turns in per-order mode when the budget cannot say (no key yet). */
const DEFAULT_POLL_INTERVAL_MS = 1_220;

/**
 * Polls while an order waits: a chain of timers in the living worker, each round one request,
 * each round scheduled for the moment the rate budget has the next background slot (so polls
 * are spread evenly, about 1.2 s apart, slower while the user's own requests take more of the
 * minute). The 30 s alarm restarts the chain after the worker was stopped; it never adds a poll
 * to a living chain. An active rental keeps the alarm (its inbox is read once a minute from it).
 * With no order waiting and no active rental there is no timer, no alarm and no request.
 */
export class Poller {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private stopped = false;
  private wokenDuringRound = false;
  private readonly rounds = serial();
  private readonly plan = new PollPlan();
  /** Rental inboxes awaiting a code take turns with the orders. */
  private rentalsTurn = false;
  private rentalReads = 0;

  constructor(
    private readonly ctx: EngineContext,
    private readonly reads: OrderReads,
    private readonly hooks: {
      /** Runs before each poll (auto-cancel), so a due refund is never late behind polling. */
      beforePoll: () => Promise<void>;
      /** Whether the backstop alarm is still needed when no order waits (watched rentals). */
      alarmNeeded: () => Promise<boolean>;
    },
  ) {}

  /** A page's code field gained (orderId) or lost (null) focus: that order is polled first. */
  focus(tabId: number, orderId: string | null): void {
    this.plan.focus(tabId, orderId);
  }

  /**
   * A page of this waiting order sent its number (its "Send code"): poll it in a burst for the next
   * seconds (bounded per order by `PollPlan.startBurst`). Returns whether a burst began.
   */
  async burst(orderId: string): Promise<boolean> {
    const started = this.plan.startBurst(orderId, this.ctx.now());
    if (!started) return false;
    const budget = await this.ctx.account.budget();
    budget?.burst(this.burstWindow(await this.ctx.store.read(), this.ctx.now()));
    // The next round waits for the even pace; bring it to the burst's. Never starts a chain.
    if (!this.running && this.timer !== undefined && !this.stopped) this.schedule(await this.nextSlotDelay());
    return true;
  }

  /** The budget's burst: from the soonest waiting order's burst to the end of the last (a code ends its order's), or null. */
  private burstWindow(state: EngineState, now: number): BurstWindow | null {
    const bursts = this.plan.activeBursts(
      waitingOrders(state).map((o) => o.orderId),
      now,
    );
    if (bursts.length === 0) return null;
    return { from: bursts[0]!.from, until: Math.max(...bursts.map((b) => b.until)), signups: signupsInPlay(state, now).length };
  }

  /** Whether polling reads `GET /orders` (so it also serves the check for copies the browser re-sent) or `/sms` per order. */
  get pollsOrderList(): boolean {
    return this.plan.pollsOrderList;
  }

  /**
   * Make sure polling runs: after a purchase, at start-up and from the alarm. A chain already
   * running or scheduled is left as it is (its next round sees the new order): waking never adds
   * a poll out of turn.
   */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wokenDuringRound = true;
      return;
    }
    if (this.timer === undefined) this.schedule(0);
  }

  /** No more timers from this poller (a worker being replaced; tests that count requests). */
  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** One round now, after any round in progress (tests, and the timer chain). */
  tick(): Promise<void> {
    return this.rounds.run(() => this.round());
  }

  /** Reads one order now at the user's priority (a cancel that met a code), outside the chain. */
  pollOrder(orderId: string, priority: 'user' | 'background'): Promise<void> {
    return this.reads.order(orderId, priority);
  }

  private schedule(delayMs: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = this.stopped ? undefined : setTimeout(() => void this.tick(), delayMs);
  }

  /**
   * One round: auto-cancel what is due, poll once, then schedule the next round for the next
   * background slot, or end the chain (and clear the alarm) when nothing waits.
   */
  private async round(): Promise<void> {
    this.running = true;
    this.wokenDuringRound = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    let waiting = false;
    try {
      await this.hooks.beforePoll().catch(this.ctx.diagnostics.catcher('auto-cancel'));
      waiting = await this.pollOnce().catch((error: unknown) => {
        this.ctx.diagnostics.error('polling', error);
        // Unreachable or refused: an order may still wait, so the chain goes on.
        return true;
      });
      if (!waiting && !this.wokenDuringRound) {
        if (await this.hooks.alarmNeeded()) await this.ensureAlarm();
        else await this.ctx.platform.alarms.clear(POLL_ALARM);
      }
      // Checked again: a purchase may have woken the poller while the alarm was being cleared.
      if (waiting || this.wokenDuringRound) {
        await this.ensureAlarm();
        this.schedule(waiting ? await this.nextSlotDelay() : 0);
      }
    } catch (error) {
      // The alarm API failed: the chain must not die with it while an order waits.
      this.ctx.diagnostics.error('scheduling polls', error);
      if (waiting) this.schedule(DEFAULT_POLL_INTERVAL_MS);
    } finally {
      this.running = false;
    }
  }

  /** Creating the alarm again would restart its period, so only create it when missing. */
  private async ensureAlarm(): Promise<void> {
    if (!(await this.ctx.platform.alarms.get(POLL_ALARM))) {
      await this.ctx.platform.alarms.create(POLL_ALARM, { periodInMinutes: ALARM_PERIOD_MIN });
    }
  }

  /** When polling's next turn comes by the rate budget's pace (a full window is waited for in the request). */
  private async nextSlotDelay(): Promise<number> {
    const budget = await this.ctx.account.budget();
    return budget ? Math.max(0, await budget.backgroundPaceMs()) : DEFAULT_POLL_INTERVAL_MS;
  }

  /** One request's worth of polling; returns whether there is more to do (an order waits, a read is owed). */
  private async pollOnce(): Promise<boolean> {
    const now = this.ctx.now();
    const state = await this.ctx.store.read();
    if (!(await this.ctx.account.hasKey())) return false;
    const waiting = waitingOrders(state).map((o) => o.orderId);
    // Received orders ride along (a resent code) only while something waits: no waiting, no polling.
    const watched = ordersToPoll(state, now).map((o) => o.orderId);
    this.plan.forgetAllBut(new Set(watched));
    // A rented number just filled into a page: its inbox takes every other turn until the code comes.
    const rentals = rentalsAwaitingCode(state, now).map((r) => r.rentalId);
    if (rentals.length > 0 && (this.rentalsTurn || waiting.length === 0)) {
      this.rentalsTurn = false;
      await refreshInbox(this.ctx, rentals[this.rentalReads++ % rentals.length]!, 'background');
      return true;
    }
    this.rentalsTurn = rentals.length > 0;
    const budget = await this.ctx.account.budget();
    budget?.burst(this.burstWindow(state, now));
    const target = this.plan.next(waiting, now, budget ? backgroundInterval(budget.limits) : DEFAULT_POLL_INTERVAL_MS);
    if (!target) return rentals.length > 0;
    this.plan.polled(target, now);
    if (target.kind === 'order') {
      await this.reads.order(target.orderId, 'background');
      return true;
    }
    const read = await this.reads.list(watched, 'background');
    if (!read.usable) {
      this.plan.listIsUseless();
    } else {
      this.plan.owe(read.unclear, 'soon');
      this.plan.owe(read.newSms, 'later');
    }
    return true;
  }
}
