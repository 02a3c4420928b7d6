import { describe, expect, it } from 'vitest';
import { FakeClock, call, useSandbox } from './test-helpers.ts';
import type { ErrorJson, RentalCreatedJson, RentalInboxJson, RentalJson, RentalPricesJson } from './wire.ts';

const clock = new FakeClock();
const t = useSandbox({ fakeClock: clock });

const rent = (service = 'discord', duration = 'sevenDay', key?: string) =>
  call<RentalCreatedJson>(t.sandbox, 'POST', '/rentals', { body: { service, duration }, ...(key ? { key } : {}) });

describe('rental catalog', () => {
  it('lists rental services as lowercase slugs', async () => {
    const { body } = await call<Array<{ service: string; name: string }>>(t.sandbox, 'GET', '/rentals/services');
    expect(body).toContainEqual({ service: 'discord', name: 'Discord' });
    expect(body.length).toBeGreaterThanOrEqual(8);
    expect(body.every((s) => /^[a-z]+$/.test(s.service))).toBe(true);
  });

  it("prices discord like the spec's example", async () => {
    const { body } = await call<RentalPricesJson>(t.sandbox, 'GET', '/rentals/prices?service=discord');
    expect(body).toEqual({
      service: 'discord',
      durations: [
        { duration: 'oneDay', days: 1, price: 1.2 },
        { duration: 'threeDay', days: 3, price: 2.4 },
        { duration: 'sevenDay', days: 7, price: 4.5 },
        { duration: 'fourteenDay', days: 14, price: 8 },
        { duration: 'thirtyDay', days: 30, price: 15 },
      ],
    });
  });

  it('answers 400 for a missing or unknown service', async () => {
    expect((await call(t.sandbox, 'GET', '/rentals/prices')).status).toBe(400);
    expect((await call(t.sandbox, 'GET', '/rentals/prices?service=myspace')).status).toBe(400);
  });
});

describe('renting', () => {
  it('charges once, answers as the spec shows, and lists the rental', async () => {
    const { status, body } = await rent();
    expect(status).toBe(200);
    expect(body).toEqual({
      rental_id: expect.stringMatching(/^r[0-9a-f]{24}$/),
      number: expect.stringMatching(/^\+1\d{10}$/),
      days: 7,
      cost: 4.5,
      ends_at: new Date(clock.now() + 7 * 86_400_000).toISOString(),
      inbox_url: `${t.sandbox.baseUrl}/rentals/${body.rental_id}/sms`,
    });
    const state = await t.control.state(t.sandbox.demoKey);
    expect(state.balance).toBe(45.5);
    expect(state.charges).toEqual([{ kind: 'rental', id: body.rental_id, amount: 4.5, at: expect.any(String) }]);

    const list = await call<{ rentals: RentalJson[] }>(t.sandbox, 'GET', '/rentals');
    expect(list.body.rentals).toEqual([
      {
        rental_id: body.rental_id,
        service: 'discord',
        number: body.number,
        days: 7,
        cost: 4.5,
        created_at: new Date(clock.now()).toISOString(),
        ends_at: body.ends_at,
        status: 'active',
      },
    ]);
  });

  it.each([
    [{ service: 'discord' }, /Missing required parameter "duration"/],
    [{ service: 'myspace', duration: 'oneDay' }, /Unknown rental service/],
    [{ service: 'discord', duration: 'oneWeek' }, /Unknown duration "oneWeek"/],
  ])('answers 400 for %j', async (body, error) => {
    const answer = await call<ErrorJson>(t.sandbox, 'POST', '/rentals', { body });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(error);
  });

  it('answers 402 when the balance is short', async () => {
    await t.control.setBalance(t.sandbox.demoKey, 4.49);
    const answer = await rent();
    expect(answer.status).toBe(402);
    expect((await t.control.state(t.sandbox.demoKey)).balance).toBe(4.49);
  });

  it('is not refundable: no cancel, the money stays spent when it ends', async () => {
    const { body } = await rent('discord', 'oneDay');
    expect((await call(t.sandbox, 'POST', `/cancel/${body.rental_id}`)).status).toBe(404);
    clock.advance(86_400_000);
    const list = await call<{ rentals: RentalJson[] }>(t.sandbox, 'GET', '/rentals');
    expect(list.body.rentals[0]?.status).toBe('ended');
    const state = await t.control.state(t.sandbox.demoKey);
    expect(state.refunds).toEqual([]);
    expect(state.balance).toBe(48.8);
  });
});

describe('rental inbox', () => {
  it('gets nothing by itself, and what the control API sends, newest first', async () => {
    const { body: rental } = await rent();
    clock.advance(60 * 60_000);
    const empty = await call<RentalInboxJson>(t.sandbox, 'GET', `/rentals/${rental.rental_id}/sms`);
    expect(empty.body).toEqual({ rental_id: rental.rental_id, messages: [] });

    await t.control.deliver({ rental_id: rental.rental_id, code: '123456' });
    clock.advance(1000);
    await t.control.deliver({ rental_id: rental.rental_id, from: 'Bank', text: 'Your balance is low.' });
    const { body } = await call<RentalInboxJson>(t.sandbox, 'GET', `/rentals/${rental.rental_id}/sms`);
    expect(body.messages).toEqual([
      { from: 'Bank', body: 'Your balance is low.', at: new Date(clock.now()).toISOString() },
      { from: 'Discord', body: 'Your Discord security code is: 123456', code: '123456', at: new Date(clock.now() - 1000).toISOString() },
    ]);
  });

  it("answers 404 for an unknown rental and another key's rental", async () => {
    const { body: rental } = await rent();
    const { key } = await t.control.createKey();
    expect((await call(t.sandbox, 'GET', '/rentals/r1/sms')).status).toBe(404);
    expect((await call(t.sandbox, 'GET', `/rentals/${rental.rental_id}/sms`, { key })).status).toBe(404);
  });

  it('refuses deliveries after the rental ended', async () => {
    const { body: rental } = await rent('discord', 'oneDay');
    clock.advance(86_400_000);
    await expect(t.control.deliver({ rental_id: rental.rental_id })).rejects.toMatchObject({ status: 409 });
  });
});
