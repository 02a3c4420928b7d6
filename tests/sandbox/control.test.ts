import { describe, expect, it } from 'vitest';
import { SandboxControl, SandboxControlError } from './control-client.ts';
import { call, useSandbox } from './test-helpers.ts';
import type { BuyJson } from './wire.ts';

const t = useSandbox({ autoDeliver: false, demoBalance: 10 });

describe('control API', () => {
  it('creates keys, given or random, and refuses a duplicate', async () => {
    expect(await t.control.createKey({ key: 'np_test_alice', balance: 2.5 })).toEqual({ key: 'np_test_alice', balance: 2.5 });
    expect((await t.control.createKey()).balance).toBe(0);
    await expect(t.control.createKey({ key: 'np_test_alice' })).rejects.toMatchObject({ status: 409 });
  });

  it('sets balances, rounding to cents, and answers 404 for an unknown key', async () => {
    expect(await t.control.setBalance(t.sandbox.demoKey, 1.234)).toEqual({ key: t.sandbox.demoKey, balance: 1.23 });
    expect((await call(t.sandbox, 'GET', '/balance')).body.balance).toBe(1.23);
    await expect(t.control.setBalance('np_nobody', 1)).rejects.toMatchObject({ status: 404 });
  });

  it('shows the whole state of a key', async () => {
    const { body: order } = await call<BuyJson>(t.sandbox, 'POST', '/buy', { body: { service: 'tg', country: 187, operator: 'verizon' } });
    const state = await t.control.state(t.sandbox.demoKey);
    expect(state).toMatchObject({ key_hint: 'np_test_', rentals: [], refunds: [] });
    expect(state.orders).toEqual([
      {
        order_id: order.order_id,
        service: 'tg',
        country: 187,
        number: order.number,
        cost: order.cost,
        status: 'waiting',
        created_at: expect.any(String),
        operator: 'verizon',
        expires_at: expect.any(String),
        auto_deliver_at: expect.any(String),
        sms: [],
      },
    ]);
    await expect(t.control.state('np_nobody')).rejects.toMatchObject({ status: 404 });
  });

  it('resets to the start: demo key and balance, no orders, the start configuration', async () => {
    await call(t.sandbox, 'POST', '/buy', { body: { service: 'wa', country: 187 } });
    const { key } = await t.control.createKey();
    await t.control.setConfig({ rateLimitPerMinute: 1, autoDeliver: true });
    await t.control.hold(true);
    await t.control.addFault({ kind: 'drop' });
    await t.control.reset();

    expect((await t.control.log()).requests).toEqual([]);
    expect(await t.control.state(t.sandbox.demoKey)).toMatchObject({ balance: 10, orders: [], charges: [] });
    expect((await call(t.sandbox, 'GET', '/balance', { key })).status).toBe(401);
    expect(await t.control.config()).toMatchObject({ rateLimitPerMinute: 60, autoDeliver: false, deliverDelayMs: [2000, 5000] });
    expect(await t.control.faults()).toEqual({ faults: [] });
    expect((await t.control.hold(false)).holds).toEqual({ global: false, keys: [], orders: [] });
  });

  it('validates configuration changes', async () => {
    await expect(t.control.setConfig({ deliverDelayMs: [500, 100] })).rejects.toMatchObject({ status: 400 });
    await expect(t.control.setConfig({ rateLimitPerMinute: 0 })).rejects.toMatchObject({ status: 400 });
    await expect(t.control.setConfig({ unknown: true } as never)).rejects.toMatchObject({ status: 400 });
    expect(await t.control.setConfig({ deliverDelayMs: [10, 20] })).toMatchObject({ deliverDelayMs: [10, 20] });
  });

  it('holds per key, reporting key hints only', async () => {
    const { key } = await t.control.createKey({ key: 'np_test_holder_secret' });
    expect((await t.control.hold(true, { key })).holds).toEqual({ global: false, keys: ['np_test_'], orders: [] });
    await expect(t.control.hold(true, { key: 'np_nobody' })).rejects.toMatchObject({ status: 404 });
    await expect(t.control.hold(true, { key, order_id: 'x' })).rejects.toThrow(/Invalid request: give at most one of order_id and key\./);
  });

  it('logs API requests with a key hint, never the key, filtered by key', async () => {
    const { key } = await t.control.createKey({ key: 'np_test_secret_value' });
    await call(t.sandbox, 'GET', '/balance', { key });
    await call(t.sandbox, 'GET', '/services?x=1');
    await call(t.sandbox, 'GET', '/balance', { key: null });
    const all = await t.control.log();
    expect(all.requests.map((r) => [r.path, r.status, r.key_hint])).toEqual([
      ['/balance', 200, 'np_test_'],
      ['/services', 200, 'np_test_'],
      ['/balance', 401, null],
    ]);
    expect(JSON.stringify(all)).not.toContain('secret');
    expect((await t.control.log(key)).requests).toHaveLength(1);
    await t.control.clearLog();
    expect((await t.control.log()).requests).toEqual([]);
  });

  it('refuses unknown fields, a delivery without a target, and unknown endpoints', async () => {
    await expect(t.control.createKey({ balance: 1, extra: 1 } as never)).rejects.toMatchObject({ status: 400 });
    await expect(t.control.deliver({} as never)).rejects.toMatchObject({ status: 400 });
    const response = await fetch(`${t.sandbox.controlUrl}/nope`, { method: 'POST' });
    expect(response.status).toBe(404);
  });

  it('throws a SandboxControlError with the status and the error sentence', async () => {
    const error = await new SandboxControl(t.sandbox.controlUrl).state('np_nobody').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SandboxControlError);
    expect(String(error)).toMatch(/GET \/state\?key=np_nobody answered 404: No such key/);
  });
});
