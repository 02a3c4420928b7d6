import { afterEach, describe, expect, it } from 'vitest';
import { simulation } from './simulation';
import { pageSender } from './harness';
import { spread } from '../../bench/stats';
import { busiestWindow } from '../../bench/poll-gaps';
import { SLOW_AFTER_BURST_MAX_INTERVAL_MS } from '../../../lib/budget/rate-budget';

/**
 * Polling in a burst once a page sends the number we filled (its "Send code"): the SMS is due in
 * seconds, so the budget is spent there (lib/engine/DESIGN.md, "Polling"). Minutes on a fake clock
 * against the sandbox's real rate limit; pages are played as their content script would ask.
 */
let sim: Awaited<ReturnType<typeof simulation>> | undefined;
afterEach(() => sim?.stop());

const PAGE = 'https://signup.whatsapp.com/verify';
const SERVICES = ['wa', 'tg', 'fb', 'go', 'tw', 'ig', 'lf', 'am', 'ds', 'ts'];

/** The page in `tab` says it sent the number (what `page.sent` from its content script does). */
async function pageSends(tab: number, url = PAGE, frameId = 0): Promise<void> {
  await sim!.settle(sim!.engine.handlers['page.sent']({}, pageSender(tab, url, frameId)));
}

/** Requests in the sandbox's log, by path. */
async function requests() {
  return (await sim!.sandbox.control.log(sim!.sandbox.demoKey)).requests;
}

/**
 * One signup on the page in tab 1: the number bought into it, the page's "Send code" 1-3 s later,
 * the SMS 2-10 s after that (its latency recorded), then the user finishes that signup before the
 * next (the budget's 50 a minute cannot pay for a burst every 10 s: see DESIGN.md).
 */
async function signupWithPageSend(): Promise<{ deliveredAt: number }> {
  const orderId = await sim!.buy('wa', 187, 1);
  await sim!.advance(sim!.rng.int(1_000, 3_000));
  await pageSends(1);
  await sim!.advance(sim!.rng.int(2_000, 10_000));
  const deliveredAt = Date.now();
  await sim!.deliverAndWait(orderId);
  await sim!.advance(sim!.rng.int(10_000, 25_000));
  return { deliveredAt };
}

/** The budget kept: no 429, background never takes the users' reserve (at most 50 of the 60 in any 61 s), no order unpolled over 5 s. */
async function expectBudgetKept(log: readonly { at: number }[]): Promise<void> {
  const polling = await sim!.polling();
  expect(polling.rateLimited).toBe(0);
  expect(
    busiestWindow(
      log.map((r) => r.at),
      61_000,
    ),
  ).toBeLessThanOrEqual(50);
  expect(polling.longestGapMs).toBeLessThanOrEqual(5_000);
}

