import { EMPTY_BUDGET, type BudgetState, type BudgetStore } from './budget-store';

/**
 * The request budget for one API key: at most `limit` requests in any rolling window, shared by
 * everything the extension sends. Requests past the budget wait for a slot instead of being sent
 * to collect a 429. User actions (buy, cancel, the balance a user looks at) go first and keep a
 * `reserve` that background work never takes; background work (polling) is spread evenly over
 * the window, so it never fills the window in a burst and then has to stop until it slides.
 * A page's lookup (the price on its button) is background work that is not polling: it keeps out
 * of the users' reserve but goes at once and takes no turn of polling's, so a page opening never
 * pushes the next poll back (it did by a whole interval: 5 s without a poll after a batch).
 */
export type Priority = 'user' | 'background' | 'page';

export interface BudgetLimits {
  limit: number;
  /** Slots per window background work never takes. */
  reserve: number;
  /** The window, margin included. */
  windowMs: number;
}

export interface RateBudgetOptions {
  store: BudgetStore;
  limit?: number;
  windowMs?: number;
  /** Added to the window: our clock and the server's disagree a little, and a 429 costs more than a wait. */
  marginMs?: number;
  reserve?: number;
  now?: () => number;
  /** How it waits for a slot; tests on a fake clock give their own (default: setTimeout). */
  timers?: BudgetTimers;
}

/** Runs `run` after `ms` on the budget's clock; the returned function cancels it. */
export interface BudgetTimers {
  set(run: () => void, ms: number): () => void;
}

const realTimers: BudgetTimers = {
  set(run, ms) {
    const handle = setTimeout(run, ms);
    return () => clearTimeout(handle);
  },
};

export const DEFAULT_LIMIT = 60;
export const DEFAULT_WINDOW_MS = 60_000;
export const DEFAULT_MARGIN_MS = 1_000;
export const DEFAULT_RESERVE = 10;

/**
 * Room kept free beyond what users sent in the last window: a few of their requests may come at
 * once (a popup opening, several purchases) without meeting a full window.
 */
export const USER_HEADROOM = 5;

/**
 * How many requests per window background work may send now: never the users' reserve, and
 * never what users are using (what they sent in the window, and a little room on top). 50 of 60
 * while users send little; fewer while they send more, so polling slows down smoothly instead
 * of filling the window and then stopping until it slides.
 */
export function backgroundShare(userPerWindow: number, limits: BudgetLimits): number {
  return Math.max(1, Math.min(limits.limit - limits.reserve, limits.limit - userPerWindow - Math.min(USER_HEADROOM, limits.reserve)));
}

/** The time between background requests when users send little: the window over its 50 slots (1.22 s). */
export function backgroundInterval(limits: BudgetLimits): number {
  return Math.ceil(limits.windowMs / backgroundShare(0, limits));
}

/**
 * How many requests users send per window, judged from their requests in the window (their times)
 * and the oldest request of any kind in it. A window that does not yet hold `USER_PACE_SPAN_MS` of
 * history (the first minute of a session) is judged by the time it covers: users buying every few
 * seconds from the start would otherwise look slow, polling would take most of the first minute's
 * budget, and the window would be full long before its oldest request leaves it (the stall of
 * issue 11, at a browser's start). But a batch (ten purchases at once) followed by quiet is not a
 * pace: once the last `USER_RECENT_MS` show fewer, what the window holds plus that recent pace
 * until the window is covered is the better judgement.
 */
export function userPace(userSends: readonly number[], oldestSend: number | undefined, now: number, limits: BudgetLimits): number {
  if (oldestSend === undefined || userSends.length === 0) return 0;
  const covered = now - oldestSend;
  const span = Math.min(limits.windowMs, Math.max(USER_PACE_SPAN_MS, covered));
  const extrapolated = (userSends.length * limits.windowMs) / span;
  const recent = userSends.filter((t) => t > now - USER_RECENT_MS).length;
  const heldPlusRecent = userSends.length + (recent * Math.max(0, limits.windowMs - covered)) / USER_RECENT_MS;
  return Math.min(extrapolated, heldPlusRecent);
}

/** How far back the users' recent pace is judged, to tell a batch of requests from a pace. */
export const USER_RECENT_MS = 20_000;

/** The shortest history users' pace is judged on: a burst (a popup opening) is not a pace. */
export const USER_PACE_SPAN_MS = 45_000;

