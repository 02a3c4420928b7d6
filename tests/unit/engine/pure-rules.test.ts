import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { EngineStore } from '../../../lib/engine/account/store';
import { ITEMS } from '../../../lib/engine/stored-items';
import { guardRefusal, spentToday } from '../../../lib/engine/orders/guards';
import { renderEn } from '../i18n/en';
import { serviceForHost, hostOf } from '../../../lib/engine/page/site-service';
import {
  KEEP_FINISHED_COUNT,
  applyListItem,
  applySms,
  markAnnounced,
  markCancelled,
  newOrder,
  ordersToPoll,
  pruneState,
  settleOrder,
  waitingOrders,
} from '../../../lib/engine/orders/orders';
import { markUnknownToServer } from '../../../lib/engine/polling/poll-merge';
import { matchUncertainOrder, mergeServerOrders } from '../../../lib/engine/orders/reconcile';
import { cancelRefusalReason } from '../../../lib/engine/orders/cancellation';
import { badgeText } from '../../../lib/engine/polling/announce';
import { chooseOffer } from '../../../lib/engine/account/catalog';
import { NumPoolError } from '../../../lib/numpool/errors';
import { EMPTY_STATE, type Order } from '../../../lib/state/schema';
import type { OrderSummary, RentalSummary } from '../../../lib/numpool/client';
import { mergeRentals } from '../../../lib/engine/rentals/rentals';
import { matchUncertainRental } from '../../../lib/engine/rentals/rental-purchases';

const services = [
  { id: 'wa', name: 'WhatsApp', domain: 'whatsapp.com' },
  { id: 'go', name: 'Google', domain: 'google.com' },
  { id: 'ya', name: 'Yahoo', domain: 'yahoo.com' },
];

describe('which service a site is', () => {
  it('matches the domain and its subdomains, nothing else', () => {
    expect(serviceForHost('web.whatsapp.com', services)?.id).toBe('wa');
    expect(serviceForHost('whatsapp.com', services)?.id).toBe('wa');
    expect(serviceForHost('accounts.google.com', services)?.id).toBe('go');
    expect(serviceForHost('notwhatsapp.com', services)).toBeNull();
    expect(serviceForHost('whatsapp.com.evil.io', services)).toBeNull();
    expect(hostOf('https://Web.WhatsApp.com/path')).toBe('web.whatsapp.com');
    expect(hostOf('chrome://settings')).toBeNull();
  });
});

describe('spending guards', () => {
  const day = new Date('2026-11-26T15:00:00').getTime();
  it('refuses a number above the maximum price, with the numbers in words', () => {
    expect(renderEn(guardRefusal(0.5, 'USD', { maxPricePerNumber: 0.4, dailySpendCap: null }, 0)!)).toMatch(
      /\$0\.50, above your maximum of \$0\.40/,
    );
    expect(guardRefusal(0.4, 'USD', { maxPricePerNumber: 0.4, dailySpendCap: null }, 0)).toBeNull();
    // Amounts in the currency the API names.
    expect(renderEn(guardRefusal(50, 'RUB', { maxPricePerNumber: 40, dailySpendCap: null }, 0)!)).toMatch(/RUB\s?50\.00|50,00\s?RUB|₽/);
  });
  it('refuses what would pass the daily cap, counting refunds back', () => {
    const spending = [
      { at: day - 24 * 3600_000, amount: 9 }, // yesterday: not counted
      { at: day - 3600_000, amount: 1.5 },
      { at: day - 1800_000, amount: -0.5 },
    ];
    expect(spentToday(spending, day)).toBe(1);
    expect(renderEn(guardRefusal(1.2, 'USD', { maxPricePerNumber: null, dailySpendCap: 2 }, 1)!)).toMatch(
      /daily spending cap of \$2\.00 \(\$1\.00 left today\)/,
    );
    expect(guardRefusal(1, 'USD', { maxPricePerNumber: null, dailySpendCap: 2 }, 1)).toBeNull();
  });
});

/** A WhatsApp order as `newOrder` makes it, waiting unless said otherwise. */
function waitingOrder(over: Partial<Parameters<typeof newOrder>[0]> = {}): Order {
  return newOrder({
    orderId: 'o1',
    service: 'wa',
    country: 187,
    number: '+1',
    cost: 0.43,
    state: 'waiting',
    rawStatus: 'pending',
    now: 0,
    autoCancelAfterMs: null,
    fillTarget: null,
    ...over,
  });
}

