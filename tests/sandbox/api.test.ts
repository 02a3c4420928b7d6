import { describe, expect, it } from 'vitest';
import { SERVICES, findOffer } from './catalog.ts';
import { FakeClock, call, useSandbox } from './test-helpers.ts';
import type { BuyJson, CountryOfferJson, ErrorJson, OrderJson, OrdersPageJson, SmsStatusJson } from './wire.ts';

const clock = new FakeClock();
const t = useSandbox({ fakeClock: clock, autoDeliver: false });

const buyWa = () => call<BuyJson>(t.sandbox, 'POST', '/buy', { body: { service: 'wa', country: 187 } });

describe('authentication', () => {
  it('answers 401 without a key and with an unknown key', async () => {
    const missing = await call<ErrorJson>(t.sandbox, 'GET', '/balance', { key: null });
    const unknown = await call<ErrorJson>(t.sandbox, 'GET', '/balance', { key: 'np_live_nope' });
    expect([missing.status, unknown.status]).toEqual([401, 401]);
    expect(missing.body.error).toMatch(/X-API-Key/);
    expect(unknown.body).toEqual({ error: 'Invalid API key.' });
  });

  it('accepts keys created through the control API', async () => {
    const { key } = await t.control.createKey({ balance: 3 });
    expect(key).toMatch(/^np_test_[0-9a-f]{24}$/);
    expect((await call(t.sandbox, 'GET', '/balance', { key })).body).toEqual({ balance: 3, currency: 'USD' });
  });
});

describe('catalog endpoints', () => {
  it('lists the services', async () => {
    const { status, body } = await call<unknown[]>(t.sandbox, 'GET', '/services');
    expect(status).toBe(200);
    expect(body).toHaveLength(28);
    expect(body[0]).toEqual({ id: 'wa', name: 'WhatsApp', domain: 'whatsapp.com' });
  });

  it('lists every country without a service, and offers in stock with one', async () => {
    const all = await call<Array<{ id: number; name: string }>>(t.sandbox, 'GET', '/countries');
    // As the spec's example shows it, id 0 included.
    expect(all.body.slice(0, 3)).toEqual([
      { id: 0, name: 'Russia' },
      { id: 28, name: 'England' },
      { id: 187, name: 'USA' },
    ]);
    expect(all.body.length).toBeGreaterThanOrEqual(40);

    const wa = await call<CountryOfferJson[]>(t.sandbox, 'GET', '/countries?service=wa');
    expect(wa.body.find((c) => c.id === 187)).toEqual({
      id: 187,
      name: 'USA',
      flag: 'US',
      price: 0.43,
      stock: 338_400,
      currency: 'USD',
      operators: ['any', 'tmobile', 'verizon', 'att'],
    });
    expect(wa.body.length).toBeLessThan(all.body.length);
    expect(wa.body.every((c) => c.stock > 0)).toBe(true);
  });

  it('answers 400 for an unknown service', async () => {
    expect((await call(t.sandbox, 'GET', '/countries?service=zz')).status).toBe(400);
  });
});

