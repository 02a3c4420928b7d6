import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';
import { FakeClock, call, useSandbox } from './test-helpers.ts';
import type { ErrorJson } from './wire.ts';

const clock = new FakeClock();
const t = useSandbox({ fakeClock: clock, autoDeliver: false });

describe('rate limit over HTTP', () => {
  it('answers the 61st request in a minute with 429 and Retry-After, and recovers after the window', async () => {
    for (let i = 0; i < 60; i++) {
      expect((await call(t.sandbox, 'GET', '/balance')).status).toBe(200);
      clock.advance(100); // 60 requests over 5.9 s
    }
    const limited = await call<ErrorJson>(t.sandbox, 'GET', '/balance');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toMatch(/max 60\/min/);
    // The first request leaves the window 60 s after it was made: 6 s from now.
    expect(limited.headers.get('retry-after')).toBe('54');

    clock.advance(53_999);
    expect((await call(t.sandbox, 'GET', '/balance')).status).toBe(429);
    clock.advance(1);
    expect((await call(t.sandbox, 'GET', '/balance')).status).toBe(200);
    // A rolling window: one slot freed, the next one frees 100 ms later with the second request.
    expect((await call(t.sandbox, 'GET', '/balance')).headers.get('retry-after')).toBe('1');
    clock.advance(100);
    expect((await call(t.sandbox, 'GET', '/balance')).status).toBe(200);
  });

  it('counts failing requests but not 401s, and limits each key on its own', async () => {
    for (let i = 0; i < 30; i++) expect((await call(t.sandbox, 'GET', '/sms/none')).status).toBe(404);
    for (let i = 0; i < 30; i++) expect((await call(t.sandbox, 'POST', '/buy', { body: {} })).status).toBe(400);
    for (let i = 0; i < 100; i++) expect((await call(t.sandbox, 'GET', '/balance', { key: 'np_wrong' })).status).toBe(401);
    expect((await call(t.sandbox, 'GET', '/balance')).status).toBe(429);

    const { key } = await t.control.createKey();
    expect((await call(t.sandbox, 'GET', '/balance', { key })).status).toBe(200);
  });

  it('never limits the control API, and logs the 429s', async () => {
    await t.control.setConfig({ rateLimitPerMinute: 2 });
    for (let i = 0; i < 3; i++) await call(t.sandbox, 'GET', '/balance');
    for (let i = 0; i < 100; i++) await t.control.config();
    const { requests } = await t.control.log(t.sandbox.demoKey);
    expect(requests.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(requests[0]).toEqual({ at: clock.now(), method: 'GET', path: '/balance', status: 200, key_hint: 'np_test_' });
  });
});

describe('RateLimiter', () => {
  it('applies a lowered limit at once, with Retry-After to when enough requests left', () => {
    const fake = new FakeClock();
    let limit = 5;
    const limiter = new RateLimiter(fake.now, () => limit);
    for (let i = 0; i < 5; i++) {
      expect(limiter.take('k').allowed).toBe(true);
      fake.advance(1000);
    }
    limit = 2;
    // Admitted at 0..4 s, now 5 s: a third slot frees when the 4th request (at 3 s) leaves, at 63 s.
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 58 });
  });
});
