import type { BudgetTimers } from '../../../lib/budget/rate-budget';

/**
 * A clock for a rate budget that jumps to the end of each wait as soon as the test yields: the
 * budget's pacing holds on this clock, and no test waits 1.2 s of real time for a slot.
 */
export function jumpingClock(start = Date.parse('2026-06-13T12:00:00Z')): { now: () => number; timers: BudgetTimers; waits: number[] } {
  let now = start;
  const waits: number[] = [];
  return {
    now: () => now,
    waits,
    timers: {
      set(run, ms) {
        waits.push(ms);
        const handle = setImmediate(() => {
          now += ms;
          run();
        });
        return () => clearImmediate(handle);
      },
    },
  };
}
