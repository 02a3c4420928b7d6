import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  AFTER_BURST_MAX_INTERVAL_MS,
  BACKGROUND_AGING_MS,
  BURST_INTERVAL_MS,
  RateBudget,
  SLOW_AFTER_BURST_MAX_INTERVAL_MS,
  stallFreeInterval,
  backgroundShare,
  earliestSend,
  userPace,
  userSendsIn,
  type BudgetLimits,
  type Priority,
} from '../../../lib/budget/rate-budget';
import { EMPTY_BUDGET, keyFingerprint, memoryBudgetStore, storageBudgetStore } from '../../../lib/budget/budget-store';
import { FAMILIES } from '../../../lib/engine/stored-items';
import { busiestWindow } from '../../bench/poll-gaps';
import { jumpingClock } from './jumping-clock';

const WINDOW = 60_000;
const LIMITS: BudgetLimits = { limit: 60, reserve: 10, windowMs: 61_000 };

/** Largest gap between consecutive times. */
const longestGap = (times: number[]) => Math.max(...times.slice(1).map((t, i) => t - times[i]!));

/**
 * A poller that asks for its next slot as soon as the last poll is done (as Poller does); the
 * times of its polls, and a stop that lets the last wait finish.
 */
function pollContinuously(budget: RateBudget): { polls: number[]; stop: () => Promise<void> } {
  const polls: number[] = [];
  let running = true;
  const poller = (async () => {
    while (running) {
      await budget.acquire('background');
      polls.push(Date.now());
    }
  })();
  return {
    polls,
    async stop() {
      running = false;
      await vi.advanceTimersByTimeAsync(5_000);
      await poller;
    },
  };
}

describe('the budget rules (pure)', () => {
  it('spreads background requests evenly: one per window / 50 while users send little', () => {
    const state = { ...EMPTY_BUDGET, sends: [1_000], background: [1_000] };
    expect(earliestSend(state, 'background', 1_000, LIMITS)).toBe(2_220);
    expect(earliestSend(state, 'user', 1_000, LIMITS)).toBe(1_000);
  });

  it('slows background down, not to a stop, while users use more than their reserve', () => {
    expect(backgroundShare(0, LIMITS)).toBe(50);
    expect(backgroundShare(5, LIMITS)).toBe(50);
    expect(backgroundShare(10, LIMITS)).toBe(45);
    expect(backgroundShare(30, LIMITS)).toBe(25);
    expect(backgroundShare(60, LIMITS)).toBe(1);
    // 30 user requests over the last minute: polls one per 61 s / 25.
    const users = Array.from({ length: 30 }, (_, i) => 1 + i * 2_000);
    const state = { ...EMPTY_BUDGET, sends: [...users, 61_000], background: [61_000] };
    const next = earliestSend(state, 'background', 61_000, LIMITS);
    expect(next - 61_000).toBeGreaterThanOrEqual(2_440);
    expect(next - 61_000).toBeLessThan(2_450);
  });

  it("judges the users' pace over the time the window covers, not less than 45 s: a burst is not a pace, a steady stream from the start is", () => {
    const at = (n: number, from: number, every: number) => Array.from({ length: n }, (_, i) => from + i * every);
    expect(userPace(at(20, 0, 100), 0, 3_000, LIMITS)).toBeCloseTo((20 * 61) / 45);
    expect(userPace(at(10, 0, 3_000), 0, 30_000, LIMITS)).toBeCloseTo((10 * 61) / 45);
    // (The last 20 s, 10 sends, say a little less for the 6 s left: 33 rather than 33.3.)
    expect(userPace(at(30, 0, 1_800), 0, 55_000, LIMITS)).toBeCloseTo(Math.min((30 * 61) / 55, 30 + (10 * 6) / 20));
    expect(userPace(at(30, 0, 2_000), 0, 61_000, LIMITS)).toBeCloseTo(30);
    expect(userPace([], undefined, 5_000, LIMITS)).toBe(0);
  });

  it("judges a batch followed by quiet by what the window holds plus the last 20 s' pace, never more than the stream it could be", () => {
    // Ten purchases at once (20 requests), then one purchase 25 s later: at 30 s the window holds
    // 22, the last 20 s add 2 per 20 s for the 31 s until the window is covered.
    const batch = [...Array.from({ length: 20 }, (_, i) => i * 50), 25_000, 25_100];
    expect(userPace(batch, 0, 30_000, LIMITS)).toBeCloseTo(22 + (2 * 31) / 20);
    // Still inside the batch's 20 s: it could be the start of a stream, judged as one.
    expect(userPace(batch.slice(0, 20), 0, 10_000, LIMITS)).toBeCloseTo((20 * 61) / 45);
    // A steady stream's recent pace says as much as its history: no lower judgement.
    const stream = Array.from({ length: 12 }, (_, i) => i * 1_700);
    expect(userPace(stream, 0, 20_000, LIMITS)).toBeCloseTo((12 * 61) / 45);
  });

  it("tells the users' sends from background's, the same moment counted once for each", () => {
    const state = { ...EMPTY_BUDGET, sends: [1_000, 2_000, 2_000, 3_000, 5_000], background: [2_000, 5_000] };
    expect(userSendsIn(state, 0)).toEqual([1_000, 2_000, 3_000]);
    expect(userSendsIn(state, 1_500)).toEqual([2_000, 3_000]);
  });

  it('waits for the window to slide when every slot is taken, and for a 429 pause', () => {
    const full = { ...EMPTY_BUDGET, sends: Array.from({ length: 60 }, (_, i) => i * 10) };
    expect(earliestSend(full, 'user', 1_000, LIMITS)).toBe(61_000);
    expect(earliestSend({ ...EMPTY_BUDGET, pausedUntil: 9_000 }, 'user', 1_000, LIMITS)).toBe(9_000);
  });
});