describe('orders', () => {
  const base = waitingOrder({ number: '+12015550123', now: 1_000, autoCancelAfterMs: 600_000 });
  /** What `GET /sms/o1` answers once these codes came, newest first (no server times). */
  const smsRead = (...codes: string[]) => ({
    orderId: 'o1',
    state: 'received' as const,
    rawStatus: 'received',
    number: null,
    messages: codes.map((code) => ({ code, text: `code ${code}`, at: null })),
  });

  it('starts waiting, with its auto-cancel time', () => {
    expect(base).toMatchObject({ state: 'waiting', autoCancelAt: 601_000, messages: [] });
  });

  it('keeps every code of an order, newest first, and reports only the new ones', () => {
    const first = applySms(base, smsRead('111'), 2_000);
    expect(first.fresh.map((m) => m.code)).toEqual(['111']);
    const second = applySms(first.order, smsRead('222', '111'), 3_000);
    expect(second.fresh.map((m) => m.code)).toEqual(['222']);
    expect(second.order.messages.map((m) => m.code)).toEqual(['222', '111']);
    const again = applySms(second.order, smsRead('222'), 4_000);
    expect(again.fresh).toEqual([]);
  });

  it('stores an older SMS learned late without announcing it over the newer code', () => {
    const fromList = { ...base, state: 'received' as const, messages: [{ code: '222', text: 'code 222', at: 5 }] };
    const full = applySms(fromList, smsRead('222', '111'), 6);
    expect(full.fresh).toEqual([]);
    // No server times here: the older one is placed just before the newer one.
    expect(full.order.messages.map((m) => [m.code, m.at])).toEqual([
      ['222', 5],
      ['111', 4],
    ]);
  });

  it('keeps a waiting order waiting on a status word it does not know (polled, cancellable), with the word; both paths agree', () => {
    const said = { state: 'unrecognised', rawStatus: 'processing' } as const;
    const bySms = applySms(base, { orderId: 'o1', ...said, number: null, messages: [] }, 2_000).order;
    const byList = applyListItem(base, { ...said, code: null, text: null }, 2_000).order;
    for (const order of [bySms, byList]) {
      expect(order).toMatchObject({ state: 'waiting', rawStatus: 'processing', autoCancelAt: base.autoCancelAt });
      const state = { ...EMPTY_STATE, orders: [order] };
      expect(ordersToPoll(state, 2_000).map((o) => o.orderId)).toEqual(['o1']);
      expect(waitingOrders(state)).toHaveLength(1);
    }
    // With a code, the same word means the code came, by either path.
    const withCode = { code: '4321', text: null };
    expect(applySms(base, { orderId: 'o1', ...said, number: null, messages: [{ ...withCode, at: null }] }, 2_000).order.state).toBe(
      'received',
    );
    expect(applyListItem(base, { ...said, ...withCode }, 2_000).order.state).toBe('received');
    // An order that had ended is not brought back by it.
    const cancelled = markCancelled(base, 0.43);
    expect(applySms(cancelled, { orderId: 'o1', ...said, number: null, messages: [] }, 2_000).order.state).toBe('cancelled');
    expect(applyListItem(cancelled, { ...said, code: null, text: null }, 2_000).order.state).toBe('cancelled');
  });

  it('ends an order only on a 404: it is then not found, no longer polled nor cancelled', () => {
    const state = markUnknownToServer({ ...EMPTY_STATE, orders: [base] }, 'o1');
    expect(state.orders[0]).toMatchObject({ state: 'not-found', autoCancelAt: null });
    expect(ordersToPoll(state, 2_000)).toEqual([]);
  });
});

describe('reconciliation', () => {
  const summary = (o: Partial<OrderSummary> & { orderId: string }): OrderSummary => ({
    service: 'wa',
    country: 187,
    number: '+12015550123',
    cost: 0.43,
    state: 'waiting',
    rawStatus: 'pending',
    code: null,
    text: null,
    createdAt: new Date(10_000).toISOString(),
    ...o,
  });
  const purchase = { service: 'wa', country: 187, sentAt: 10_000, fillTarget: null, knownIds: ['old'] };

  it('finds the order an uncertain purchase made, and only that one', () => {
    expect(matchUncertainOrder(purchase, [summary({ orderId: 'new' }), summary({ orderId: 'old' })])?.orderId).toBe('new');
    expect(matchUncertainOrder(purchase, [summary({ orderId: 'old' })])).toBeNull();
    expect(matchUncertainOrder(purchase, [summary({ orderId: 'x', service: 'tg' })])).toBeNull();
    expect(matchUncertainOrder(purchase, [summary({ orderId: 'x', country: 1 })])).toBeNull();
    expect(matchUncertainOrder(purchase, [summary({ orderId: 'x', createdAt: new Date(10_000 - 10 * 60_000).toISOString() })])).toBeNull();
  });

  it('settles local waiting orders from the server list: codes that came while away, expiries refunded', () => {
    const o1 = waitingOrder();
    const o2 = { ...o1, orderId: 'o2' };
    const state = { ...EMPTY_STATE, orders: [o1, o2] };
    const next = mergeServerOrders(
      state,
      [summary({ orderId: 'o1', state: 'received', code: '4321', text: 'code 4321' }), summary({ orderId: 'o2', state: 'expired' })],
      5,
    );
    expect(next.orders[0]).toMatchObject({ state: 'received', messages: [{ code: '4321' }] });
    expect(next.orders[1]).toMatchObject({ state: 'expired', refunded: 0.43 });
    expect(next.spending).toEqual([{ at: 5, amount: -0.43 }]);
  });
});