describe('buying', () => {
  it('charges the wallet, takes one from stock and answers as the spec shows', async () => {
    const { status, body } = await buyWa();
    expect(status).toBe(200);
    expect(body).toEqual({
      order_id: expect.stringMatching(/^[0-9a-f]{24}$/),
      number: expect.stringMatching(/^\+1\d{10}$/),
      cost: 0.43,
      status: 'pending',
      poll_url: `${t.sandbox.baseUrl}/sms/${body.order_id}`,
    });
    expect((await call(t.sandbox, 'GET', '/balance')).body).toEqual({ balance: 49.57, currency: 'USD' });
    const offers = await call<CountryOfferJson[]>(t.sandbox, 'GET', '/countries?service=wa');
    expect(offers.body.find((o) => o.id === 187)?.stock).toBe(338_399);
    const state = await t.control.state(t.sandbox.demoKey);
    expect(state.charges).toEqual([{ kind: 'buy', id: body.order_id, amount: 0.43, at: expect.any(String) }]);
  });

  it('keeps money exact over many purchases', async () => {
    for (let i = 0; i < 10; i++) await call(t.sandbox, 'POST', '/buy', { body: { service: 'wa', country: 187, operator: 'att' } });
    expect((await call(t.sandbox, 'GET', '/balance')).body.balance).toBe(45.7);
  });

  it.each([
    ['no body', undefined, /Missing required parameter "service"/],
    ['no country', { service: 'wa' }, /Missing required parameter "country"/],
    ['a string country', { service: 'wa', country: '187' }, /"country": expected a number/],
    ['a fractional country', { service: 'wa', country: 187.5 }, /"country": expected an integer/],
    ['an unknown service', { service: 'zz', country: 187 }, /Unknown service "zz"/],
    ['an unknown country', { service: 'wa', country: 999 }, /Unknown country 999/],
    ['an unknown operator', { service: 'wa', country: 187, operator: 'vodafone' }, /Unknown operator "vodafone" for USA/],
    ['a JSON array', [], /must be a JSON object/],
  ])('answers 400 for %s', async (_, body, error) => {
    const answer = await call<ErrorJson>(t.sandbox, 'POST', '/buy', { body });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(error);
  });

  it('answers 400 for a country the service is not offered in, and for a sold-out one', async () => {
    const notOffered = SERVICES.flatMap((s) => [1, 2, 4, 5, 6, 9, 13, 16, 17].map((c) => [s.id, c] as const)).find(
      ([s, c]) => findOffer(s, c) === undefined,
    );
    const soldOut = SERVICES.flatMap((s) => [1, 2, 4, 5, 6, 9, 13, 16, 17].map((c) => [s.id, c] as const)).find(
      ([s, c]) => findOffer(s, c)?.initialStock === 0,
    );
    const a = await call<ErrorJson>(t.sandbox, 'POST', '/buy', { body: { service: notOffered?.[0], country: notOffered?.[1] } });
    const b = await call<ErrorJson>(t.sandbox, 'POST', '/buy', { body: { service: soldOut?.[0], country: soldOut?.[1] } });
    expect([a.status, b.status]).toEqual([400, 400]);
    expect(a.body.error).toMatch(/not offered/);
    expect(b.body.error).toMatch(/in stock/);
  });

  it('answers 402 with a top-up hint when the balance is short, and charges nothing', async () => {
    await t.control.setBalance(t.sandbox.demoKey, 0.42);
    const answer = await call<ErrorJson>(t.sandbox, 'POST', '/buy', { body: { service: 'wa', country: 187 } });
    expect(answer.status).toBe(402);
    expect(answer.body.error).toMatch(/top up at numpool\.com/i);
    expect((await t.control.state(t.sandbox.demoKey)).charges).toEqual([]);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const answer = await call<ErrorJson>(t.sandbox, 'POST', '/buy', { rawBody: '{"service": "wa",' });
    expect(answer).toMatchObject({ status: 400, body: { error: 'The request body is not valid JSON.' } });
  });
});

describe('polling', () => {
  it('answers waiting, then received with the code, newest SMS first in `sms`', async () => {
    const { body: order } = await buyWa();
    const waiting = await call<SmsStatusJson>(t.sandbox, 'GET', `/sms/${order.order_id}`);
    expect(waiting.body).toEqual({ order_id: order.order_id, status: 'waiting', number: order.number, sms: [] });

    await t.control.deliver({ order_id: order.order_id, code: '111111' });
    clock.advance(1000);
    await t.control.deliver({ order_id: order.order_id, text: 'Your WhatsApp code is 222-333' });
    const received = await call<SmsStatusJson>(t.sandbox, 'GET', `/sms/${order.order_id}`);
    expect(received.body).toMatchObject({
      order_id: order.order_id,
      status: 'received',
      code: '222333',
      full_sms: 'Your WhatsApp code is 222-333',
    });
    expect(received.body.sms.map((s) => s.code)).toEqual(['222333', '111111']);
    expect(Date.parse(received.body.sms[0]?.at ?? '')).toBe(clock.now());
  });

  it("answers 404 for an unknown order and for another key's order", async () => {
    const { body: order } = await buyWa();
    const { key } = await t.control.createKey();
    expect((await call(t.sandbox, 'GET', '/sms/abc123')).status).toBe(404);
    expect((await call(t.sandbox, 'GET', `/sms/${order.order_id}`, { key })).status).toBe(404);
    expect((await call(t.sandbox, 'POST', `/cancel/${order.order_id}`, { key })).status).toBe(404);
  });
});

