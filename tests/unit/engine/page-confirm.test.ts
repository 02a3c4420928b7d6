import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FakeClock, useSandbox } from '../../sandbox/test-helpers';
import { engineHarness, extensionSender, holdingFetch, pageSender, askAs, type Reply } from './harness';
import type { FetchLike } from '../../../lib/numpool/http';
import { REPEAT_WINDOW_MS, type PageDecision } from '../../../lib/engine/page/page-purchases';
import { MAX_PAGE_DECISIONS, PAGE_DECISIONS_KEY, pageDecisionRecorder, pageDecisionsSchema } from '../../../lib/e2e/page-decisions';
import { PageSession } from '../../../lib/engine/page/page-session';
import { ITEMS } from '../../../lib/engine/stored-items';

/**
 * The confirmation window and purchases spread over tabs and frames (issue 17, attacks 7-9; issue
 * 19): one window at a time, closed once its purchase is under way; the repeat rule per site from
 * the ask; the rented number asked about as a purchase is.
 */
const clock = new FakeClock();
const env = useSandbox({ autoDeliver: false, fakeClock: clock });
let stop: (() => void) | undefined;
afterEach(() => stop?.());

const WHATSAPP = 'https://signup.whatsapp.com/phone';
const seenClick = { kind: 'button', seen: true, shownPrice: 0.43 } as const;
const unseenClick = { kind: 'button', seen: false, shownPrice: 0.43 } as const;
const CONFIRM = extensionSender('confirm.html');
async function setup(options: { onPageDecision?: (decision: PageDecision) => void; fetch?: FetchLike } = {}) {
  const h = await engineHarness({
    baseUrl: env.sandbox.baseUrl,
    apiKey: env.sandbox.demoKey,
    clock,
    settings: { defaultCountry: 187 },
    ...options,
  });
  stop = h.stop;
  const ask = askAs(h.engine);
  return { ...h, ask };
}

const charges = async () => (await env.control.state(env.sandbox.demoKey)).charges.length;

