import { afterEach, describe, expect, it } from 'vitest';
import { simulation } from './simulation';
import { pageSender } from './harness';

/**
 * Polling is paced, never bursty, and never idle while an order waits (lib/engine/DESIGN.md).
 * Minutes of use on a fake clock, against the sandbox's real rate limit.
 */
let sim: Awaited<ReturnType<typeof simulation>> | undefined;
afterEach(() => sim?.stop());

describe('polling as users live it', () => {
  it('one signup after another: no order waits long for a poll, and no 429', async () => {
    sim = await simulation({ seed: 11 });
    await sim.settle(sim.engine.start());
    await sim.openPopup();
    for (let round = 0; round < 12; round++) {
      const orderId = await sim.buy();
      await sim.advance(sim.rng.int(3_000, 15_000));
      await sim.deliverAndWait(orderId);
    }
    const polling = await sim.polling();
    expect(polling.rateLimited).toBe(0);
    expect(polling.busiestMinute).toBeLessThanOrEqual(60);
    // A poll about every 1.2 s: a waiting order is never left for more than two of them.
    expect(polling.longestGapMs).toBeLessThanOrEqual(2_500);
    expect(Math.max(...sim.latencies)).toBeLessThanOrEqual(2_500);
  }, 60_000);

  it("pages opening after ten purchases: their buttons' prices take no poll's turn, no order waits two turns", async () => {
    const gaps: number[] = [];
    for (let seed = 30; seed < 36; seed++) {
      sim = await simulation({ seed });
      await sim.settle(sim.engine.start());
      for (const service of ['tg', 'fb', 'go', 'tw', 'cn', 'ig', 'lf', 'am', 'ds', 'ts']) await sim.buy(service);
      // Signup pages of other services open over the next half minute, each asking for its button
      // (its price: one lookup each), at moments that fall anywhere between two polls.
      for (const [tab, site] of [
        'https://www.whatsapp.com/',
        'https://uber.com/',
        'https://www.netflix.com/',
        'https://vk.com/',
      ].entries()) {
        await sim.advance(sim.rng.int(3_000, 8_000));
        const context = await sim.settle(sim.engine.handlers['page.context']({}, pageSender(tab + 1, `${site}signup`)));
        expect(context).toMatchObject({ button: true });
      }
      await sim.advance(5_000);
      const polling = await sim.polling();
      expect(polling.rateLimited).toBe(0);
      gaps.push(polling.longestGapMs);
      sim.stop();
      sim = undefined;
    }
    // The even pace in that minute is one poll per 2.2 s here (2.4 s in the bench: the purchases
    // hold the window); a lookup that took polling's turn left every order two: 4376 ms here, ~5 s there.
    expect(Math.max(...gaps)).toBeLessThanOrEqual(3_000);
  }, 60_000);
});