describe('RateBudget', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-26T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('never lets 200 queued requests exceed 60 in any 60 s window', async () => {
    const budget = new RateBudget({ store: memoryBudgetStore(), marginMs: 0 });
    const sent: number[] = [];
    const all = Array.from({ length: 200 }, (_, i) =>
      budget.acquire(i % 3 === 0 ? 'user' : 'background').then(() => sent.push(Date.now())),
    );
    await vi.advanceTimersByTimeAsync(6 * WINDOW);
    await Promise.all(all);
    expect(sent).toHaveLength(200);
    expect(busiestWindow(sent, WINDOW)).toBeLessThanOrEqual(60);
    // It waits rather than failing, and it uses the budget it has.
    expect(sent.at(-1)! - sent[0]!).toBeLessThan(5 * WINDOW);
  });

  it('paces background requests asked for all at once: no burst that then leaves nothing', async () => {
    const budget = new RateBudget({ store: memoryBudgetStore() });
    const sent: number[] = [];
    for (let i = 0; i < 300; i++) void budget.acquire('background').then(() => sent.push(Date.now()));
    await vi.advanceTimersByTimeAsync(3 * WINDOW);
    expect(sent.length).toBeGreaterThan((3 * WINDOW) / 1_230); // about one per 1.22 s, all along
    expect(longestGap(sent)).toBeLessThanOrEqual(1_220);
    expect(busiestWindow(sent, 61_000)).toBeLessThanOrEqual(50);
  });

  /**
   * The stall of issue 11: polling at its full share with the user's requests on top filled the
   * window, and then nothing could be sent until the oldest requests left it, for many seconds.
   */
  it('keeps polling going while the user sends requests on top: no pause longer than two slots', async () => {
    const budget = new RateBudget({ store: memoryBudgetStore() });
    const { polls, stop } = pollContinuously(budget);
    const user = async (n: number) => {
      for (let i = 0; i < n; i++) await budget.acquire('user');
    };
    await user(6); // the popup opens: balance, services, countries, buy…
    for (let second = 0; second < 240; second += 5) {
      void user(1); // a request every 5 s: more than the reserve over a minute
      await vi.advanceTimersByTimeAsync(5_000);
    }
    await stop();
    // Users send 18 in the first minute, 12 after: polls slow to one per 1.65 s at most.
    expect(longestGap(polls)).toBeLessThanOrEqual(2 * 1_650);
  });

  it('does not stop polling while a burst of user requests waits on a full window: a poll that waited 2.5 s goes next', async () => {
    const budget = new RateBudget({ store: memoryBudgetStore() });
    const { polls, stop } = pollContinuously(budget);
    // A minute of polling fills the background's share; then ten purchases at once (20 requests).
    await vi.advanceTimersByTimeAsync(70_000);
    const burst = Array.from({ length: 20 }, () => budget.acquire('user'));
    await vi.advanceTimersByTimeAsync(60_000);
    await Promise.all(burst);
    await stop();
    expect(longestGap(polls.filter((t) => t > Date.now() - 70_000))).toBeLessThanOrEqual(BACKGROUND_AGING_MS + 1_300);
  });

  describe('bursts (a page just sent its number)', () => {
    /** Polls continuously for `ms`, with a burst from `from` to `until` ms after the start. */
    async function pollWithBurst(ms: number, from: number, until: number, before = 0) {
      const budget = new RateBudget({ store: memoryBudgetStore() });
      const { polls, stop } = pollContinuously(budget);
      await vi.advanceTimersByTimeAsync(before);
      const start = Date.now();
      budget.burst({ from: start + from, until: start + until });
      await vi.advanceTimersByTimeAsync(ms);
      await stop();
      return { polls, start };
    }

    it('polls several times a second inside the burst, at the even pace before it, and slows down after it, never to a stop', async () => {
      const { polls, start } = await pollWithBurst(180_000, 1_500, 11_000);
      const inBurst = polls.filter((t) => t >= start + 1_500 && t < start + 11_000);
      // The window is nearly empty: what it spares, spread over the burst, is a poll every ~0.4 s.
      expect(longestGap(inBurst)).toBeLessThanOrEqual(500);
      expect(longestGap(inBurst)).toBeGreaterThanOrEqual(BURST_INTERVAL_MS);
      expect(inBurst.length).toBeGreaterThanOrEqual(18);
      const before = polls.filter((t) => t < start + 1_500);
      expect(longestGap(before)).toBeLessThanOrEqual(1_220);
      // Paid for afterwards: slower than the even pace, never slower than the promise, no stop.
      const after = polls.filter((t) => t >= start + 11_000);
      expect(longestGap(after)).toBeGreaterThan(1_220);
      // (Whole milliseconds rounded up at each send add a few.)
      expect(longestGap(after)).toBeLessThanOrEqual(AFTER_BURST_MAX_INTERVAL_MS + 50);
      expect(busiestWindow(polls, 61_000)).toBeLessThanOrEqual(50);
    });

    it('on a window polling has filled to its cap, a burst gets nothing the cap does not allow: the even pace goes on', async () => {
      const { polls, start } = await pollWithBurst(120_000, 0, 10_000, 70_000);
      expect(longestGap(polls.filter((t) => t >= start - 10_000))).toBeLessThanOrEqual(1_220);
      expect(busiestWindow(polls, 61_000)).toBeLessThanOrEqual(50);
    });

    it('in the minute after ten purchases: a burst of a few signups polls at the quiet pace, leaving a poll per 3 s at most; ten signups in play get the even pace', async () => {
      async function burstAfterBatch(signups: number) {
        const budget = new RateBudget({ store: memoryBudgetStore() });
        const { polls, stop } = pollContinuously(budget);
        await Promise.all(Array.from({ length: 20 }, () => budget.acquire('user')));
        await vi.advanceTimersByTimeAsync(4_000);
        const start = Date.now();
        budget.burst({ from: start + 1_500, until: start + 11_000, signups });
        await vi.advanceTimersByTimeAsync(60_000);
        await stop();
        const inBurst = polls.filter((t) => t >= start + 1_500 && t < start + 11_000);
        return { polls, inBurst, after: polls.filter((t) => t >= inBurst.at(-1)!) };
      }
      const few = await burstAfterBatch(3);
      const many = await burstAfterBatch(10);
      // The batch holds polling's share to 25: an even poll every 2.44 s, and the 2 s rule allows no burst.
      expect(many.inBurst.length).toBeLessThanOrEqual(4);
      expect(longestGap(many.inBurst)).toBeGreaterThan(AFTER_BURST_MAX_INTERVAL_MS);
      // A few signups in play: about a poll per 1.22 s in the burst, paid for by one per 3 s at most after it.
      expect(few.inBurst.length).toBeGreaterThanOrEqual(7);
      expect(longestGap(few.inBurst)).toBeLessThanOrEqual(1_400);
      // About the quiet pace, not the 0.3 s of a burst the 2 s rule allows (~30 reads).
      expect(few.inBurst.length).toBeLessThanOrEqual(Math.ceil(9_500 / 1_220) + 1);
      expect(longestGap(few.after)).toBeLessThanOrEqual(SLOW_AFTER_BURST_MAX_INTERVAL_MS + 50);
      for (const { polls } of [few, many]) expect(busiestWindow(polls, 61_000)).toBeLessThanOrEqual(50);
    });

    it("a burst asked for again and again never takes more than background's share or the users' reserve", async () => {
      const budget = new RateBudget({ store: memoryBudgetStore() });
      const { polls, stop } = pollContinuously(budget);
      for (let i = 0; i < 400; i++) {
        budget.burst({ from: Date.now(), until: Date.now() + 10_000 });
        await vi.advanceTimersByTimeAsync(500);
      }
      await stop();
      expect(busiestWindow(polls, 61_000)).toBeLessThanOrEqual(50);
      expect(longestGap(polls)).toBeLessThanOrEqual(AFTER_BURST_MAX_INTERVAL_MS + 50);
      // A user still gets a slot at once.
      await expect(budget.waitMs('user')).resolves.toBe(0);
    });
  });

  it('the stall-free interval: the even pace on a steadily polled window, the rest spread after a burst', () => {
    const steady = Array.from({ length: 50 }, (_, i) => i * 1_220);
    expect(stallFreeInterval(steady, 49 * 1_220, 50, 61_000)).toBeCloseTo(1_220);
    // 30 polls in the last 9 s: 20 slots left for the 52 s until they start to leave.
    const burst = Array.from({ length: 30 }, (_, i) => i * 300);
    expect(stallFreeInterval(burst, 9_000, 50, 61_000)).toBeCloseTo(52_000 / 21, 0);
  });

  it('serves a waiting user request before background requests queued earlier (that have not waited long)', async () => {
    const budget = new RateBudget({ store: memoryBudgetStore(), limit: 2, reserve: 0, marginMs: 0 });
    const order: string[] = [];
    const take = (p: Priority, name: string) => budget.acquire(p).then(() => order.push(name));
    await take('user', 'u0');
    await take('user', 'u1');
    await vi.advanceTimersByTimeAsync(WINDOW - 1_000);
    const pending = [take('background', 'b2'), take('background', 'b3')];
    await vi.advanceTimersByTimeAsync(500);
    pending.push(take('user', 'u2'));
    await vi.advanceTimersByTimeAsync(600);
    expect(order).toEqual(['u0', 'u1', 'u2', 'b2']);
    await vi.advanceTimersByTimeAsync(2 * WINDOW);
    await Promise.all(pending);
    expect(order).toEqual(['u0', 'u1', 'u2', 'b2', 'b3']);
  });

  it('never gives background work the user reserve', async () => {
    const budget = new RateBudget({ store: memoryBudgetStore(), reserve: 10 });
    let background = 0;
    for (let i = 0; i < 200; i++) void budget.acquire('background').then(() => background++);
    await vi.advanceTimersByTimeAsync(WINDOW);
    expect(background).toBeLessThanOrEqual(50);
    // The user's ten go at once, whatever background asked for.
    let user = 0;
    for (let i = 0; i < 10; i++) void budget.acquire('user').then(() => user++);
    await vi.advanceTimersByTimeAsync(0);
    expect(user).toBe(10);
  });

  it("a page's lookup (its button's price) takes no turn of polling's: the polls keep their pace while pages look up", async () => {
    const budget = new RateBudget({ store: memoryBudgetStore() });
    const { polls, stop } = pollContinuously(budget);
    await vi.advanceTimersByTimeAsync(10_000);
    // Pages opening every few seconds, each just before a poll is due (the poll that once went a
    // whole interval late: 5 s without one after a batch of purchases).
    const lookups: number[] = [];
    for (let i = 0; i < 4; i++) {
      await vi.advanceTimersByTimeAsync(3_000);
      await budget.acquire('page');
      lookups.push(Date.now());
    }
    await vi.advanceTimersByTimeAsync(5_000);
    await stop();
    // No turn skipped (a skipped one is a gap of 2 440 ms); the lookups in background's cap slow the
    // pace a little, spread over the window.
    expect(longestGap(polls)).toBeLessThanOrEqual(1_400);
    // Each lookup went at once: a page's button does not wait for polling's next turn.
    expect(lookups.slice(1).map((t, i) => t - lookups[i]!)).toEqual([3_000, 3_000, 3_000]);
  });

  it("never gives a page's lookups the user reserve: they count in background's cap", async () => {
    const budget = new RateBudget({ store: memoryBudgetStore(), reserve: 10 });
    let page = 0;
    for (let i = 0; i < 200; i++) void budget.acquire('page').then(() => page++);
    await vi.advanceTimersByTimeAsync(0);
    expect(page).toBe(50);
    expect(await budget.waitMs('background')).toBeGreaterThan(50_000);
    let user = 0;
    for (let i = 0; i < 10; i++) void budget.acquire('user').then(() => user++);
    await vi.advanceTimersByTimeAsync(0);
    expect(user).toBe(10);
  });

  it('keeps its count and its pace across a service-worker restart (state in extension storage)', async () => {
    fakeBrowser.reset();
    const first = new RateBudget({ store: storageBudgetStore(FAMILIES.budget.item('abc').in(fakeBrowser.storage)) });
    for (let i = 0; i < 55; i++) await first.acquire('user');
    await first.acquire('background');

    // A new worker: a new object, the same storage.
    const second = new RateBudget({ store: storageBudgetStore(FAMILIES.budget.item('abc').in(fakeBrowser.storage)) });
    expect(await second.waitMs('user')).toBe(0);
    expect(await second.waitMs('background')).toBeGreaterThan(1_000);
    let granted = 0;
    for (let i = 0; i < 10; i++) void second.acquire('user').then(() => granted++);
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toBe(4);
    await vi.advanceTimersByTimeAsync(WINDOW + 1_000);
    expect(granted).toBe(10);
  });

  it('sends nothing while paused after a 429, then resumes', async () => {
    const budget = new RateBudget({ store: memoryBudgetStore() });
    await budget.pauseUntil(Date.now() + 7_000);
    let done = false;
    void budget.acquire('user').then(() => (done = true));
    await vi.advanceTimersByTimeAsync(6_900);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(done).toBe(true);
  });

  it('keeps a pause across a restart', async () => {
    const store = memoryBudgetStore();
    await new RateBudget({ store }).pauseUntil(Date.now() + 20_000);
    const restarted = new RateBudget({ store });
    expect(await restarted.pausedUntil()).toBe(Date.now() + 20_000);
    expect(await restarted.waitMs('user')).toBe(20_000);
  });

  it('drops a waiter whose signal aborts, without taking its slot', async () => {
    const budget = new RateBudget({ store: memoryBudgetStore(), limit: 1, reserve: 0 });
    await budget.acquire('user');
    const controller = new AbortController();
    const waiting = budget.acquire('background', controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });

  it('ignores a corrupt stored state instead of trusting it, and reads version 1 as user sends', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.session.set({ 'budget:k': { version: 2, sends: 'nope' } });
    const budget = new RateBudget({ store: storageBudgetStore(FAMILIES.budget.item('k').in(fakeBrowser.storage)) });
    expect(await budget.waitMs('user')).toBe(0);
    expect(FAMILIES.budget.item('k').parse({ version: 1, sends: [5], pausedUntil: 0 })).toEqual({
      version: 3,
      sends: [5],
      background: [],
      page: [],
      pausedUntil: 0,
    });
  });
});

describe('RateBudget on a clock it is given', () => {
  it('paces on that clock and waits through its timers, not through setTimeout and the system time', async () => {
    const clock = jumpingClock();
    const budget = new RateBudget({ store: memoryBudgetStore(), now: clock.now, timers: clock.timers });
    const sent: number[] = [];
    for (let i = 0; i < 3; i++) {
      await budget.acquire('background');
      sent.push(clock.now());
    }
    // Three polls one slot apart on the given clock, each wait asked of the given timers.
    expect(sent.slice(1).map((t, i) => t - sent[i]!)).toEqual([1_220, 1_220]);
    expect(clock.waits).toEqual([1_220, 1_220]);
  });
});

describe('keyFingerprint', () => {
  it('is stable, short and does not contain the key', async () => {
    const a = await keyFingerprint('np_live_secret_123');
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(await keyFingerprint('np_live_secret_123')).toBe(a);
    expect(await keyFingerprint('np_live_other')).not.toBe(a);
    expect(a).not.toContain('secret');
  });
});