describe('one confirmation window, gone once its purchase is under way', () => {
  it('several covered clicks open one window, which shows the newest question', async () => {
    const { ask, recorded } = await setup();
    const ids: string[] = [];
    for (const tab of [4, 4, 5])
      ids.push((await ask('page.buy', { field: {}, gesture: unseenClick }, pageSender(tab, WHATSAPP))).value.requestId);
    expect(recorded.windowsOpened).toEqual([`/confirm.html?id=${ids[0]}`]);
    expect([...recorded.windows.values()]).toEqual([`/confirm.html?id=${ids[2]}`]);
    // Only the question on screen can be answered.
    expect(await ask('confirm.answer', { id: ids[0], accept: true }, CONFIRM)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(recorded.windows.size).toBe(1); // the old page's answer does not close the new question
    expect(await charges()).toBe(0);
  });

  it('the window the user closed is not reused: the next ask opens one', async () => {
    const { ask, recorded } = await setup();
    await ask('page.buy', { field: {}, gesture: unseenClick }, pageSender(4, WHATSAPP));
    recorded.windows.clear(); // closed by the user
    const second = await ask('page.buy', { field: {}, gesture: unseenClick }, pageSender(4, WHATSAPP));
    expect(recorded.windowsOpened).toHaveLength(2);
    expect([...recorded.windows.values()]).toEqual([`/confirm.html?id=${second.value.requestId}`]);
  });

  it('yes closes the window as soon as the purchase is sent, before it completes', async () => {
    // POST /buy held in flight until the test lets it go: no guess at how slow it must be.
    const buy = holdingFetch('/buy');
    const { ask, recorded } = await setup({ fetch: buy.fetch });
    const { requestId } = (await ask('page.buy', { field: {}, gesture: unseenClick }, pageSender(4, WHATSAPP))).value;
    const answering = ask('confirm.answer', { id: requestId, accept: true }, CONFIRM);
    let answered = false;
    void answering.then(() => (answered = true));
    await buy.reached;
    await expect.poll(() => recorded.windows.size, { interval: 5 }).toBe(0);
    expect(answered).toBe(false); // still buying
    buy.release();
    expect(await answering).toMatchObject({ ok: true, value: { order: { service: 'wa' } } });
    expect(await charges()).toBe(1);
  });

  it('no, or a question that expired, closes the window too', async () => {
    const { ask, recorded } = await setup();
    const first = (await ask('page.buy', { field: {}, gesture: unseenClick }, pageSender(4, WHATSAPP))).value.requestId;
    expect(await ask('confirm.answer', { id: first, accept: false }, CONFIRM)).toEqual({ ok: true, value: { order: null } });
    expect(recorded.windows.size).toBe(0);
    clock.advance(REPEAT_WINDOW_MS);
    const second = (await ask('page.buy', { field: {}, gesture: unseenClick }, pageSender(4, WHATSAPP))).value.requestId;
    clock.advance(3 * 60_000);
    expect(await ask('confirm.answer', { id: second, accept: true }, CONFIRM)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(recorded.windows.size).toBe(0);
    expect(recorded.notifications.at(-1)).toBeDefined(); // the window is gone: the notification says why
    expect(await charges()).toBe(0);
  });
});

describe('the second purchase asks: per site, from the ask', () => {
  it('three same-site frames clicked 300 ms apart while the first /buy is in flight: one charge, the rest asked in one window', async () => {
    const buy = holdingFetch('/buy');
    const { ask, recorded } = await setup({ fetch: buy.fetch });
    const frames = [1, 2, 3].map((f) => pageSender(4, 'https://signup.whatsapp.com/level', f, { topUrl: WHATSAPP }));
    const replies: Promise<Reply>[] = [ask('page.buy', { field: {}, gesture: seenClick }, frames[0])];
    // The first click's purchase is on its way to NumPool while the next two come, 300 ms apart.
    await buy.reached;
    for (const frame of frames.slice(1)) {
      clock.advance(300);
      replies.push(ask('page.buy', { field: {}, gesture: seenClick }, frame));
      await replies.at(-1);
    }
    buy.release();
    const statuses = (await Promise.all(replies)).map((r) => r.value.status);
    expect(statuses).toEqual(['bought', 'confirming', 'confirming']);
    expect(await charges()).toBe(1);
    expect(recorded.windowsOpened).toHaveLength(1);
    const view = await ask('confirm.get', { id: (await replies[2]!).value.requestId }, CONFIRM);
    expect(view).toMatchObject({ ok: true, value: { reason: 'repeat', rental: false } });
  });

  it('two asks at the same moment cannot both be the first', async () => {
    const pageSession = new PageSession(ITEMS.pageSession.in(fakeBrowser.storage), clock.now);
    fakeBrowser.reset();
    const decide = (last: number | null) => (last === null ? 'first' : 'repeat');
    const answers = await Promise.all([
      pageSession.notePageAttempt(['whatsapp.com'], decide),
      pageSession.notePageAttempt(['whatsapp.com'], decide),
      pageSession.notePageAttempt(['instagram.com'], decide),
    ]);
    expect(answers).toEqual(['first', 'repeat', 'first']);
  });

  it("a frame of the site inside another site's page counts for both sites", async () => {
    const pageSession = new PageSession(ITEMS.pageSession.in(fakeBrowser.storage), clock.now);
    fakeBrowser.reset();
    await pageSession.notePageAttempt(['game.example', 'whatsapp.com'], () => null);
    expect(await pageSession.notePageAttempt(['game.example'], (last) => last)).toBe(clock.now());
    expect(await pageSession.notePageAttempt(['whatsapp.com'], (last) => last)).toBe(clock.now());
  });
});

describe("the rented number follows the buy button's rules", () => {
  async function withRental() {
    const h = await setup();
    const prices = await h.engine.handlers['rentals.prices']({ service: 'whatsapp' }, extensionSender());
    const oneDay = prices.durations.find((d) => d.duration === 'oneDay')!;
    const rental = await h.engine.handlers['rental.create'](
      { service: 'whatsapp', duration: 'oneDay', confirmedPrice: oneDay.price },
      extensionSender(),
    );
    return { ...h, rental, chargesBefore: await charges() };
  }
  const filled = async (engine: Awaited<ReturnType<typeof setup>>['engine'], rentalId: string) =>
    (await engine.ctx.store.read()).rentals.find((r) => r.rentalId === rentalId)?.fill;

  it('a click the button did not see asks, says it is the rented number at no cost, and fills it only on yes', async () => {
    const { ask, engine, recorded, rental, chargesBefore } = await withRental();
    const frame = pageSender(1, WHATSAPP, 0, { documentId: 'd1' });
    const reply = await ask('page.buy', { field: { maxLength: 10 }, gesture: unseenClick, use: 'rental' }, frame);
    expect(reply).toMatchObject({ ok: true, value: { status: 'confirming' } });
    const id = reply.value.requestId as string;
    expect(await filled(engine, rental.rentalId)).toBeUndefined();
    // The page cannot pull the number before the yes.
    expect(await ask('page.number', { rentalId: rental.rentalId, field: {} }, frame)).toEqual({ ok: true, value: null });
    expect(await ask('confirm.get', { id }, CONFIRM)).toMatchObject({
      ok: true,
      value: { rental: true, serviceName: 'WhatsApp', site: 'whatsapp.com', reason: 'not-seen' },
    });

    expect(await ask('confirm.answer', { id, accept: true }, CONFIRM)).toEqual({ ok: true, value: { order: null } });
    expect(recorded.windows.size).toBe(0);
    expect(recorded.tabEvents.at(-1)).toEqual({
      tabId: 1,
      frameId: 0,
      documentId: 'd1',
      event: { np: 1, event: 'rentedNumber.ready', rentalId: rental.rentalId, requestId: id },
    });
    expect(await ask('page.number', { rentalId: rental.rentalId, field: { maxLength: 10 } }, frame)).toEqual({
      ok: true,
      value: { value: rental.number.replace(/^\+1/, '') },
    });
    // A rental's id is no order's: named as one, it gives nothing.
    expect(await ask('page.number', { orderId: rental.rentalId, field: {} }, frame)).toEqual({ ok: true, value: null });
    // Another document, another frame, another site: nothing.
    expect(await ask('page.number', { rentalId: rental.rentalId, field: {} }, pageSender(1, WHATSAPP, 0, { documentId: 'd2' }))).toEqual({
      ok: true,
      value: null,
    });
    expect(await ask('page.number', { rentalId: rental.rentalId, field: {} }, pageSender(1, WHATSAPP, 4))).toEqual({
      ok: true,
      value: null,
    });
    expect(
      await ask('page.number', { rentalId: rental.rentalId, field: {} }, pageSender(1, 'https://evil.example/', 0, { documentId: 'd1' })),
    ).toEqual({ ok: true, value: null });
    expect(await charges()).toBe(chargesBefore);
  });

  it('no leaves the rented number out of the page', async () => {
    const { ask, engine, rental } = await withRental();
    const reply = await ask('page.buy', { field: {}, gesture: unseenClick, use: 'rental' }, pageSender(1, WHATSAPP));
    await ask('confirm.answer', { id: reply.value.requestId, accept: false }, CONFIRM);
    expect(await filled(engine, rental.rentalId)).toBeUndefined();
    expect(await ask('page.number', { rentalId: rental.rentalId, field: {} }, pageSender(1, WHATSAPP))).toEqual({ ok: true, value: null });
  });

  it('a repeat asks: the second rented-number click of the site within minutes', async () => {
    const { ask, rental } = await withRental();
    expect(await ask('page.buy', { field: {}, gesture: seenClick, use: 'rental' }, pageSender(1, WHATSAPP))).toMatchObject({
      ok: true,
      value: { status: 'rented', rentalId: rental.rentalId },
    });
    clock.advance(2_000);
    expect(await ask('page.buy', { field: {}, gesture: seenClick, use: 'rental' }, pageSender(2, WHATSAPP))).toMatchObject({
      ok: true,
      value: { status: 'confirming' },
    });
  });

  it('"Get number here" in a frame of another site asks, naming both sites, instead of buying', async () => {
    const { ask, engine, recorded, rental, chargesBefore } = await withRental();
    const frameUrl = 'https://web.whatsapp.com/embed';
    const top = 'https://news.example/';
    await engine.onContextMenu({ menuItemId: 'numpool-get-number', frameId: 3, frameUrl, pageUrl: top }, { id: 7, url: top });
    const token = (recorded.tabEvents.at(-1)!.event as { token: string }).token;
    const reply = await ask('page.buy', { field: {}, gesture: { kind: 'menu', token } }, pageSender(7, frameUrl, 3, { topUrl: top }));
    expect(reply).toMatchObject({ ok: true, value: { status: 'confirming' } });
    expect(await ask('confirm.get', { id: reply.value.requestId }, CONFIRM)).toMatchObject({
      ok: true,
      value: { rental: true, site: 'whatsapp.com', topSite: 'news.example', reason: 'other-site-frame' },
    });
    expect(await filled(engine, rental.rentalId)).toBeUndefined();
    expect(await charges()).toBe(chargesBefore);
  });
});

describe('each page purchase decision is told (the e2e build records it; tests wait for it instead of sleeping)', () => {
  it("bought, asked with its rule, refused with its key, and the window's answers; never the key", async () => {
    const decisions: PageDecision[] = [];
    const { ask } = await setup({ onPageDecision: (d) => decisions.push(d) });
    const page = pageSender(4, WHATSAPP, 2);
    await ask('page.buy', { field: {}, gesture: seenClick }, page);
    // The same site again within minutes: asked, as a clicking game.
    const { requestId } = (await ask('page.buy', { field: {}, gesture: seenClick }, page)).value;
    await ask('confirm.answer', { id: requestId, accept: false }, CONFIRM);
    clock.advance(REPEAT_WINDOW_MS + 1_000);
    const unseen = (await ask('page.buy', { field: {}, gesture: unseenClick }, page)).value.requestId;
    await ask('confirm.answer', { id: unseen, accept: true }, CONFIRM);
    // A button click from a frame of another site (which never gets a button): refused.
    await ask('page.buy', { field: {}, gesture: seenClick }, pageSender(4, 'https://ads.example.net/slot', 3, { topUrl: WHATSAPP }));
    const where = { tabId: 4, frameId: 2, host: 'signup.whatsapp.com' };
    expect(decisions).toEqual([
      { outcome: 'bought', reason: null, gesture: 'button', ...where },
      { outcome: 'asked', reason: 'repeat', gesture: 'button', ...where },
      { outcome: 'declined', reason: null, gesture: 'window', ...where },
      { outcome: 'asked', reason: 'not-seen', gesture: 'button', ...where },
      { outcome: 'bought', reason: null, gesture: 'window', ...where },
      { outcome: 'refused', reason: 'errorNotAllowed', gesture: 'button', tabId: 4, frameId: 3, host: 'ads.example.net' },
    ]);
    expect(await charges()).toBe(2);
    expect(JSON.stringify(decisions)).not.toContain(env.sandbox.demoKey);
  });

  it('an answer to a question that expired is recorded as refused', async () => {
    const decisions: PageDecision[] = [];
    const { ask } = await setup({ onPageDecision: (d) => decisions.push(d) });
    await ask('confirm.answer', { id: 'no-such-question', accept: true }, CONFIRM);
    expect(decisions).toEqual([
      { outcome: 'refused', reason: 'errorConfirmExpired', gesture: 'window', tabId: -1, frameId: -1, host: null },
    ]);
  });

  it('the e2e ring keeps the newest decisions, each stamped, none lost when they come together', async () => {
    fakeBrowser.reset();
    const record = pageDecisionRecorder(fakeBrowser.storage, () => 1_000);
    for (let i = 0; i < MAX_PAGE_DECISIONS + 5; i++)
      record({ outcome: 'asked', reason: 'not-seen', gesture: 'button', tabId: i, frameId: 0, host: 'a.example' });
    await expect
      .poll(async () =>
        pageDecisionsSchema
          .parse((await fakeBrowser.storage.session.get(PAGE_DECISIONS_KEY))[PAGE_DECISIONS_KEY] ?? [])
          .map((d) => d.tabId)
          .at(-1),
      )
      .toBe(MAX_PAGE_DECISIONS + 4);
    const ring = pageDecisionsSchema.parse((await fakeBrowser.storage.session.get(PAGE_DECISIONS_KEY))[PAGE_DECISIONS_KEY]);
    expect(ring.map((d) => d.tabId)).toEqual(Array.from({ length: MAX_PAGE_DECISIONS }, (_, i) => i + 5));
    expect(ring.every((d) => d.at === 1_000)).toBe(true);
  });
});
