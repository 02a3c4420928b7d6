import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './test-helpers.ts';
import type { BuyJson, SmsStatusJson } from './wire.ts';

/**
 * Real time, short delays: auto-delivery and expiry as a polling client sees
 * them. Deliveries are applied when due even if the machine is slow, so every
 * wait here only needs to outlast the delay (150 ms), never a race.
 */

const t = useSandbox({ deliverDelayMs: [50, 150] });

const buy = async (service = 'wa'): Promise<BuyJson> =>
  (await call<BuyJson>(t.sandbox, 'POST', '/buy', { body: { service, country: 187 } })).body;
const poll = async (orderId: string): Promise<SmsStatusJson> => (await call<SmsStatusJson>(t.sandbox, 'GET', `/sms/${orderId}`)).body;

describe('auto-delivery', () => {
  it('sends each order one SMS with a code after the configured delay', async () => {
    const order = await buy();
    await sleep(200);
    const status = await poll(order.order_id);
    expect(status).toMatchObject({ status: 'received', code: expect.stringMatching(/^\d{6}$/) });
    expect(status.full_sms).toBe(
      `Your WhatsApp code is ${status.code?.slice(0, 3)}-${status.code?.slice(3)}. Don't share this code with others.`,
    );
    expect(status.sms).toHaveLength(1);
  });

  it('varies the SMS per service', async () => {
    const order = await buy('go');
    await sleep(200);
    expect((await poll(order.order_id)).full_sms).toMatch(/^G-\d{6} is your Google verification code\.$/);
  });

  it('waits while held; the control API delivers now; a release reschedules', async () => {
    await t.control.hold(true);
    const manual = await buy();
    const released = await buy();
    await sleep(200);
    expect((await poll(manual.order_id)).status).toBe('waiting');

    const delivered = await t.control.deliver({ order_id: manual.order_id, code: '123456' });
    expect(delivered).toMatchObject({ order_id: manual.order_id, status: 'received', delivered: [{ code: '123456' }] });
    expect((await poll(manual.order_id)).code).toBe('123456');

    await t.control.hold(false);
    await sleep(200);
    expect((await poll(released.order_id)).status).toBe('received');
    expect((await poll(manual.order_id)).sms).toHaveLength(1);
  });

  it('holds a single order', async () => {
    // Held globally while the order hold is set, so no delivery can slip in between.
    await t.control.hold(true);
    const held = await buy();
    const other = await buy();
    await t.control.hold(true, { order_id: held.order_id });
    await t.control.hold(false);
    await sleep(200);
    expect((await poll(held.order_id)).status).toBe('waiting');
    expect((await poll(other.order_id)).status).toBe('received');
  });

  it('delivers several SMS to one order, newest first, each with its own code', async () => {
    await t.control.hold(true);
    const order = await buy();
    const { delivered } = await t.control.deliver({ order_id: order.order_id, count: 3 });
    expect(new Set(delivered.map((s) => s.code)).size).toBe(3);
    const status = await poll(order.order_id);
    expect(status.sms.map((s) => s.code)).toEqual(delivered.map((s) => s.code).reverse());
    expect(status.code).toBe(delivered[2]?.code);
  });

  it('keeps SMS without a code: received, with full_sms but no code', async () => {
    await t.control.hold(true);
    const order = await buy();
    await t.control.deliver({ order_id: order.order_id, text: 'Welcome to WhatsApp!' });
    const status = await poll(order.order_id);
    expect(status).toMatchObject({ status: 'received', full_sms: 'Welcome to WhatsApp!' });
    expect(status).not.toHaveProperty('code');
  });
});

describe('expiry', () => {
  it('expires an order with no SMS after orderLifetimeMs and refunds it', async () => {
    await t.control.setConfig({ autoDeliver: false, orderLifetimeMs: 150 });
    const order = await buy();
    await sleep(250);
    expect((await poll(order.order_id)).status).toBe('expired');
    const state = await t.control.state(t.sandbox.demoKey);
    expect(state.balance).toBe(50);
    expect(state.refunds).toEqual([{ order_id: order.order_id, amount: 0.43, reason: 'expired', at: expect.any(String) }]);
    expect(Date.parse(state.refunds[0]?.at ?? '') - Date.parse(state.orders[0]?.created_at ?? '')).toBe(150);
  });

  it('answers 409 to a delivery for an expired or cancelled order, 404 for an unknown one', async () => {
    await t.control.setConfig({ autoDeliver: false });
    const order = await buy();
    await call(t.sandbox, 'POST', `/cancel/${order.order_id}`);
    await expect(t.control.deliver({ order_id: order.order_id })).rejects.toMatchObject({ status: 409 });
    await expect(t.control.deliver({ order_id: 'nope' })).rejects.toMatchObject({ status: 404 });
  });
});
