import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { RateBudget, type Priority } from '../../../lib/budget/rate-budget';
import { keyFingerprint, memoryBudgetStore, storageBudgetStore } from '../../../lib/budget/budget-store';

const WINDOW = 60_000;

/** Largest number of sends inside any window of `windowMs` (a send at t counts until t + windowMs). */
function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

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
    await vi.advanceTimersByTimeAsync(5 * WINDOW);
    await Promise.all(all);
    expect(sent).toHaveLength(200);
    expect(maxInAnyWindow(sent, WINDOW)).toBeLessThanOrEqual(60);
    // It waits rather than failing, and it uses the budget it has: 200 requests take 3 windows and a bit.
    expect(sent.at(-1)! - sent[0]!).toBeLessThan(4 * WINDOW);
  });

  it('keeps the reserve for user actions: background work stops at limit - reserve', async () => {
    const budget = new RateBudget({ store: memoryBudgetStore(), reserve: 10 });
    let background = 0;
    for (let i = 0; i < 60; i++) void budget.acquire('background').then(() => background++);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(background).toBe(50);
    expect(await budget.available('user')).toBe(10);
    let user = 0;
    for (let i = 0; i < 10; i++) void budget.acquire('user').then(() => user++);
    await vi.advanceTimersByTimeAsync(0);
    expect(user).toBe(10);
  });

  it('serves a waiting user request before background requests queued earlier', async () => {
    const budget = new RateBudget({ store: memoryBudgetStore(), limit: 2, reserve: 0, marginMs: 0 });
    const order: string[] = [];
    const take = (p: Priority, name: string) => budget.acquire(p).then(() => order.push(name));
    await take('background', 'b0');
    await take('background', 'b1');
    const pending = [take('background', 'b2'), take('background', 'b3'), take('user', 'u1')];
    await vi.advanceTimersByTimeAsync(WINDOW + 10);
    expect(order).toEqual(['b0', 'b1', 'u1', 'b2']);
    await vi.advanceTimersByTimeAsync(WINDOW);
    await Promise.all(pending);
    expect(order).toEqual(['b0', 'b1', 'u1', 'b2', 'b3']);
  });

  it('keeps its count across a service-worker restart (state in extension storage)', async () => {
    fakeBrowser.reset();
    const store = storageBudgetStore(fakeBrowser.storage.session, 'abc');
    const first = new RateBudget({ store });
    for (let i = 0; i < 45; i++) await first.acquire('background');

    // A new worker: a new object, the same storage.
    const second = new RateBudget({ store: storageBudgetStore(fakeBrowser.storage.session, 'abc') });
    expect(await second.available('background')).toBe(5);
    let granted = 0;
    for (let i = 0; i < 10; i++) void second.acquire('background').then(() => granted++);
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toBe(5);
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
    expect(await restarted.available('user')).toBe(0);
  });

  it('drops a waiter whose signal aborts, without taking its slot', async () => {
    const budget = new RateBudget({ store: memoryBudgetStore(), limit: 1, reserve: 0 });
    await budget.acquire('user');
    const controller = new AbortController();
    const waiting = budget.acquire('background', controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
  });

  it('ignores a corrupt stored state instead of trusting it', async () => {
    fakeBrowser.reset();
    await fakeBrowser.storage.session.set({ 'budget:k': { version: 1, sends: 'nope' } });
    const budget = new RateBudget({ store: storageBudgetStore(fakeBrowser.storage.session, 'k') });
    expect(await budget.available('user')).toBe(60);
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
