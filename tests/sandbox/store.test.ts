import { beforeEach, describe, expect, it } from 'vitest';
import { initialConfig, type SandboxOptions } from './config.ts';
import { ApiError } from './errors.ts';
import { Store } from './store.ts';
import { FakeClock } from './test-helpers.ts';

/** The state rules without HTTP: time is a fake clock, nothing waits. */

const KEY = 'np_test_store';
const clock = new FakeClock();

function makeStore(options: SandboxOptions = {}): Store {
  const store = new Store({ config: initialConfig({ deliverDelayMs: [1000, 2000], ...options }), clock: clock.now, seed: 1 });
  store.addKey(KEY, 1000);
  return store;
}

function apiError(action: () => unknown): ApiError {
  try {
    action();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected an ApiError');
}

beforeEach(() => clock.reset());

describe('Store', () => {
  it('charges on purchase and records the charge once', () => {
    const store = makeStore();
    const order = store.buy(KEY, { service: 'wa', country: 187 });
    expect(store.balance(KEY)).toBe(1000 - 43);
    expect(store.account(KEY).charges).toEqual([{ kind: 'buy', id: order.id, amountCents: 43, at: clock.now() }]);
    expect(order).toMatchObject({ status: 'waiting', operator: 'any', costCents: 43 });
  });

  it('delivers one SMS when it is due, stamped with the due time, not the time it is read', () => {
    const store = makeStore();
    const order = store.buy(KEY, { service: 'wa', country: 187 });
    const due = order.autoDeliverAt ?? NaN;
    expect(due - clock.now()).toBeGreaterThanOrEqual(1000);
    expect(due - clock.now()).toBeLessThanOrEqual(2000);

    clock.advance(due - clock.now() - 1);
    expect(store.order(KEY, order.id).status).toBe('waiting');
    clock.advance(60_000);
    const received = store.order(KEY, order.id);
    expect(received.status).toBe('received');
    expect(received.sms).toHaveLength(1);
    expect(received.sms[0]?.at).toBe(due);
    expect(received.sms[0]?.text).toContain(received.sms[0]?.code?.slice(0, 3));
    clock.advance(60 * 60_000);
    expect(store.order(KEY, order.id).sms).toHaveLength(1);
  });

  it('expires an order without SMS after its lifetime and refunds it, at the expiry time', () => {
    const store = makeStore({ autoDeliver: false, orderLifetimeMs: 60_000 });
    const order = store.buy(KEY, { service: 'wa', country: 187 });
    clock.advance(59_999);
    expect(store.order(KEY, order.id).status).toBe('waiting');
    clock.advance(10 * 60_000);
    expect(store.balance(KEY)).toBe(1000);
    expect(store.order(KEY, order.id).status).toBe('expired');
    expect(store.account(KEY).refunds).toEqual([{ orderId: order.id, amountCents: 43, reason: 'expired', at: order.createdAt + 60_000 }]);
  });

  it('lets an SMS due before expiry win even when both are read late', () => {
    const store = makeStore({ orderLifetimeMs: 5_000 });
    const order = store.buy(KEY, { service: 'wa', country: 187 });
    clock.advance(60_000);
    expect(store.order(KEY, order.id).status).toBe('received');
    expect(store.account(KEY).refunds).toEqual([]);
  });

  it('holds auto-delivery, and reschedules it from the release', () => {
    const store = makeStore();
    store.setHold({ kind: 'global' }, true);
    const order = store.buy(KEY, { service: 'wa', country: 187 });
    clock.advance(10_000);
    expect(store.order(KEY, order.id).status).toBe('waiting');

    store.setHold({ kind: 'global' }, false);
    const rescheduled = store.order(KEY, order.id).autoDeliverAt ?? NaN;
    expect(rescheduled - clock.now()).toBeGreaterThanOrEqual(1000);
    clock.advance(2000);
    expect(store.order(KEY, order.id).status).toBe('received');
  });

  it('holds per key and per order', () => {
    const store = makeStore();
    store.addKey('other', 1000);
    store.setHold({ kind: 'key', key: KEY }, true);
    const held = store.buy(KEY, { service: 'wa', country: 187 });
    const free = store.buy('other', { service: 'wa', country: 187 });
    store.setHold({ kind: 'order', orderId: free.id }, true);
    const alsoFree = store.buy('other', { service: 'tg', country: 187 });
    clock.advance(10_000);
    expect(store.order(KEY, held.id).status).toBe('waiting');
    expect(store.order('other', free.id).status).toBe('waiting');
    expect(store.order('other', alsoFree.id).status).toBe('received');
  });

  it('starts delivering when auto-delivery is switched on later', () => {
    const store = makeStore({ autoDeliver: false });
    const order = store.buy(KEY, { service: 'wa', country: 187 });
    clock.advance(10_000);
    expect(store.order(KEY, order.id).status).toBe('waiting');
    store.configure({ autoDeliver: true });
    clock.advance(2000);
    expect(store.order(KEY, order.id).status).toBe('received');
  });

  it('does not auto-deliver to an order that already got an SMS by hand', () => {
    const store = makeStore();
    const order = store.buy(KEY, { service: 'wa', country: 187 });
    store.deliverToOrder(order.id, { code: '1111' });
    clock.advance(60_000);
    expect(store.order(KEY, order.id).sms.map((s) => s.code)).toEqual(['1111']);
  });

  it('refuses cancels after receipt, twice, after expiry and within the lock', () => {
    const store = makeStore({ autoDeliver: false, cancelLockMs: 120_000, orderLifetimeMs: 600_000 });
    const order = store.buy(KEY, { service: 'wa', country: 187 });
    clock.advance(30_500);
    expect(apiError(() => store.cancel(KEY, order.id))).toMatchObject({ status: 400, message: 'Too early to cancel; try again in 90 s.' });
    clock.advance(90_000);
    store.cancel(KEY, order.id);
    expect(apiError(() => store.cancel(KEY, order.id)).message).toMatch(/already cancelled/);

    const received = store.buy(KEY, { service: 'wa', country: 187 });
    store.deliverToOrder(received.id, {});
    clock.advance(120_000);
    expect(apiError(() => store.cancel(KEY, received.id)).message).toBe('Code already received; this order cannot be cancelled.');

    const expired = store.buy(KEY, { service: 'wa', country: 187 });
    clock.advance(600_000);
    expect(apiError(() => store.cancel(KEY, expired.id)).message).toMatch(/expired/);
    expect(apiError(() => store.deliverToOrder(expired.id, {})).status).toBe(409);
  });

  it('returns the number to stock on refund', () => {
    const store = makeStore({ autoDeliver: false });
    const stock = (): number | undefined => store.offersInStock('wa').find((o) => o.offer.country.id === 187)?.stock;
    const order = store.buy(KEY, { service: 'wa', country: 187 });
    expect(stock()).toBe(338_399);
    store.cancel(KEY, order.id);
    expect(stock()).toBe(338_400);
  });

  it('repeats numbers, delays and codes for the same seed', () => {
    const run = (): unknown[] => {
      clock.reset();
      const store = makeStore();
      const order = store.buy(KEY, { service: 'wa', country: 187 });
      clock.advance(10_000);
      return [order.number, order.autoDeliverAt, store.order(KEY, order.id).sms[0]?.code];
    };
    expect(run()).toEqual(run());
  });
});