describe('cancelling', () => {
  it('refunds a waiting order once', async () => {
    const { body: order } = await buyWa();
    const cancelled = await call(t.sandbox, 'POST', `/cancel/${order.order_id}`);
    expect(cancelled).toMatchObject({ status: 200, body: { ok: true, order_id: order.order_id, refunded: 0.43 } });
    expect((await call(t.sandbox, 'GET', '/balance')).body.balance).toBe(50);
    expect((await call(t.sandbox, 'GET', `/sms/${order.order_id}`)).body.status).toBe('cancelled');

    const again = await call<ErrorJson>(t.sandbox, 'POST', `/cancel/${order.order_id}`);
    expect(again.status).toBe(400);
    expect(again.body.error).toMatch(/already cancelled/);
    const state = await t.control.state(t.sandbox.demoKey);
    expect(state.refunds).toEqual([{ order_id: order.order_id, amount: 0.43, reason: 'cancel', at: expect.any(String) }]);
    expect(state.balance).toBe(50);
  });

  it('refuses once the code arrived', async () => {
    const { body: order } = await buyWa();
    await t.control.deliver({ order_id: order.order_id });
    const answer = await call<ErrorJson>(t.sandbox, 'POST', `/cancel/${order.order_id}`);
    expect(answer).toEqual({
      status: 400,
      body: { error: 'Code already received; this order cannot be cancelled.' },
      headers: expect.anything(),
    });
    expect((await call(t.sandbox, 'GET', '/balance')).body.balance).toBe(49.57);
  });

  it('refuses too early while cancelLockMs runs', async () => {
    await t.control.setConfig({ cancelLockMs: 120_000 });
    const { body: order } = await buyWa();
    clock.advance(100_000);
    const early = await call<ErrorJson>(t.sandbox, 'POST', `/cancel/${order.order_id}`);
    expect(early).toMatchObject({ status: 400, body: { error: 'Too early to cancel; try again in 20 s.' } });
    clock.advance(20_000);
    expect((await call(t.sandbox, 'POST', `/cancel/${order.order_id}`)).status).toBe(200);
  });

  it('refuses after expiry, which refunded already', async () => {
    await t.control.setConfig({ orderLifetimeMs: 60_000 });
    const { body: order } = await buyWa();
    clock.advance(60_000);
    expect((await call(t.sandbox, 'GET', `/sms/${order.order_id}`)).body.status).toBe('expired');
    const answer = await call<ErrorJson>(t.sandbox, 'POST', `/cancel/${order.order_id}`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/expired/);
    expect((await t.control.state(t.sandbox.demoKey)).refunds).toHaveLength(1);
  });
});

describe('order history', () => {
  it('pages newest first with total, limit and offset', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      ids.push((await buyWa()).body.order_id);
      clock.advance(1000);
    }
    const first = await call<OrdersPageJson>(t.sandbox, 'GET', '/orders');
    expect(first.body).toMatchObject({ total: 25, limit: 20, offset: 0 });
    expect(first.body.orders.map((o) => o.order_id)).toEqual(ids.slice().reverse().slice(0, 20));
    expect(first.body.orders[0]).toEqual({
      order_id: ids[24],
      service: 'wa',
      country: 187,
      number: expect.any(String),
      cost: 0.43,
      status: 'waiting',
      created_at: expect.any(String),
    });
    const second = await call<OrdersPageJson>(t.sandbox, 'GET', '/orders?limit=10&offset=20');
    expect(second.body.orders.map((o) => o.order_id)).toEqual(ids.slice(0, 5).reverse());
  });

  it('shows code and full_sms of received orders', async () => {
    const { body: order } = await buyWa();
    await t.control.deliver({ order_id: order.order_id, code: '424242' });
    const { body } = await call<OrdersPageJson>(t.sandbox, 'GET', '/orders');
    expect(body.orders[0]).toMatchObject({ status: 'received', code: '424242', full_sms: expect.stringContaining('424-242') });
  });

  it.each(['limit=0', 'limit=101', 'limit=abc', 'offset=-1', 'limit=2.5'])('answers 400 for %s', async (query) => {
    expect((await call(t.sandbox, 'GET', `/orders?${query}`)).status).toBe(400);
  });

  it('answers a bare array when listShape is "array"', async () => {
    await t.control.setConfig({ listShape: 'array' });
    await buyWa();
    const { body } = await call<OrderJson[]>(t.sandbox, 'GET', '/orders');
    expect(Array.isArray(body)).toBe(true);
    expect(body).toHaveLength(1);
  });
});

describe('HTTP', () => {
  it('answers 404 for unknown paths and 405 (with Allow) for a wrong method', async () => {
    const unknown = await call<ErrorJson>(t.sandbox, 'GET', '/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/No such endpoint/);
    const wrong = await call<ErrorJson>(t.sandbox, 'GET', '/buy');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST, OPTIONS');
    expect((await fetch(`${t.sandbox.origin}/elsewhere`)).status).toBe(404);
  });

  it('allows cross-origin calls with the key header, preflight included', async () => {
    const preflight = await fetch(`${t.sandbox.baseUrl}/buy`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://example.com',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-api-key, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('X-API-Key, Content-Type');
    const controlPreflight = await fetch(`${t.sandbox.controlUrl}/reset`, { method: 'OPTIONS' });
    expect(controlPreflight.headers.get('access-control-allow-methods')).toContain('POST');
    const answer = await call(t.sandbox, 'GET', '/balance');
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });
});