describe("rentals in the day's spending", () => {
  const summary = (over: Partial<RentalSummary>): RentalSummary => ({
    rentalId: 'r1',
    service: 'discord',
    number: '+12015550123',
    days: 7,
    cost: 4.5,
    createdAt: null,
    endsAt: null,
    status: null,
    ...over,
  });
  const now = Date.parse('2026-06-13T12:00:00Z');

  it('counts an adopted rental once, on the day it was charged', () => {
    const today = summary({ createdAt: '2026-06-13T09:00:00Z', endsAt: '2026-06-20T09:00:00Z' });
    const once = mergeRentals(EMPTY_STATE, [today], now);
    expect(once.spending).toEqual([{ at: Date.parse('2026-06-13T09:00:00Z'), amount: 4.5 }]);
    expect(mergeRentals(once, [today], now)).toBe(once);
    // Bought three days ago: in the list, not in today's spending (its end less its days, without a creation time).
    const old = mergeRentals(EMPTY_STATE, [summary({ rentalId: 'r2', endsAt: '2026-06-17T12:00:00Z' })], now);
    expect(old.rentals).toHaveLength(1);
    expect(spentToday(old.spending, now)).toBe(0);
  });

  it('finds the rental an uncertain request made: new to us, same service, created after it was sent', () => {
    const sent = { service: 'discord', duration: 'sevenDay', sentAt: now, knownIds: ['r0'] };
    const list = [
      summary({ rentalId: 'r0' }),
      summary({ rentalId: 'tg', service: 'telegram' }),
      summary({ rentalId: 'old', createdAt: '2026-06-12T12:00:00Z' }),
      summary({ rentalId: 'new', createdAt: '2026-06-13T12:00:01Z' }),
    ];
    expect(matchUncertainRental(sent, list, new Set())?.rentalId).toBe('new');
    expect(matchUncertainRental(sent, list, new Set(['new']))).toBeNull();
  });
});

describe('the refund rule (settleOrder)', () => {
  const waiting = waitingOrder({ autoCancelAfterMs: 60_000 });
  const state = { ...EMPTY_STATE, orders: [waiting] };

  it('credits the refund of an order cancelled or expired while waiting, whoever cancelled it', () => {
    for (const end of ['cancelled', 'expired'] as const) {
      const next = settleOrder(state, waiting, { ...waiting, state: end, rawStatus: end }, 9);
      expect(next.orders[0]).toMatchObject({ state: end, refunded: 0.43, autoCancelAt: null });
      expect(next.spending).toEqual([{ at: 9, amount: -0.43 }]);
    }
    // The server's amount when it said one.
    expect(settleOrder(state, waiting, markCancelled(waiting, 0.4), 9).spending).toEqual([{ at: 9, amount: -0.4 }]);
  });

  it('credits nothing for an order that had its code, or was refunded already', () => {
    const received = { ...waiting, state: 'received' as const, messages: [{ code: '1', text: null, at: 1 }] };
    expect(settleOrder(state, received, { ...received, state: 'cancelled' }, 9).spending).toEqual([]);
    const refunded = { ...waiting, refunded: 0.43 };
    expect(settleOrder(state, refunded, { ...refunded, state: 'cancelled' }, 9).spending).toEqual([]);
  });
});

describe('announcing once', () => {
  const order = waitingOrder();

  it('counts a new code as unannounced, wherever it was seen, and the same code seen again as nothing new', () => {
    const fromList = applyListItem(order, { state: 'received', rawStatus: 'received', code: '4321', text: null }, 5).order;
    expect(fromList.unannounced).toBe(1);
    // The full read of the same order brings the text: the same SMS, not a new one.
    const full = applySms(
      fromList,
      {
        orderId: 'o1',
        state: 'received',
        rawStatus: 'received',
        number: null,
        messages: [{ code: '4321', text: 'Your code 4321', at: null }],
      },
      6,
    );
    expect(full.fresh).toEqual([]);
    expect(full.order).toMatchObject({ unannounced: 1, messages: [{ code: '4321', text: 'Your code 4321', at: 5 }] });
  });

  it('leaves a code that came while the last one was being announced still to announce', () => {
    const first = applyListItem(order, { state: 'received', rawStatus: 'received', code: '1111', text: null }, 5).order;
    const second = applyListItem(first, { state: 'received', rawStatus: 'received', code: '2222', text: null }, 6).order;
    expect(second.unannounced).toBe(2);
    expect(markAnnounced(second, first.messages[0]!).unannounced).toBe(1);
    expect(markAnnounced(second, second.messages[0]!).unannounced).toBe(0);
  });
});

