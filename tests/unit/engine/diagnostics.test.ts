import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FakeClock, useSandbox } from '../../sandbox/test-helpers';
import { DiagnosticsLog, MAX_ENTRIES } from '../../../lib/diagnostics/log';
import { ITEMS } from '../../../lib/engine/stored-items';
import { formatDiagnostics, scrub, type DiagnosticEntry } from '../../../lib/diagnostics/entries';
import { NumPoolError } from '../../../lib/numpool/errors';
import { engineHarness, extensionSender } from './harness';

const clock = new FakeClock();
const env = useSandbox({ autoDeliver: false, fakeClock: clock });
let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('the diagnostics log', () => {
  it('records each request (route, status, duration, budget wait) and each failure with its zod issues, and never a secret', async () => {
    const { key } = await env.control.createKey({ key: 'np_live_d1agn0st1cs5ecretkey42', balance: 20 });
    const h = await engineHarness({ baseUrl: env.sandbox.baseUrl, apiKey: key, clock });
    stop = h.stop;
    const { engine } = h;
    const a = await engine.purchases.buy({ service: 'wa', country: 187, fillTarget: { tabId: 1, frameId: 0 } });
    const b = await engine.purchases.buy({ service: 'tg', country: 0, fillTarget: null });
    const c = await engine.purchases.buy({ service: 'ig', country: 187, fillTarget: null });
    engine.poller.stop();
    await env.control.deliver({ order_id: a.orderId, code: '583920', text: 'Your WhatsApp code: 583-920. Do not share it.' });
    await env.control.deliver({ order_id: b.orderId, text: 'Telegram code 771204, or tap https://t.me/login/771204' });
    await engine.poller.tick();
    // The server changes the shape of its answer: an order's number is no longer a number.
    const server = (await env.control.state(key)).orders;
    await env.control.addFault({
      kind: 'wrong-shape',
      path: '/orders',
      body: {
        orders: server.map((o) => ({ order_id: o.order_id, status: 'received', number: `call ${o.number} now`, code: o.code ?? '000000' })),
      },
    });
    await engine.poller.tick();
    // A cancel after the code came (not yet seen here): the server refuses it in words.
    await env.control.deliver({ order_id: c.orderId, code: '660415' });
    await expect(engine.handlers['order.cancel']({ orderId: c.orderId }, extensionSender())).resolves.toMatchObject({ state: 'received' });
    await engine.handlers['balance.refresh']({}, extensionSender());

    const entries = await engine.ctx.diagnostics.list();
    const requests = entries.filter((e): e is Extract<DiagnosticEntry, { kind: 'request' }> => e.kind === 'request');
    expect(requests.map((r) => `${r.method} ${r.route}`)).toEqual(
      expect.arrayContaining([
        'POST /buy',
        'GET /orders',
        'GET /countries',
        'POST /cancel/:order_id',
        'GET /sms/:order_id',
        'GET /balance',
      ]),
    );
    for (const r of requests) {
      expect(r.durationMs).toBeGreaterThanOrEqual(0);
      expect(r.budgetWaitMs).toBeGreaterThanOrEqual(0);
    }
    expect(requests.some((r) => r.status === 400 && r.route === '/cancel/:order_id')).toBe(true);
    const invalid = requests.find((r) => r.failure === 'invalid-response');
    expect(invalid?.issues?.[0]).toMatchObject({ path: expect.stringMatching(/number/), message: 'not a phone number' });
    const polling = entries.find((e) => e.kind === 'error' && e.where === 'polling');
    expect(polling).toMatchObject({
      error: 'invalid-response',
      issues: expect.arrayContaining([{ path: 'items.0.number', code: 'invalid_format', message: 'not a phone number' }]),
    });

    // Nothing in it could identify the account, a number, an order or a code.
    await engine.ctx.diagnostics.flush();
    const shown = JSON.stringify(entries) + formatDiagnostics(entries);
    const orders = (await env.control.state(key)).orders;
    const secrets = [
      key,
      key.slice(8),
      ...orders.flatMap((o) => [o.order_id, o.number, o.number.replace(/^\+/, ''), ...o.sms.flatMap((m) => [m.code ?? '', m.full_sms])]),
      '583920',
      '771204',
      '660415',
    ].filter((s) => s.length >= 4);
    for (const secret of secrets) expect(shown, secret).not.toContain(secret);
    const diagnosticsDoc = JSON.stringify((await fakeBrowser.storage.session.get('diagnostics')).diagnostics);
    for (const secret of secrets) expect(diagnosticsDoc, secret).not.toContain(secret);
  });

  it('scrubs what a server message or an unexpected error could carry', () => {
    fakeBrowser.reset();
    const error = new NumPoolError({
      kind: 'bad-request',
      endpoint: 'POST /buy',
      status: 400,
      serverMessage: 'Number +7 912 345-67-89 for key np_live_abcdef123456 already has code 482913 (order 0123456789abcdef01234567)',
    });
    const log = new DiagnosticsLog(ITEMS.diagnostics.in(fakeBrowser.storage), () => 1);
    log.error('buying', error);
    log.error('announcing', new TypeError('Cannot read 482913 of undefined'));
    return log.list().then((entries) => {
      const text = JSON.stringify(entries);
      for (const secret of ['912', '345-67-89', 'np_live_abcdef123456', 'abcdef123456', '482913', '0123456789abcdef01234567'])
        expect(text, secret).not.toContain(secret);
      expect(entries[0]).toMatchObject({ kind: 'error', where: 'buying', error: 'bad-request', status: 400 });
      expect(entries[1]).toMatchObject({ error: 'TypeError', message: 'Cannot read … of undefined' });
    });
  });

  it("records an error whose issues are zod's own (path arrays) or junk without throwing", async () => {
    fakeBrowser.reset();
    const log = new DiagnosticsLog(ITEMS.diagnostics.in(fakeBrowser.storage), () => 5);
    const zodLike = Object.assign(new Error('invalid'), {
      issues: [{ path: ['orders', 0, 'state'], code: 'invalid_value', message: 'bad' }, null, 7],
    });
    expect(() => log.error('reading the stored state', zodLike)).not.toThrow();
    await log.flush();
    expect(await log.list()).toMatchObject([
      { where: 'reading the stored state', issues: [{ path: 'orders.0.state', code: 'invalid_value' }, { path: '' }, { path: '' }] },
    ]);
  });

  it('keeps the newest entries only, and keeps them across a worker restart', async () => {
    fakeBrowser.reset();
    const log = new DiagnosticsLog(ITEMS.diagnostics.in(fakeBrowser.storage), () => 5);
    for (let i = 0; i < MAX_ENTRIES + 50; i++) log.error(`step ${i}`, new Error('x'));
    await log.flush();
    const again = new DiagnosticsLog(ITEMS.diagnostics.in(fakeBrowser.storage), () => 6);
    const entries = await again.list();
    expect(entries).toHaveLength(MAX_ENTRIES);
    expect(entries.at(-1)).toMatchObject({ where: `step ${MAX_ENTRIES + 49}` });
    expect(entries[0]).toMatchObject({ where: 'step 50' });
  });

  it('formats one line per entry for a support request', () => {
    const text = formatDiagnostics([
      {
        kind: 'request',
        at: Date.UTC(2026, 5, 13, 12),
        method: 'GET',
        route: '/sms/:order_id',
        priority: 'background',
        status: 200,
        durationMs: 84,
        budgetWaitMs: 1_150,
        attempt: 1,
      },
      {
        kind: 'error',
        at: Date.UTC(2026, 5, 13, 12, 0, 1),
        where: 'polling',
        error: 'invalid-response',
        message: 'NumPool sent an unexpected response.',
        issues: [{ path: 'items.0.number', code: 'invalid_format', message: 'not a phone number' }],
      },
    ]);
    expect(text.split('\n')).toEqual([
      '2026-06-13T12:00:00.000Z GET /sms/:order_id 200 84 ms (budget wait 1150 ms, background)',
      '2026-06-13T12:00:01.000Z error in polling: invalid-response: NumPool sent an unexpected response. issues: items.0.number invalid_format: not a phone number',
    ]);
  });

  it('leaves ordinary words and short numbers alone', () => {
    expect(scrub('NumPool answered with an unexpected error (503).')).toBe('NumPool answered with an unexpected error (503).');
    expect(scrub('Try again in 30 s.')).toBe('Try again in 30 s.');
  });
});
