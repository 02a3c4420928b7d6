import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { call, useSandbox } from './test-helpers.ts';
import type { BuyJson } from './wire.ts';

/**
 * The spec's own examples, run against the sandbox as a reader of the spec
 * would run them: only the base URL, the key and the example ids
 * ("a1b2c3", "r1") are replaced.
 */

const run = promisify(execFile);
const SPEC_BASE = 'https://numpool.com/api/v1';
const SPEC_KEYS = ['np_live_your_key_here', 'np_live_...'];

describe("the spec's JavaScript loop", () => {
  // Delivered well before the loop's first poll at 4 s, so one poll gets the code.
  const t = useSandbox({ deliverDelayMs: [50, 150] });

  it('buys, polls and prints the OTP', async () => {
    const { stdout } = await run(process.execPath, [fileURLToPath(new URL('./spec-loop.mjs', import.meta.url))], {
      env: { ...process.env, NUMPOOL_BASE_URL: t.sandbox.baseUrl, NUMPOOL_API_KEY: t.sandbox.demoKey },
      timeout: 15_000,
    });
    const state = await t.control.state(t.sandbox.demoKey);
    expect(state.orders).toHaveLength(1);
    expect(stdout).toBe(`OTP: ${state.orders[0]?.code}\n`);
    expect(stdout).toMatch(/^OTP: \d{6}\n$/);
    expect(state.charges).toHaveLength(1);
    const { requests } = await t.control.log(t.sandbox.demoKey);
    expect(requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{24}$/, ':id')} ${r.status}`)).toEqual([
      'POST /buy 200',
      'GET /sms/:id 200',
    ]);
  });
});

/** The spec's curl examples, in the spec's order, copied verbatim. */
const SPEC_CURL = {
  auth: String.raw`curl https://numpool.com/api/v1/balance \
  -H "X-API-Key: np_live_your_key_here"`,
  countries: String.raw`curl https://numpool.com/api/v1/countries \
  -H "X-API-Key: np_live_..."`,
  services: String.raw`curl https://numpool.com/api/v1/services \
  -H "X-API-Key: np_live_..."`,
  countriesForService: String.raw`curl "https://numpool.com/api/v1/countries?service=wa" \
  -H "X-API-Key: np_live_..."`,
  buy: String.raw`curl -X POST https://numpool.com/api/v1/buy \
  -H "X-API-Key: np_live_..." \
  -H "Content-Type: application/json" \
  -d '{ "service": "wa", "country": 187 }'`,
  sms: String.raw`curl https://numpool.com/api/v1/sms/a1b2c3 \
  -H "X-API-Key: np_live_..."`,
  cancel: String.raw`curl -X POST https://numpool.com/api/v1/cancel/a1b2c3 \
  -H "X-API-Key: np_live_..."`,
  orders: String.raw`curl "https://numpool.com/api/v1/orders?limit=20" \
  -H "X-API-Key: np_live_..."`,
  rentalServices: String.raw`curl https://numpool.com/api/v1/rentals/services \
  -H "X-API-Key: np_live_..."`,
  rentalPrices: String.raw`curl "https://numpool.com/api/v1/rentals/prices?service=discord" \
  -H "X-API-Key: np_live_..."`,
  rent: String.raw`curl -X POST https://numpool.com/api/v1/rentals \
  -H "X-API-Key: np_live_..." \
  -H "Content-Type: application/json" \
  -d '{ "service": "discord", "duration": "sevenDay" }'`,
  rentals: String.raw`curl https://numpool.com/api/v1/rentals \
  -H "X-API-Key: np_live_..."`,
  inbox: String.raw`curl https://numpool.com/api/v1/rentals/r1/sms \
  -H "X-API-Key: np_live_..."`,
  balance: String.raw`curl https://numpool.com/api/v1/balance \
  -H "X-API-Key: np_live_..."`,
};

describe("the spec's curl examples", () => {
  const t = useSandbox({ autoDeliver: false });

  /**
   * Runs one example through sh and the real curl. Added flags only: -sS (no
   * progress bar), a status line, and --noproxy so a proxy in the environment
   * cannot intercept requests to the loopback sandbox.
   */
  async function curl(command: string, ids: { a1b2c3?: string; r1?: string } = {}): Promise<unknown> {
    let adapted = command.replaceAll(SPEC_BASE, t.sandbox.baseUrl);
    for (const key of SPEC_KEYS) adapted = adapted.replaceAll(key, t.sandbox.demoKey);
    if (ids.a1b2c3) adapted = adapted.replaceAll('/a1b2c3', `/${ids.a1b2c3}`);
    if (ids.r1) adapted = adapted.replaceAll('/r1/', `/${ids.r1}/`);
    const { stdout } = await run('sh', ['-c', `${adapted} -sS --noproxy '*' -w '\\n%{http_code}'`]).catch((error: unknown) => {
      throw new Error(`curl failed (is curl installed?): ${String(error)}`);
    });
    const lines = stdout.split('\n');
    const status = Number(lines.pop());
    expect(status, `${adapted}\n${stdout}`).toBeGreaterThanOrEqual(200);
    expect(status, `${adapted}\n${stdout}`).toBeLessThan(300);
    return JSON.parse(lines.join('\n')) as unknown;
  }

  it('all answer 2xx with the fields the spec shows', async () => {
    expect(await curl(SPEC_CURL.auth)).toEqual({ balance: 50, currency: 'USD' });
    expect(await curl(SPEC_CURL.countries)).toContainEqual({ id: 187, name: 'USA' });
    expect(await curl(SPEC_CURL.services)).toContainEqual({ id: 'wa', name: 'WhatsApp', domain: 'whatsapp.com' });
    expect(await curl(SPEC_CURL.countriesForService)).toContainEqual(
      expect.objectContaining({ id: 187, name: 'USA', flag: 'US', price: 0.43, stock: 338_400, currency: 'USD' }),
    );

    const order = (await curl(SPEC_CURL.buy)) as BuyJson;
    expect(order).toEqual({
      order_id: expect.any(String),
      number: expect.stringMatching(/^\+1\d{10}$/),
      cost: 0.43,
      status: 'pending',
      poll_url: `${t.sandbox.baseUrl}/sms/${order.order_id}`,
    });
    await t.control.deliver({ order_id: order.order_id, text: 'Your code is 123456' });
    expect(await curl(SPEC_CURL.sms, { a1b2c3: order.order_id })).toMatchObject({
      order_id: order.order_id,
      status: 'received',
      code: '123456',
      full_sms: 'Your code is 123456',
      number: order.number,
    });

    const { body: toCancel } = await call<BuyJson>(t.sandbox, 'POST', '/buy', { body: { service: 'wa', country: 187 } });
    expect(await curl(SPEC_CURL.cancel, { a1b2c3: toCancel.order_id })).toEqual({ ok: true, order_id: toCancel.order_id, refunded: 0.43 });
    expect(await curl(SPEC_CURL.orders)).toMatchObject({ orders: [{ order_id: toCancel.order_id }, { order_id: order.order_id }] });

    expect(await curl(SPEC_CURL.rentalServices)).toContainEqual({ service: 'discord', name: 'Discord' });
    expect(await curl(SPEC_CURL.rentalPrices)).toMatchObject({
      service: 'discord',
      durations: expect.arrayContaining([
        { duration: 'oneDay', days: 1, price: 1.2 },
        { duration: 'sevenDay', days: 7, price: 4.5 },
      ]),
    });
    const rental = (await curl(SPEC_CURL.rent)) as { rental_id: string };
    expect(rental).toEqual({
      rental_id: expect.stringMatching(/^r/),
      number: expect.stringMatching(/^\+1\d{10}$/),
      days: 7,
      cost: 4.5,
      ends_at: expect.any(String),
      inbox_url: `${t.sandbox.baseUrl}/rentals/${rental.rental_id}/sms`,
    });
    expect(await curl(SPEC_CURL.rentals)).toMatchObject({ rentals: [{ rental_id: rental.rental_id, status: 'active' }] });
    await t.control.deliver({ rental_id: rental.rental_id, text: 'Your code is 123456' });
    expect(await curl(SPEC_CURL.inbox, { r1: rental.rental_id })).toEqual({
      rental_id: rental.rental_id,
      messages: [{ from: 'Discord', body: 'Your code is 123456', code: '123456', at: expect.any(String) }],
    });

    expect(await curl(SPEC_CURL.balance)).toEqual({ balance: 45.07, currency: 'USD' });
  });
});