/**
 * The earliest time (epoch ms, `now` or later) a request of this priority may be sent, from what
 * was sent before. Every request: at most `limit` in any window, none during a 429 pause.
 * Background work also: at most `limit - reserve` of its own in a window, and one request per
 * `window / share` (about 1.2 s), the share being what users leave at their pace; during a burst
 * faster, within what `backgroundPace` allows.
 */
export function earliestSend(
  state: BudgetState,
  priority: Priority,
  now: number,
  limits: BudgetLimits,
  burst: BurstWindow | null = null,
): number {
  const since = now - limits.windowMs;
  const all = state.sends.filter((t) => t > since);
  let at = Math.max(now, state.pausedUntil);
  // A slot frees when enough of the oldest sends leave the window.
  if (all.length >= limits.limit) at = Math.max(at, all[all.length - limits.limit]! + limits.windowMs);
  if (priority === 'user') return at;

  const background = state.background.filter((t) => t > since);
  const cap = limits.limit - limits.reserve;
  if (background.length >= cap) at = Math.max(at, background[background.length - cap]! + limits.windowMs);
  if (priority === 'page') return at;
  return Math.max(at, backgroundPace(state, now, limits, burst));
}

/** Polling's last send: the newest background send no page caused. */
function lastPoll(state: BudgetState): number | undefined {
  return without(state.background, state.page).at(-1);
}

/** The users' sends after `since` (oldest first): every send that is not background's. */
export function userSendsIn(state: BudgetState, since: number): number[] {
  return without(
    state.sends.filter((t) => t > since),
    state.background,
  );
}

/** `times` without `taken`, each time taken once (two sends may share a millisecond). */
function without(times: readonly number[], taken: readonly number[]): number[] {
  const left = new Map<number, number>();
  for (const t of taken) left.set(t, (left.get(t) ?? 0) + 1);
  return times.filter((t) => {
    const count = left.get(t) ?? 0;
    if (count > 0) left.set(t, count - 1);
    return count === 0;
  });
}

/** When background work may go faster (epoch ms): a page just sent the number, its SMS is due. */
export interface BurstWindow {
  from: number;
  until: number;
  /**
   * Signups in play, the bursting ones included: orders whose number went into a page and that
   * wait or got their code within the last minute. Few of them may leave a slower pace after it.
   */
  signups?: number;
}

/** The time between polls while the page has just sent the number (the SMS is due in seconds). */
export const BURST_INTERVAL_MS = 300;
/**
 * A burst may spend the window only while what it leaves still allows a poll at least this often
 * afterwards: the burst is paid for by slower polling after it, never by a stop (issue 11's stall).
 */
export const AFTER_BURST_MAX_INTERVAL_MS = 2_000;
/**
 * What a burst may leave instead while at most `FEW_SIGNUPS` signups are in play, polling at
 * about the quiet pace (`backgroundInterval`) meanwhile. In the minute after a batch of
 * purchases the users' requests hold polling near one poll per 2 s, so the 2 s rule allows no
 * burst there (#20: codes up to 2.4 s after the page's send). Signups one after another may take
 * polling down to one poll per 3 s for a while, inside the promise that no waiting order goes 5 s
 * unpolled. Ten tabs at once keep the 2 s rule: their bursts, and the next batch, need what the
 * window has left (spent on their bursts, it left polling 3 s longer unpolled when a second batch came).
 */
export const SLOW_AFTER_BURST_MAX_INTERVAL_MS = 3_000;
/** A person signing up one after another has this many signups in play in a minute, at most. */
export const FEW_SIGNUPS = 3;

/**
 * The shortest even interval from `from` at which background work never has to wait for the
 * window: with `free` slots of `share` left, the m-th next send needs the (m - free)-th oldest
 * background send in the window to have left it. `background` is sorted, oldest first.
 */
export function stallFreeInterval(background: readonly number[], from: number, share: number, windowMs: number): number {
  const inWindow = background.filter((t) => t > from - windowMs);
  const free = share - inWindow.length;
  let interval = 0;
  inWindow.forEach((sent, i) => {
    const j = i + 1;
    if (free + j >= 1) interval = Math.max(interval, (sent + windowMs - from) / (free + j));
  });
  return interval;
}

/**
 * When background work may send next by its pace alone: the last background send plus
 * `window / share`, or slower when the window holds more than that pace would (after a burst),
 * so background's cap is never reached before the window slides. During a burst: what the window
 * can spare (`burstSends`) spread over the burst's rest, one per `BURST_INTERVAL_MS` at most.
 */
