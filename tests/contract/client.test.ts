import { describe, expect, it } from 'vitest';
import { useSandbox } from '../sandbox/test-helpers';
import { createNumPoolClient, type NumPoolClient } from '../../lib/numpool/client';
import { NumPoolError } from '../../lib/numpool/errors';

/** The client against the running sandbox over real HTTP: every endpoint, every error row, every fault. */
const env = useSandbox({ autoDeliver: false });

function client(overrides: { apiKey?: string; timeoutMs?: number } = {}): NumPoolClient {
  return createNumPoolClient({
    baseUrl: env.sandbox.baseUrl,
    apiKey: overrides.apiKey ?? env.sandbox.demoKey,
    timeoutMs: overrides.timeoutMs,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
  });
}

async function failure(promise: Promise<unknown>): Promise<NumPoolError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof NumPoolError)) throw new Error(`expected a NumPoolError, got ${String(error)}`);
  return error;
}

describe('every endpoint', () => {
  it('balance, services, countries of a service (id 0 included)', async () => {
    const c = client();
    expect(await c.balance()).toEqual({ balance: 50, currency: 'USD' });
    const services = await c.services();
    expect(services).toHaveLength(28);
    expect(services.find((s) => s.id === 'wa')).toMatchObject({ name: 'WhatsApp', domain: 'whatsapp.com' });
    const offers = await c.countriesFor('wa');
    expect(offers.find((x) => x.id === 187)).toMatchObject({ price: 0.43, stock: 338400, currency: 'USD', flag: 'US' });
    expect(offers.find((x) => x.id === 0)).toMatchObject({ name: 'Russia', flag: 'RU' });
  });

  it('buy (with and without operator), sms, cancel, orders with paging', async () => {
    const c = client();
    const order = await c.buy({ service: 'wa', country: 187 });
    expect(order).toMatchObject({ state: 'waiting', rawStatus: 'pending', cost: 0.43 });
    expect(order.number).toMatch(/^\+1\d{10}$/);
    expect(await c.sms(order.orderId)).toMatchObject({ state: 'waiting', rawStatus: 'waiting', messages: [] });
    await env.control.deliver({ order_id: order.orderId, code: '123456' });
    expect((await c.sms(order.orderId)).messages[0]).toMatchObject({ code: '123456' });

    const operator = (await c.countriesFor('tg')).find((x) => x.id === 187)?.operators?.find((o) => o !== 'any');
    const second = await c.buy({ service: 'tg', country: 187, operator });
    const cancelled = await c.cancel(second.orderId);
    expect(cancelled).toEqual({ orderId: second.orderId, refunded: expect.any(Number) });
    expect((await c.sms(second.orderId)).state).toBe('cancelled');

    for (let i = 0; i < 3; i++) await c.buy({ service: 'ds', country: 187 });
    const first = await c.orders({ limit: 2, offset: 0 });
    const next = await c.orders({ limit: 2, offset: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(5);
    expect(next.items.map((o) => o.orderId)).not.toContain(first.items[0]!.orderId);
    expect(first.items[0]).toMatchObject({ service: 'ds', state: 'waiting' });
  });

  it('rental services, prices, create, list, inbox', async () => {
    const c = client();
    const services = await c.rentalServices();
    expect(services.map((s) => s.service)).toContain('discord');
    const prices = await c.rentalPrices('discord');
    expect(prices.durations.map((d) => d.duration)).toEqual(['oneDay', 'threeDay', 'sevenDay', 'fourteenDay', 'thirtyDay']);
    expect(prices.durations.find((d) => d.duration === 'sevenDay')?.price).toBe(4.5);
    const rental = await c.createRental({ service: 'discord', duration: 'sevenDay' });
    expect(rental).toMatchObject({ days: 7, cost: 4.5 });
    expect((await c.rentals()).map((r) => r.rentalId)).toContain(rental.rentalId);
    await env.control.deliver({ rental_id: rental.rentalId, code: '246810' });
    const inbox = await c.rentalInbox(rental.rentalId);
    expect(inbox.messages[0]).toMatchObject({ code: '246810' });
    expect((await c.balance()).balance).toBe(45.5);
  });

  it('reads the order and rental lists as a bare array too', async () => {
    await env.control.setConfig({ listShape: 'array' });
    const c = client();
    await c.buy({ service: 'wa', country: 187 });
    expect((await c.orders()).items).toHaveLength(1);
    expect(await c.rentals()).toEqual([]);
  });
});

describe('every error row of the spec', () => {
  it('400: missing or invalid parameters', async () => {
    const e = await failure(client().buy({ service: 'nope', country: 187 }));
    expect(e).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(e.serverMessage).toBeTruthy();
  });

  it('401: invalid key, with no trace of the key in the error', async () => {
    const e = await failure(client({ apiKey: 'np_live_wrong_key_999' }).balance());
    expect(e).toMatchObject({ kind: 'unauthorized', status: 401 });
    expect(JSON.stringify(e.toJSON()) + e.message + String(e.stack)).not.toContain('np_live_wrong_key_999');
  });

  it('402: insufficient balance, and nothing is bought', async () => {
    await env.control.setBalance(env.sandbox.demoKey, 0.1);
    const e = await failure(client().buy({ service: 'wa', country: 187 }));
    expect(e).toMatchObject({ kind: 'insufficient-funds', status: 402 });
    expect((await env.control.state(env.sandbox.demoKey)).orders).toHaveLength(0);
  });

  it('404: unknown order or rental', async () => {
    expect(await failure(client().sms('doesnotexist'))).toMatchObject({ kind: 'not-found', status: 404 });
    expect(await failure(client().rentalInbox('doesnotexist'))).toMatchObject({ kind: 'not-found', status: 404 });
  });

  it('429: too many requests, with Retry-After, not retried', async () => {
    await env.control.setConfig({ rateLimitPerMinute: 3 });
    const c = client();
    for (let i = 0; i < 3; i++) await c.balance();
    await env.control.clearLog();
    const e = await failure(c.balance());
    expect(e).toMatchObject({ kind: 'rate-limited', status: 429 });
    expect(e.retryAfterMs).toBeGreaterThan(0);
    expect((await env.control.log()).requests).toHaveLength(1);
  });

  it('5xx: reads are retried and succeed; a purchase is not', async () => {
    await env.control.addFault({ kind: '5xx', path: '/balance', count: 2 });
    await env.control.clearLog();
    expect((await client().balance()).balance).toBe(50);
    expect((await env.control.log()).requests.filter((r) => r.path === '/balance')).toHaveLength(3);

    await env.control.addFault({ kind: '5xx', path: '/buy', status: 502 });
    const e = await failure(client().buy({ service: 'wa', country: 187 }));
    expect(e).toMatchObject({ kind: 'server', status: 502 });
    expect((await env.control.log()).requests.filter((r) => r.path === '/buy')).toHaveLength(1);
  });
});

describe('every injected fault', () => {
  it('slow: a timeout, then a retry that succeeds', async () => {
    await env.control.addFault({ kind: 'slow', path: '/services', delayMs: 1_000 });
    expect(await client({ timeoutMs: 300 }).services()).toHaveLength(28);
  });

  it('drop after charge: the buy fails as uncertain, and the order exists', async () => {
    await env.control.addFault({ kind: 'drop-after-charge', path: '/buy' });
    const e = await failure(client().buy({ service: 'wa', country: 187 }));
    expect(e.kind).toBe('network');
    expect(e.outcomeUnknown).toBe(true);
    expect((await client().orders()).items).toHaveLength(1);
  });

  it('drop: a read is retried', async () => {
    await env.control.addFault({ kind: 'drop', path: '/balance' });
    expect((await client().balance()).balance).toBe(50);
  });

  it('malformed JSON and a wrong shape become invalid-response errors', async () => {
    await env.control.addFault({ kind: 'malformed', path: '/balance' });
    expect(await failure(client().balance())).toMatchObject({ kind: 'invalid-response' });
    await env.control.addFault({ kind: 'wrong-shape', path: '/services' });
    const e = await failure(client().services());
    expect(e.kind).toBe('invalid-response');
    expect(e.message).toMatch(/invalid-response/);
  });

  it('network down: a clear network error', async () => {
    const c = createNumPoolClient({
      baseUrl: 'http://127.0.0.1:9/api/v1',
      apiKey: 'k',
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
    });
    expect(await failure(c.balance())).toMatchObject({ kind: 'network' });
  });
});
