import { describe, expect, it, vi } from 'vitest';
import { createNumPoolClient } from '../../../lib/numpool/client';
import { NumPoolError } from '../../../lib/numpool/errors';
import { parseRetryAfter, type FetchLike } from '../../../lib/numpool/http';
import { normaliseOrderStatus } from '../../../lib/numpool/status';
import { RateBudget } from '../../../lib/budget/rate-budget';
import { jumpingClock } from '../budget/jumping-clock';
import { memoryBudgetStore } from '../../../lib/budget/budget-store';

const KEY = 'np_live_TOPSECRET_key_123';

type Reply = { status?: number; body?: unknown; raw?: string; headers?: Record<string, string> } | Error;

/** A fetch that answers from a script and records what it was asked. */
function scriptedFetch(...replies: Reply[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, init });
    const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
    if (reply instanceof Error) throw reply;
    const text = reply.raw ?? JSON.stringify(reply.body ?? {});
    return new Response(text, { status: reply.status ?? 200, headers: reply.headers });
  };
  return { fetch, calls };
}

function client(fetch: FetchLike, extra: Partial<Parameters<typeof createNumPoolClient>[0]> = {}) {
  return createNumPoolClient({ baseUrl: 'https://api.test/v1/', apiKey: KEY, fetch, sleep: async () => {}, ...extra });
}

async function caught(promise: Promise<unknown>): Promise<NumPoolError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof NumPoolError) return error;
    throw error;
  }
  throw new Error('expected a NumPoolError');
}

describe('NumPool client requests', () => {
  it('sends the key in X-API-Key and builds URLs from the base URL', async () => {
    const { fetch, calls } = scriptedFetch({ body: [{ id: 187, name: 'USA', flag: 'US', price: 0.43, stock: 10, currency: 'USD' }] });
    const offers = await client(fetch).countriesFor('wa');
    expect(offers[0]).toMatchObject({ id: 187, price: 0.43 });
    expect(calls[0]!.url).toBe('https://api.test/v1/countries?service=wa');
    expect(new Headers(calls[0]!.init.headers).get('X-API-Key')).toBe(KEY);
  });

  it('posts the buy body as JSON, operator only when given', async () => {
    const { fetch, calls } = scriptedFetch({ body: { order_id: 'a1', number: '+12015550123', cost: 0.43, status: 'pending' } });
    const order = await client(fetch).buy({ service: 'wa', country: 187 });
    expect(order).toEqual({ orderId: 'a1', number: '+12015550123', cost: 0.43, state: 'waiting', rawStatus: 'pending' });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ service: 'wa', country: 187 });
    await client(fetch).buy({ service: 'wa', country: 187, operator: 'tmobile' });
    expect(JSON.parse(String(calls[1]!.init.body))).toEqual({ service: 'wa', country: 187, operator: 'tmobile' });
  });

  it('tolerates extra fields and numeric strings for money, rejects wrong types', async () => {
    const ok = scriptedFetch({ body: { balance: '12.40', currency: 'USD', tier: 'gold' } });
    expect(await client(ok.fetch).balance()).toEqual({ balance: 12.4, currency: 'USD' });
    const bad = scriptedFetch({ body: { balance: 'lots' } });
    const error = await caught(client(bad.fetch).balance());
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toMatch(/invalid-response/);
  });

  it('turns malformed JSON into an invalid-response error', async () => {
    const { fetch } = scriptedFetch({ raw: '{"order_id": "abc", "number":' });
    expect((await caught(client(fetch).sms('abc'))).kind).toBe('invalid-response');
  });

  it('rejects ids that could change the URL path', async () => {
    const { fetch } = scriptedFetch({ body: { order_id: '../balance', number: '+12015550123', cost: 1, status: 'pending' } });
    expect((await caught(client(fetch).buy({ service: 'wa', country: 1 }))).kind).toBe('invalid-response');
  });

  it('keeps every SMS of an order newest first, and the spec-only single code', async () => {
    const many = scriptedFetch({
      body: {
        order_id: 'o',
        status: 'received',
        code: '222',
        full_sms: 'code 222',
        sms: [
          { code: '222', full_sms: 'code 222' },
          { code: '111', full_sms: 'code 111' },
        ],
      },
    });
    expect((await client(many.fetch).sms('o')).messages.map((m) => m.code)).toEqual(['222', '111']);
    const single = scriptedFetch({ body: { order_id: 'o', status: 'received', code: '123456', full_sms: 'Your code is 123456' } });
    const sms = await client(single.fetch).sms('o');
    expect(sms).toMatchObject({ state: 'received', messages: [{ code: '123456', text: 'Your code is 123456' }] });
  });

  it('reads the order list bare or wrapped', async () => {
    const item = { order_id: 'o1', status: 'waiting', extra: 1 };
    for (const body of [[item], { orders: [item], total: 7 }, { items: [item] }]) {
      const page = await client(scriptedFetch({ body }).fetch).orders({ limit: 20 });
      expect(page.items[0]).toMatchObject({ orderId: 'o1', state: 'waiting' });
    }
  });
});