export function backgroundPace(state: BudgetState, now: number, limits: BudgetLimits, burst: BurstWindow | null = null): number {
  const last = lastPoll(state);
  if (last === undefined) return now;
  const since = now - limits.windowMs;
  const oldestSend = state.sends.find((t) => t > since);
  const share = backgroundShare(userPace(userSendsIn(state, since), oldestSend, now, limits), limits);
  // Smoothed against background's hard cap (the share is a pace; the cap is where it would stop).
  const smooth = stallFreeInterval(state.background, last, limits.limit - limits.reserve, limits.windowMs);
  const paced = Math.max(now, last + Math.max(Math.ceil(limits.windowMs / share), Math.ceil(smooth)));
  if (!burst) return paced;
  const start = Math.max(now, last + BURST_INTERVAL_MS, burst.from);
  if (start >= burst.until || start >= paced) return paced;
  // What the window can spare is spread over the rest of the burst, not spent at its start.
  const sends = Math.max(
    burstSends(state.background, start, burst.until, share, limits.windowMs),
    (burst.signups ?? Infinity) <= FEW_SIGNUPS
      ? burstSends(state.background, start, burst.until, share, limits.windowMs, {
          leaveEveryMs: SLOW_AFTER_BURST_MAX_INTERVAL_MS,
          everyMs: backgroundInterval(limits),
        })
      : 0,
  );
  if (sends === 0) return paced;
  return Math.min(paced, Math.max(start, last + Math.ceil((burst.until - start) / sends)));
}

/** Whether these planned sends (sorted) each find a slot of `share` in the window when due. */
function fitsWindow(background: readonly number[], planned: readonly number[], share: number, windowMs: number): boolean {
  const inWindow = background.filter((t) => t > planned[0]! - windowMs);
  const free = share - inWindow.length;
  return planned.every((at, i) => {
    const departures = i + 1 - free;
    return departures < 1 || (departures <= inWindow.length && inWindow[departures - 1]! + windowMs <= at);
  });
}

/**
 * How many sends, evenly spread from `start` to `until` (at most one per `everyMs`), still leave
 * polling after the burst at least one send per `leaveEveryMs` without waiting for the window
 * (judged at the users' pace).
 */
export function burstSends(
  background: readonly number[],
  start: number,
  until: number,
  share: number,
  windowMs: number,
  { leaveEveryMs, everyMs } = { leaveEveryMs: AFTER_BURST_MAX_INTERVAL_MS, everyMs: BURST_INTERVAL_MS },
): number {
  for (let k = Math.ceil((until - start) / everyMs); k > 0; k--) {
    const step = (until - start) / k;
    const planned = Array.from({ length: k }, (_, i) => Math.round(start + i * step));
    if (
      fitsWindow(background, planned, share, windowMs) &&
      stallFreeInterval([...background, ...planned], until, share, windowMs) <= leaveEveryMs
    )
      return k;
  }
  return 0;
}

const sorted = (times: readonly number[]) => [...times].sort((a, b) => a - b);

interface Waiter {
  priority: Priority;
  seq: number;
  /** When it began to wait (epoch ms). */
  since: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
}

/**
 * A background request that has waited this long goes before user requests: users go first, but a
 * burst of them (ten purchases at once) on a full window does not stop polling until it is done.
 */
export const BACKGROUND_AGING_MS = 2_000;

export class RateBudget {
  readonly limits: BudgetLimits;
  private readonly store: BudgetStore;
  private readonly now: () => number;
  private readonly timers: BudgetTimers;
  private state: BudgetState = EMPTY_BUDGET;
  private readonly loaded: Promise<void>;
  private queue: Waiter[] = [];
  private seq = 0;
  private cancelTimer: (() => void) | undefined;
  private pumping = false;
  private pumpAgain = false;
  /** Polling's burst, if any; memory only: a restarted worker polls at the even pace. */
  private burstWindow: BurstWindow | null = null;

  constructor(options: RateBudgetOptions) {
    const limit = options.limit ?? DEFAULT_LIMIT;
    this.limits = {
      limit,
      reserve: Math.min(options.reserve ?? DEFAULT_RESERVE, limit - 1),
      windowMs: (options.windowMs ?? DEFAULT_WINDOW_MS) + (options.marginMs ?? DEFAULT_MARGIN_MS),
    };
    this.store = options.store;
    this.now = options.now ?? (() => Date.now());
    this.timers = options.timers ?? realTimers;
    this.loaded = this.store.load().then((saved) => {
      if (saved) this.state = { ...saved, sends: sorted(saved.sends), background: sorted(saved.background), page: sorted(saved.page) };
    });
  }

