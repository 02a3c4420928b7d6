import { describe, expect, it } from 'vitest';
import { splitAt } from '../../bench/stats';

describe("the bench's split of codes around a batch of purchases", () => {
  it('puts each code by when its SMS came: up to the window after the batch, then later', () => {
    const batchEnd = 1_000_000;
    const latencies = [1_900, 1_600, 900, 300, 700];
    const deliveredAt = [batchEnd + 5_000, batchEnd + 61_000, batchEnd + 61_001, batchEnd + 90_000, batchEnd + 30_000];
    const { within, after } = splitAt(latencies, deliveredAt, batchEnd, 61_000);
    expect(within).toMatchObject({ samples: 3, p50: 1_600, max: 1_900 });
    expect(after).toMatchObject({ samples: 2, p50: 300, max: 900 });
  });

  it('an empty side has no figures', () => {
    const { within, after } = splitAt([500], [10], 0, 61_000);
    expect(within.samples).toBe(1);
    expect(after.samples).toBe(0);
    expect(after.p95).toBeNaN();
  });
});