describe('NumPool client errors', () => {
  const rows: [number, string][] = [
    [400, 'bad-request'],
    [401, 'unauthorized'],
    [402, 'insufficient-funds'],
    [404, 'not-found'],
    [429, 'rate-limited'],
    [500, 'server'],
    [503, 'server'],
  ];
  it.each(rows)('maps %i to %s with the server text and never the key', async (status, kind) => {
    const { fetch } = scriptedFetch({ status, body: { error: 'Something specific' } });
    const error = await caught(client(fetch, { retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } }).balance());
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.serverMessage).toBe('Something specific');
    expect(error.message).not.toMatch(/^\d{3}$/);
    const everything = JSON.stringify({ ...error.toJSON(), stack: error.stack, cause: String(error.cause) });
    expect(everything).not.toContain(KEY);
  });

  it('says where to top up on 402', async () => {
    const { fetch } = scriptedFetch({ status: 402, body: { error: 'Insufficient balance' } });
    expect((await caught(client(fetch).buy({ service: 'wa', country: 187 }))).kind).toBe('insufficient-funds');
  });

  it('reports network failure and timeout as such', async () => {
    const offline = scriptedFetch(new TypeError('fetch failed'));
    expect((await caught(client(offline.fetch, { retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } }).balance())).kind).toBe('network');
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)));
    const error = await caught(client(hanging, { timeoutMs: 20, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } }).balance());
    expect(error.kind).toBe('timeout');
  });

  it('retries reads and cancel on 5xx and network errors, a bounded number of times', async () => {
    const flaky = scriptedFetch({ status: 503, body: { error: 'busy' } }, new TypeError('fetch failed'), {
      body: { balance: 1, currency: 'USD' },
    });
    expect(await client(flaky.fetch).balance()).toEqual({ balance: 1, currency: 'USD' });
    expect(flaky.calls).toHaveLength(3);

    const down = scriptedFetch({ status: 502, body: { error: 'down' } });
    await caught(client(down.fetch).cancel('o1'));
    expect(down.calls).toHaveLength(3);
  });

  it('waits with growing, jittered delays between retries', async () => {
    const delays: number[] = [];
    const down = scriptedFetch({ status: 500, body: {} });
    const c = client(down.fetch, {
      sleep: async (ms) => void delays.push(ms),
      random: () => 1,
      retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 300 },
    });
    await caught(c.services());
    expect(delays).toEqual([100, 200, 300]);
  });

  it('never retries a purchase: buy and createRental are sent once whatever happens', async () => {
    for (const reply of [{ status: 503, body: {} }, new TypeError('fetch failed')] as Reply[]) {
      const buy = scriptedFetch(reply);
      const error = await caught(client(buy.fetch).buy({ service: 'wa', country: 187 }));
      expect(buy.calls).toHaveLength(1);
      expect(error.outcomeUnknown).toBe(true);
      const rent = scriptedFetch(reply);
      await caught(client(rent.fetch).createRental({ service: 'discord', duration: 'sevenDay' }));
      expect(rent.calls).toHaveLength(1);
    }
  });

  it('does not retry a 4xx', async () => {
    const { fetch, calls } = scriptedFetch({ status: 404, body: { error: 'no such order' } });
    await caught(client(fetch).sms('zzz'));
    expect(calls).toHaveLength(1);
  });

  it('pauses the key budget on 429, honouring Retry-After, and does not retry', async () => {
    const budget = new RateBudget({ store: memoryBudgetStore() });
    const { fetch, calls } = scriptedFetch({ status: 429, body: { error: 'Too many requests' }, headers: { 'Retry-After': '12' } });
    const before = Date.now();
    const error = await caught(client(fetch, { budget }).balance());
    expect(calls).toHaveLength(1);
    expect(error.retryAfterMs).toBe(12_000);
    expect(error.message).toMatch(/retry after 12 s/);
    const paused = await budget.pausedUntil();
    expect(paused).toBeGreaterThanOrEqual(before + 12_000);
  });

  it('takes a budget slot for every request sent, retries included', async () => {
    // The retry waits for the next background slot: on a clock that jumps, not 1.2 s of real time.
    const clock = jumpingClock();
    const budget = new RateBudget({ store: memoryBudgetStore(), now: clock.now, timers: clock.timers });
    const acquire = vi.spyOn(budget, 'acquire');
    const flaky = scriptedFetch({ status: 503, body: {} }, { body: { balance: 1, currency: 'USD' } });
    await client(flaky.fetch, { budget }).balance({ priority: 'background' });
    expect(acquire).toHaveBeenCalledTimes(2);
    expect(acquire.mock.calls[0]![0]).toBe('background');
  });
});

describe('status words', () => {
  it('treats pending and waiting as one state; any other word is unrecognised, never "not found"', () => {
    expect(normaliseOrderStatus('pending')).toBe('waiting');
    expect(normaliseOrderStatus('waiting')).toBe('waiting');
    expect(normaliseOrderStatus('RECEIVED')).toBe('received');
    expect(normaliseOrderStatus('canceled')).toBe('cancelled');
    expect(normaliseOrderStatus('on_hold')).toBe('unrecognised');
    expect(normaliseOrderStatus('not found')).toBe('unrecognised');
    expect(normaliseOrderStatus(null)).toBe('unrecognised');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('5', 0)).toBe(5_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 0)).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});