  /** Resolves when a request of this priority may be sent; the slot is taken (and saved) by then. */
  acquire(priority: Priority, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { priority, seq: this.seq++, since: this.now(), resolve, reject };
      this.queue.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          if (!this.queue.includes(waiter)) return;
          this.queue = this.queue.filter((w) => w !== waiter);
          reject(signal.reason);
          void this.pump();
        },
        { once: true },
      );
      void this.pump();
    });
  }

  /**
   * Background work may go faster in this window (null: not at all): a page just sent the number,
   * so its SMS is due. The window's limits hold; the burst is paid for by a slower pace after it.
   */
  burst(window: BurstWindow | null): void {
    const same = window?.from === this.burstWindow?.from && window?.until === this.burstWindow?.until;
    if (same && window?.signups === this.burstWindow?.signups) return;
    this.burstWindow = window;
    void this.pump();
  }

  /** After a 429: send nothing for this key until `untilMs` (epoch ms). */
  async pauseUntil(untilMs: number): Promise<void> {
    await this.loaded;
    if (untilMs <= this.state.pausedUntil) return;
    this.state = { ...this.state, pausedUntil: untilMs };
    await this.store.save(this.state);
    void this.pump();
  }

  /** How long a request of this priority would wait if asked for now (0: it would go at once). */
  async waitMs(priority: Priority): Promise<number> {
    await this.loaded;
    const now = this.now();
    return earliestSend(this.state, priority, now, this.limits, this.burstWindow) - now;
  }

  /**
   * How long until background work's next turn by its pace. A poller asks then, even when the
   * window is full: it waits in the queue, where its waiting counts (`BACKGROUND_AGING_MS`).
   */
  async backgroundPaceMs(): Promise<number> {
    await this.loaded;
    const now = this.now();
    return backgroundPace(this.state, now, this.limits, this.burstWindow) - now;
  }

  /** When sending is paused after a 429 (epoch ms), or 0. */
  async pausedUntil(): Promise<number> {
    await this.loaded;
    return this.state.pausedUntil > this.now() ? this.state.pausedUntil : 0;
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      await this.loaded;
      do {
        this.pumpAgain = false;
        await this.grantWhatFits();
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  private async grantWhatFits(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const now = this.now();
    const since = now - this.limits.windowMs;
    // Sends that left the window count for nothing any more (pacing included: the last is long past).
    let state: BudgetState = {
      ...this.state,
      sends: this.state.sends.filter((t) => t > since),
      background: this.state.background.filter((t) => t > since),
      page: this.state.page.filter((t) => t > since),
    };
    const granted: Waiter[] = [];
    let wakeAt: number | undefined;
    // User requests (and pages' lookups) go first; but a background request that waited too long
    // goes next, before them (a poll every few seconds, whatever users queue); then first come,
    // first served.
    const rank = (w: Waiter) => (w.priority !== 'background' ? 1 : now - w.since >= BACKGROUND_AGING_MS ? 0 : 2);
    const queue = [...this.queue].sort((a, b) => rank(a) - rank(b) || a.seq - b.seq);
    // A waiter that must wait holds up those behind it with the same rules: a page's lookup held up
    // means background's cap (or the window) is reached; a user held up means the window is full,
    // which holds up everyone.
    const blocked: Record<Priority, boolean> = { user: false, page: false, background: false };
    for (const waiter of queue) {
      if (blocked[waiter.priority]) continue;
      const at = earliestSend(state, waiter.priority, now, this.limits, this.burstWindow);
      if (at > now) {
        wakeAt = Math.min(wakeAt ?? at, at);
        blocked.background = true;
        if (waiter.priority !== 'background') blocked.page = true;
        if (waiter.priority === 'user') blocked.user = true;
        continue;
      }
      state = {
        ...state,
        sends: [...state.sends, now],
        background: waiter.priority === 'user' ? state.background : [...state.background, now],
        page: waiter.priority === 'page' ? [...state.page, now] : state.page,
      };
      granted.push(waiter);
    }
    const changed =
      granted.length > 0 ||
      state.sends.length !== this.state.sends.length ||
      state.background.length !== this.state.background.length ||
      state.page.length !== this.state.page.length;
    if (changed) {
      this.queue = this.queue.filter((w) => !granted.includes(w));
      this.state = state;
      // Saved before anyone sends, so a restarted worker still counts these requests.
      await this.store.save(this.state);
      for (const w of granted) w.resolve();
    }
    if (wakeAt !== undefined && this.queue.length > 0) {
      this.cancelTimer = this.timers.set(() => void this.pump(), Math.max(1, wakeAt - this.now()));
    }
  }
}