describe('what is kept in storage', () => {
  const day = 24 * 60 * 60 * 1000;
  const now = 30 * day;
  const order = (id: string, over: Partial<Order>): Order => ({
    ...waitingOrder({ orderId: id, state: 'received', rawStatus: 'received', now: now - day / 2 }),
    ...over,
  });

  it('keeps waiting orders and codes still to announce, whatever their age', () => {
    const state = {
      ...EMPTY_STATE,
      orders: [order('w', { state: 'waiting', createdAt: 0 }), order('a', { unannounced: 1, createdAt: 0 })],
    };
    expect(pruneState(state, now)).toBe(state);
  });

  it('drops finished orders after 7 days, dismissed ones after a day, and keeps at most 50', () => {
    const state = {
      ...EMPTY_STATE,
      orders: [
        order('old', { createdAt: now - 8 * day }),
        order('week', { createdAt: now - 6 * day }),
        order('dismissed', { createdAt: now - 2 * day, dismissed: true }),
        order('dismissed-today', { createdAt: now - day / 2, dismissed: true }),
      ],
    };
    expect(pruneState(state, now).orders.map((o) => o.orderId)).toEqual(['week', 'dismissed-today']);
    const many = { ...EMPTY_STATE, orders: Array.from({ length: 80 }, (_, i) => order(`o${i}`, { createdAt: now - i * 1000 })) };
    const kept = pruneState(many, now).orders;
    expect(kept).toHaveLength(KEEP_FINISHED_COUNT);
    expect(kept.at(-1)!.orderId).toBe(`o${KEEP_FINISHED_COUNT - 1}`);
  });

  it("is applied on every save of the engine's state", async () => {
    fakeBrowser.reset();
    const stored = { ...EMPTY_STATE, orders: [order('old', { createdAt: now - 8 * day }), order('new', {})] };
    const item = ITEMS.state.in(fakeBrowser.storage);
    await item.setValue(stored);
    const store = new EngineStore(item, () => now);
    await store.update((s) => ({ ...s, balance: { amount: 1, currency: 'USD', at: now } }));
    expect((await item.getValue()).orders.map((o) => o.orderId)).toEqual(['new']);
  });

  it('drops spending older than two days (the daily cap needs today)', () => {
    const state = {
      ...EMPTY_STATE,
      spending: [
        { at: now - 3 * day, amount: 1 },
        { at: now - day, amount: 2 },
      ],
    };
    expect(pruneState(state, now).spending).toEqual([{ at: now - day, amount: 2 }]);
  });
});

describe('cancel refusals', () => {
  const refused = (serverMessage: string) =>
    new NumPoolError({ kind: 'bad-request', endpoint: 'POST /cancel/:order_id', status: 400, serverMessage });
  it('reads the server words into a reason', () => {
    expect(cancelRefusalReason(refused('Too early to cancel; try again in 90 s'))).toBe('too-early');
    expect(cancelRefusalReason(refused('Code already received; this order cannot be cancelled.'))).toBe('received');
    expect(cancelRefusalReason(refused('Order is already cancelled.'))).toBe('finished');
    expect(cancelRefusalReason(new NumPoolError({ kind: 'server', endpoint: 'x', status: 500 }))).toBe('other');
  });
});

describe('small rules', () => {
  it('shows a code on the badge only when it fits', () => {
    expect(badgeText('1234')).toBe('1234');
    expect(badgeText('123456')).toBe('SMS');
  });
  it('buys in the default country when in stock, else the cheapest', () => {
    const offers = [
      { id: 187, name: 'USA', price: 0.43, stock: 10, currency: 'USD' },
      { id: 6, name: 'Malaysia', price: 0.2, stock: 5, currency: 'USD' },
      { id: 1, name: 'Russia', price: 0.1, stock: 0, currency: 'USD' },
    ];
    expect(chooseOffer(offers, 187)?.id).toBe(187);
    expect(chooseOffer(offers, 1)?.id).toBe(6);
    expect(chooseOffer(offers, null)?.id).toBe(6);
    expect(chooseOffer([], null)).toBeNull();
  });
});
