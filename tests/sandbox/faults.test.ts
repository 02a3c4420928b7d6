import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './test-helpers.ts';
import type { ErrorJson, OrdersPageJson } from './wire.ts';

const t = useSandbox({ autoDeliver: false });

const buyRequest = (): Promise<Response> =>
  fetch(`${t.sandbox.baseUrl}/buy`, {
    method: 'POST',
    headers: { 'X-API-Key': t.sandbox.demoKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ service: 'wa', country: 187 }),
  });

const orderCount = async (): Promise<number> => (await call<OrdersPageJson>(t.sandbox, 'GET', '/orders')).body.total;

describe('faults', () => {
  it('"5xx" answers the status with "Provider error" and does nothing', async () => {
    await t.control.addFault({ kind: '5xx', path: '/buy', status: 502 });
    const answer = await call<ErrorJson>(t.sandbox, 'POST', '/buy', { body: { service: 'wa', country: 187 } });
    expect(answer).toMatchObject({ status: 502, body: { error: 'Provider error' } });
    expect((await t.control.state(t.sandbox.demoKey)).charges).toEqual([]);
    expect((await call(t.sandbox, 'POST', '/buy', { body: { service: 'wa', country: 187 } })).status).toBe(200);
  });

  it('"5xx" defaults to 503 and can hit several requests', async () => {
    await t.control.addFault({ kind: '5xx', count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(t.sandbox, 'GET', '/balance')).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('"429" answers with its Retry-After and does nothing', async () => {
    await t.control.addFault({ kind: '429', path: '/buy', retryAfterSeconds: 3 });
    const answer = await call<ErrorJson>(t.sandbox, 'POST', '/buy', { body: { service: 'wa', country: 187 } });
    expect(answer).toMatchObject({ status: 429, body: { error: 'Too many requests; retry in 3 s.' } });
    expect(answer.headers.get('Retry-After')).toBe('3');
    expect((await t.control.state(t.sandbox.demoKey)).charges).toEqual([]);
    expect((await call(t.sandbox, 'POST', '/buy', { body: { service: 'wa', country: 187 } })).status).toBe(200);
  });

  it('"slow" waits, then answers normally', async () => {
    await t.control.addFault({ kind: 'slow', delayMs: 300 });
    const started = performance.now();
    const answer = await call(t.sandbox, 'GET', '/balance');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(answer.status).toBe(200);
  });

  it('"drop" closes the connection before doing anything', async () => {
    await t.control.addFault({ kind: 'drop', path: '/buy' });
    await expect(buyRequest()).rejects.toThrow();
    expect(await orderCount()).toBe(0);
    expect((await t.control.state(t.sandbox.demoKey)).balance).toBe(50);
  });

  it('"drop-after-charge" charges and creates the order, then closes without an answer', async () => {
    await t.control.addFault({ kind: 'drop-after-charge', path: '/buy', method: 'post' });
    await expect(buyRequest()).rejects.toThrow();
    const state = await t.control.state(t.sandbox.demoKey);
    expect(state.charges).toHaveLength(1);
    expect(state.balance).toBe(49.57);
    expect(await orderCount()).toBe(1);
  });

  it('"malformed" does the operation and answers invalid JSON', async () => {
    await t.control.addFault({ kind: 'malformed', path: '/buy' });
    const response = await buyRequest();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('{"order_id":"')).toBe(true);
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
    expect(await orderCount()).toBe(1);
  });

  it('"wrong-shape" does the operation and answers valid JSON of another shape', async () => {
    await t.control.addFault({ kind: 'wrong-shape', path: '/buy' });
    await t.control.addFault({ kind: 'wrong-shape', path: '/balance', body: { balance: '12.40', currency: 'USD' } });
    expect((await call(t.sandbox, 'POST', '/buy', { body: { service: 'wa', country: 187 } })).body).toEqual({ hello: 'world' });
    expect((await call(t.sandbox, 'GET', '/balance')).body).toEqual({ balance: '12.40', currency: 'USD' });
    expect(await orderCount()).toBe(1);
  });

  it('matches path prefixes, "^" regular expressions and methods; takes the oldest match first', async () => {
    await t.control.addFault({ kind: '5xx', path: '^/sms/', status: 500 });
    await t.control.addFault({ kind: '5xx', path: '/rentals', method: 'POST', status: 501 });
    await t.control.addFault({ kind: '5xx', status: 502 });
    await t.control.addFault({ kind: '5xx', status: 503 });
    expect((await call(t.sandbox, 'GET', '/rentals/r1/sms')).status).toBe(502); // not "^/sms/"; GET, not POST
    expect((await call(t.sandbox, 'GET', '/sms/x')).status).toBe(500);
    expect((await call(t.sandbox, 'POST', '/rentals', { body: {} })).status).toBe(501);
    expect((await call(t.sandbox, 'GET', '/balance')).status).toBe(503);
    expect((await t.control.faults()).faults).toEqual([]);
  });

  it('are listed, cleared by DELETE, and refused when invalid', async () => {
    const { faults } = await t.control.addFault({ kind: 'slow' });
    expect(faults).toEqual([
      { kind: 'slow', count: 1, remaining: 1, status: 503, retryAfterSeconds: 2, delayMs: 5000, body: { hello: 'world' } },
    ]);
    await t.control.clearFaults();
    expect((await t.control.faults()).faults).toEqual([]);
    await expect(t.control.addFault({ kind: '5xx', status: 404 })).rejects.toMatchObject({ status: 400 });
    await expect(t.control.addFault({ kind: '5xx', path: '^(' })).rejects.toMatchObject({ status: 400 });
  });

  it('count toward the rate limit and show in the log', async () => {
    await t.control.setConfig({ rateLimitPerMinute: 3 });
    await t.control.addFault({ kind: '5xx', count: 2 });
    await t.control.addFault({ kind: 'drop' });
    await call(t.sandbox, 'GET', '/balance');
    await call(t.sandbox, 'GET', '/balance');
    await expect(fetch(`${t.sandbox.baseUrl}/balance`, { headers: { 'X-API-Key': t.sandbox.demoKey } })).rejects.toThrow();
    expect((await call(t.sandbox, 'GET', '/balance')).status).toBe(429);
    const { requests } = await t.control.log();
    expect(requests.map((r) => [r.status, r.fault])).toEqual([
      [503, '5xx'],
      [503, '5xx'],
      [null, 'drop'],
      [429, undefined],
    ]);
  });
});