describe('the burst after the page sends the number', () => {
  it('signups with the SMS 2-10 s after the page sends: p50 <= 0.3 s, p95 <= 1 s, no 429, at most 60 a minute', async () => {
    sim = await simulation({ seed: 20 });
    await sim.settle(sim.engine.start());
    await sim.openPopup();
    for (let round = 0; round < 15; round++) await signupWithPageSend();
    const { p50, p95 } = spread(sim.latencies);
    expect(p50).toBeLessThanOrEqual(300);
    expect(p95).toBeLessThanOrEqual(1_000);
    const polling = await sim.polling();
    expect(polling.rateLimited).toBe(0);
    expect(polling.busiestMinute).toBeLessThanOrEqual(60);
    // Paid for by a slower pace after a burst, never by a stop.
    expect(polling.longestGapMs).toBeLessThanOrEqual(3_500);
  }, 60_000);

  /**
   * Ten numbers bought one after another from the popup for other services (no SMS for them), then
   * `rounds` signups; the budget kept. Each code's latency, and when its SMS came after the batch.
   */
  async function signupsAfterTenPurchases(seed: number, rounds: number) {
    sim = await simulation({ seed });
    await sim.settle(sim.engine.start());
    const batchAt = Date.now();
    for (const service of [...SERVICES.slice(1), 'cn']) await sim.buy(service);
    const deliveredAt: number[] = [];
    for (let round = 0; round < rounds; round++) deliveredAt.push((await signupWithPageSend()).deliveredAt);
    const polling = await sim.polling();
    expect(polling.rateLimited).toBe(0);
    expect(polling.busiestMinute).toBeLessThanOrEqual(60);
    expect(polling.longestGapMs).toBeLessThanOrEqual(5_000);
    const codes = sim.latencies.map((latency, i) => ({ latency, afterBatchMs: deliveredAt[i]! - batchAt }));
    sim.stop();
    sim = undefined;
    return codes;
  }

  it('the same signups while ten other orders wait the whole time, over seven seeds: p95 <= 1.5 s, no 429, at most 60 a minute', async () => {
    const latencies: number[] = [];
    for (let seed = 22; seed <= 28; seed++) latencies.push(...(await signupsAfterTenPurchases(seed, 12)).map((c) => c.latency));
    expect(spread(latencies).p95).toBeLessThanOrEqual(1_500);
  }, 120_000);

  it('signups in the minute after ten purchases, over twenty seeds: p95 <= 1.5 s, no 429, at most 60 a minute, no order unpolled for 5 s', async () => {
    const inMinute: number[] = [];
    for (let seed = 22; seed <= 41; seed++) {
      const codes = await signupsAfterTenPurchases(seed, 3);
      inMinute.push(...codes.filter((c) => c.afterBatchMs < 62_000).map((c) => c.latency));
    }
    // The batch's 20 requests hold polling near one poll per 2 s until they leave the window, so
    // the 2 s rule allowed no burst here: p95 2.05 s, up to 2.4 s. A few signups in play may leave
    // one poll per 3 s after their burst (DESIGN.md, "Polling").
    expect(inMinute.length).toBeGreaterThanOrEqual(40);
    expect(spread(inMinute).p95).toBeLessThanOrEqual(1_500);
  }, 120_000);

  it('ten orders waiting, each page sending at its own moment: no 429, at most 60 a minute, no order unpolled for 5 s', async () => {
    sim = await simulation({ seed: 21 });
    await sim.settle(sim.engine.start());
    for (let round = 0; round < 2; round++) {
      const orders: string[] = [];
      for (let tab = 1; tab <= 10; tab++) orders.push(await sim.buy(SERVICES[tab - 1], 187, tab));
      // Each page sends within the next 40 s; its SMS comes 2-10 s later.
      const events = orders.flatMap((orderId, i) => {
        const sendAt = sim!.rng.int(0, 40_000);
        return [
          { at: sendAt, run: () => pageSends(i + 1) },
          { at: sendAt + sim!.rng.int(2_000, 10_000), run: () => sim!.deliverLater(orderId) },
        ];
      });
      events.sort((a, b) => a.at - b.at);
      let clock = 0;
      for (const event of events) {
        await sim.advance(event.at - clock);
        clock = event.at;
        await event.run();
      }
      while (sim.undelivered > 0) await sim.advance(100);
    }
    expect(sim.latencies).toHaveLength(20);
    // Ten purchases at once set the users' pace (20 requests): polling's share is 27 a window, so
    // the window rarely spares a burst here, and ten signups in play keep the 2 s rule after one.
    const { p50, p95 } = spread(sim.latencies);
    expect(p95).toBeLessThanOrEqual(2_500);
    // Pages sending in the same seconds burst together: one list read serves them all (900 ms
    // when their own reads took turns).
    expect(p50).toBeLessThanOrEqual(700);
    const polling = await sim.polling();
    expect(polling.rateLimited).toBe(0);
    expect(polling.busiestMinute).toBeLessThanOrEqual(60);
    expect(polling.longestGapMs).toBeLessThanOrEqual(5_000);
  }, 60_000);
});

