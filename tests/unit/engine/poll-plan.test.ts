import { describe, expect, it } from 'vitest';
import { PollPlan, pickOrderToPoll, type PollCandidate } from '../../../lib/engine/polling/poll-plan';

const TICK = 1_220;

describe('which order to poll in per-order mode', () => {
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
    // Polled within the last two polls: the others get their turn.
    expect(pickOrderToPoll(c, 8_500, 1_000)).toBe('old');
  });

  it('gives every one of ten waiting orders its turn, the focused one more often', () => {
    const plan = new PollPlan();
    plan.listIsUseless();
    plan.focus(1, 'o3');
    const ids = Array.from({ length: 10 }, (_, i) => `o${i}`);
    const last = new Map<string, number>();
    const gaps = new Map<string, number[]>();
    for (let now = 0; now < 5 * 60_000; now += TICK) {
      const target = plan.next(ids, now, TICK)!;
      expect(target.kind).toBe('order');
      const id = (target as { orderId: string }).orderId;
      plan.polled(target, now);
      if (last.has(id) && now > 20 * TICK) gaps.set(id, [...(gaps.get(id) ?? []), now - last.get(id)!]);
      last.set(id, now);
    }
    expect(last.size).toBe(10);
    for (const [id, g] of gaps) expect(Math.max(...g), id).toBeLessThanOrEqual(id === 'o3' ? 3 * TICK : 20 * TICK);
  });
});

describe('list mode', () => {
  it('reads the list every poll while nothing is owed', () => {
    const plan = new PollPlan();
    for (let i = 0; i < 3; i++) {
      const target = plan.next(['a', 'b'], i * TICK, TICK);
      expect(target).toEqual({ kind: 'list' });
      plan.polled(target!, i * TICK);
    }
  });

  it('reads a waiting order the list cannot tell about between two lists, never two in a row', () => {
    const plan = new PollPlan();
    const sequence: string[] = [];
    plan.polled({ kind: 'list' }, 0);
    plan.owe(['x', 'y'], 'soon');
    plan.owe(['full'], 'later');
    for (let i = 1; i <= 5; i++) {
      const target = plan.next(['a'], i * TICK, TICK)!;
      sequence.push(target.kind === 'list' ? 'list' : target.orderId);
      plan.polled(target, i * TICK);
    }
    expect(sequence).toEqual(['x', 'list', 'y', 'list', 'list']);
  });

  it('reads an order in full (after its code) only once nothing waits; then asks nothing', () => {
    const plan = new PollPlan();
    expect(plan.next([], 0, TICK)).toBeNull();
    plan.owe(['done'], 'later');
    expect(plan.next(['waiting'], 0, TICK)).toEqual({ kind: 'list' });
    expect(plan.next([], 0, TICK)).toEqual({ kind: 'order', orderId: 'done' });
    plan.polled({ kind: 'order', orderId: 'done' }, 0);
    expect(plan.next([], TICK, TICK)).toBeNull();
  });

  it('forgets debts of orders no longer watched', () => {
    const plan = new PollPlan();
    plan.owe(['gone', 'kept'], 'later');
    plan.forgetAllBut(new Set(['kept']));
    expect(plan.next([], 0, TICK)).toEqual({ kind: 'order', orderId: 'kept' });
  });
});

describe('bursts (a page sent its number: the SMS is due)', () => {
  it('two orders bursting at once: one list read serves both, where reads of their own would take turns', () => {
    const plan = new PollPlan();
    plan.polled({ kind: 'list' }, 0);
    expect(plan.startBurst('a', 0)).not.toBeNull();
    expect(plan.startBurst('b', 0)).not.toBeNull();
    // Between two ordinary turns, once both bursts began.
    const target = plan.next(['a', 'b', 'c'], 2_000, 10_000);
    expect(target).toEqual({ kind: 'list', burst: true });
    plan.polled(target!, 2_000);
    // A burst read is extra: the ordinary turns keep their pace (the next is still due at 10 s).
    expect(plan.next(['a', 'b', 'c'], 2_300, 10_000)).toEqual({ kind: 'list', burst: true });
    expect(plan.next(['a', 'b', 'c'], 10_000, 10_000)).toEqual({ kind: 'list' });
  });

  it('one order bursting, or one the list cannot tell about, gets a read of its own', () => {
    const plan = new PollPlan();
    plan.polled({ kind: 'list' }, 0);
    plan.startBurst('a', 0);
    expect(plan.next(['a', 'b'], 2_000, 10_000)).toEqual({ kind: 'order', orderId: 'a', burst: true });
    // 'b' bursts too, but the list cannot tell about it: no list read would serve both.
    plan.owe(['b'], 'soon');
    plan.startBurst('b', 0);
    expect(plan.next(['a', 'b'], 2_000, 10_000)).toMatchObject({ kind: 'order', burst: true });
  });

  it('in per-order mode (a list without statuses), bursting orders still take turns with reads of their own', () => {
    const plan = new PollPlan();
    plan.listIsUseless();
    plan.polled({ kind: 'order', orderId: 'a' }, 0);
    plan.startBurst('a', 0);
    plan.startBurst('b', 0);
    expect(plan.next(['a', 'b'], 2_000, 10_000)).toMatchObject({ kind: 'order', burst: true });
  });
});
