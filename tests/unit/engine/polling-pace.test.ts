import { afterEach, describe, expect, it } from 'vitest';
import { simulation } from './simulation';

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
});
