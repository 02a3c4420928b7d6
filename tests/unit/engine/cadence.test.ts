import { describe, expect, it } from 'vitest';
import { pickOrderToPoll, tickIntervalMs, type PollCandidate } from '../../../lib/engine/cadence';

describe('poll cadence', () => {
  it('spreads the background share of the budget evenly over the window', () => {
    expect(tickIntervalMs(50, 61_000)).toBe(1_220);
    expect(tickIntervalMs(0, 61_000)).toBe(61_000);
  });

  it('polls a never-polled order first, then the one polled longest ago', () => {
    const c: PollCandidate[] = [
      { orderId: 'a', lastPolledAt: 1_000, focused: false },
      { orderId: 'b', lastPolledAt: 500, focused: false },
      { orderId: 'c', lastPolledAt: null, focused: false },
    ];
    expect(pickOrderToPoll(c, 2_000, 1_000)).toBe('c');
    expect(pickOrderToPoll(c.slice(0, 2), 2_000, 1_000)).toBe('b');
    expect(pickOrderToPoll([], 0, 1_000)).toBeNull();
  });

  it('puts an order whose code field is focused ahead of the others, without starving them', () => {
    const c: PollCandidate[] = [
      { orderId: 'old', lastPolledAt: 0, focused: false },
      { orderId: 'focused', lastPolledAt: 7_000, focused: true },
    ];
    expect(pickOrderToPoll(c, 10_000, 1_000)).toBe('focused');
    // Polled within the last two ticks: the others get their turn.
    expect(pickOrderToPoll(c, 8_500, 1_000)).toBe('old');
  });

  it('gives every one of ten waiting orders its turn and stays inside the budget', () => {
    const tick = tickIntervalMs(50, 61_000);
    const last = new Map<string, number | null>(Array.from({ length: 10 }, (_, i) => [`o${i}`, null]));
    const sends: number[] = [];
    const gaps = new Map<string, number[]>();
    for (let now = 0; now < 5 * 60_000; now += tick) {
      const id = pickOrderToPoll([...last].map(([orderId, lastPolledAt]) => ({ orderId, lastPolledAt, focused: orderId === 'o3' })), now, tick)!;
      const prev = last.get(id);
      // After the first round (every order polled once), look at the steady state.
      if (prev !== null && prev !== undefined && now > 20 * tick) gaps.set(id, [...(gaps.get(id) ?? []), now - prev]);
      last.set(id, now);
      sends.push(now);
    }
    const inWindow = Math.max(...sends.map((t) => sends.filter((s) => s >= t && s < t + 61_000).length));
    expect(inWindow).toBeLessThanOrEqual(50);
    for (const [id, g] of gaps) expect(Math.max(...g), id).toBeLessThanOrEqual(id === 'o3' ? 3 * tick : 20 * tick);
  });
});