describe('a page that forges the signal', () => {
  it('repeating "sent" every half second for two minutes: at most three bursts of its own order, the budget kept, the other tab\'s order polled no faster', async () => {
    sim = await simulation({ seed: 22 });
    await sim.settle(sim.engine.start());
    const own = await sim.buy('wa', 187, 1);
    const other = await sim.buy('tg', 187, 2);
    expect(other).not.toBe(own);
    const startedAt = Date.now();
    for (let i = 0; i < 240; i++) {
      await pageSends(1);
      // Pages without an order, or of another frame, get nothing started.
      await pageSends(3);
      await pageSends(1, 'https://ads.example.net/slot', 5);
      await sim.advance(500);
    }
    const log = (await requests()).filter((r) => r.at >= startedAt);
    const ownReads = log.filter((r) => r.path === `/sms/${own}`).length;
    const otherReads = log.filter((r) => r.path === `/sms/${other}`).length;
    const lists = log.filter((r) => r.path === '/orders').length;
    const elapsed = Date.now() - startedAt;
    // Three bursts of at most 9.5 s at 0.3 s; never a read of the other order.
    expect(ownReads).toBeGreaterThan(0);
    expect(ownReads).toBeLessThanOrEqual(3 * 33);
    expect(otherReads).toBe(0);
    // The ordinary turns (the list, which is all the other order gets) no faster than the even pace.
    expect(lists).toBeLessThanOrEqual(Math.ceil(elapsed / 1_220) + 1);
    await expectBudgetKept(log);
  }, 60_000);

  it('repeating "sent" in the minute after ten purchases, where a burst may slow polling after it: every other order still polled every 3.5 s', async () => {
    sim = await simulation({ seed: 25 });
    await sim.settle(sim.engine.start());
    const others: string[] = [];
    for (const service of [...SERVICES.slice(1), 'cn']) others.push(await sim.buy(service));
    const own = await sim.buy('wa', 187, 1);
    const startedAt = Date.now();
    for (let i = 0; i < 240; i++) {
      await pageSends(1);
      await sim.advance(500);
    }
    const log = (await requests()).filter((r) => r.at >= startedAt);
    expect(log.filter((r) => r.path === `/sms/${own}`).length).toBeGreaterThan(0);
    expect(log.filter((r) => others.some((id) => r.path === `/sms/${id}`))).toHaveLength(0);
    const polling = await sim.polling();
    expect(polling.rateLimited).toBe(0);
    expect(polling.busiestMinute).toBeLessThanOrEqual(60);
    expect(polling.longestGapMs).toBeLessThanOrEqual(SLOW_AFTER_BURST_MAX_INTERVAL_MS + 500);
  }, 60_000);

  it('two pages repeating "sent" for two minutes: their bursts read the list, bounded like their own reads; the budget kept', async () => {
    sim = await simulation({ seed: 24 });
    await sim.settle(sim.engine.start());
    const first = await sim.buy('wa', 187, 1);
    const second = await sim.buy('tg', 187, 2);
    const third = await sim.buy('fb', 187, 3);
    const startedAt = Date.now();
    for (let i = 0; i < 240; i++) {
      await pageSends(1);
      await pageSends(2);
      await sim.advance(500);
    }
    const log = (await requests()).filter((r) => r.at >= startedAt);
    const elapsed = Date.now() - startedAt;
    // Reads of their own only while one of them bursts alone; never of the order no page sent for.
    expect(log.filter((r) => r.path === `/sms/${third}`)).toHaveLength(0);
    const reads = log.filter((r) => r.path === '/orders' || r.path === `/sms/${first}` || r.path === `/sms/${second}`).length;
    // The ordinary turns at the even pace, plus at most three bursts of each page's order at 0.3 s.
    expect(reads).toBeLessThanOrEqual(Math.ceil(elapsed / 1_220) + 1 + 2 * 3 * 33);
    await expectBudgetKept(log);
  }, 60_000);

  it('a page with no order of its own, or a frame the number did not go to, starts no burst', async () => {
    sim = await simulation({ seed: 23 });
    await sim.settle(sim.engine.start());
    await sim.buy('wa', 187, 1);
    const startedAt = Date.now();
    for (let i = 0; i < 40; i++) {
      await pageSends(3);
      await pageSends(1, 'https://ads.example.net/slot', 5);
      await pageSends(1, PAGE, 7);
      await sim.advance(500);
    }
    const log = (await requests()).filter((r) => r.at >= startedAt);
    expect(log.filter((r) => r.path.startsWith('/sms/'))).toHaveLength(0);
    expect(log.length).toBeLessThanOrEqual(Math.ceil((Date.now() - startedAt) / 1_220) + 1);
  }, 60_000);
});
