import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, useSandbox } from '../../sandbox/test-helpers';
import { engineHarness, extensionSender, pageSender, askAs } from './harness';
import { REPEAT_WINDOW_MS } from '../../../lib/engine/page/page-purchases';
import { LOOKUP_BACKOFF_MS } from '../../../lib/engine/page/page-requests';
import { renderEn } from '../i18n/en';
import type { Settings } from '../../../lib/state/schema';

/**
 * What a page can get out of the background, asked as a content script would: each test plays a
 * page (or a frame inside one) and counts what the sandbox charged.
 */
const clock = new FakeClock();
const env = useSandbox({ autoDeliver: false, fakeClock: clock });
let stop: (() => void) | undefined;
afterEach(() => stop?.());

const WHATSAPP = 'https://signup.whatsapp.com/phone';
const seenClick = { kind: 'button', seen: true, shownPrice: 0.43 } as const;

/** A reply envelope, loosely typed: tests read into values of many shapes. */
async function setup(settings: Partial<Settings> = {}, tabUrls: Record<number, string> = {}) {
  // The USA by default: the spec's 0.43 offer, so prices here are known.
  const h = await engineHarness({
    baseUrl: env.sandbox.baseUrl,
    apiKey: env.sandbox.demoKey,
    clock,
    settings: { defaultCountry: 187, ...settings },
    tabUrls,
  });
  stop = h.stop;
  const ask = askAs(h.engine);
  return { ...h, ask };
}

async function charges() {
  return (await env.control.state(env.sandbox.demoKey)).charges;
}

describe('page.context: the button only where it belongs', () => {
  it('offers the button with its price on a service site', async () => {
    const { ask } = await setup();
    expect(await ask('page.context', {}, pageSender(1, WHATSAPP))).toMatchObject({
      ok: true,
      value: { button: true, service: { id: 'wa' }, quote: { price: 0.43 } },
    });
  });

  it('says nothing on a site that matches no service, so the site cannot learn the extension is there', async () => {
    const { ask } = await setup();
    expect(await ask('page.context', {}, pageSender(1, 'https://example.org/signup'))).toEqual({
      ok: true,
      value: { button: false, rental: false, service: null, quote: null },
    });
  });

  it('offers no button anywhere when the user switched it off', async () => {
    const { ask } = await setup({ fieldButton: false });
    expect(await ask('page.context', {}, pageSender(1, WHATSAPP))).toEqual({
      ok: true,
      value: { button: false, rental: false, service: null, quote: null },
    });
  });

  it('gives a frame of another site on a service page no button, though that site is a service too', async () => {
    const { ask } = await setup();
    const adFrame = pageSender(1, 'https://ads.example.net/slot', 4, { topUrl: WHATSAPP });
    expect(await ask('page.context', {}, adFrame)).toMatchObject({ ok: true, value: { button: false } });
    const otherService = pageSender(1, 'https://www.instagram.com/embed', 5, { topUrl: WHATSAPP });
    expect(await ask('page.context', {}, otherService)).toMatchObject({ ok: true, value: { button: false } });
    // A frame of the same site acts for the page.
    const sameSite = pageSender(1, 'https://web.whatsapp.com/verify', 6, { topUrl: WHATSAPP });
    expect(await ask('page.context', {}, sameSite)).toMatchObject({ ok: true, value: { button: true, service: { id: 'wa' } } });
  });
});

describe('sites of no service: the user says once "use this service here"', () => {
  const SHOP = 'https://shop.example.org/register';

  it("from the popup, for the tab's site: then button, price and purchase work as on the service's site", async () => {
    const { ask, engine } = await setup({}, { 3: SHOP });
    expect(await ask('page.context', {}, pageSender(3, SHOP))).toMatchObject({ ok: true, value: { button: false } });
    expect(await ask('tab.service', { tabId: 3 }, extensionSender())).toEqual({
      ok: true,
      value: { service: null, host: 'shop.example.org', site: 'https://example.org' },
    });
    expect(await ask('site.useService', { tabId: 3, service: 'tg' }, extensionSender())).toEqual({
      ok: true,
      value: { site: 'https://example.org' },
    });
    expect((await engine.ctx.settings()).siteServices).toEqual([{ site: 'https://example.org', service: 'tg' }]);
    expect(await ask('tab.service', { tabId: 3 }, extensionSender())).toMatchObject({ ok: true, value: { service: { id: 'tg' } } });
    const context = await ask('page.context', {}, pageSender(3, 'https://www.example.org/signup'));
    expect(context).toMatchObject({ ok: true, value: { button: true, service: { id: 'tg' }, quote: { price: expect.any(Number) } } });
    const bought = await ask(
      'page.buy',
      { field: {}, gesture: { ...seenClick, shownPrice: context.value.quote.price } },
      pageSender(3, SHOP),
    );
    expect(bought).toMatchObject({ ok: true, value: { status: 'bought' } });
    expect((await engine.ctx.store.read()).orders[0]).toMatchObject({ service: 'tg', fillTarget: { site: 'https://example.org' } });
    expect(await charges()).toHaveLength(1);
  });

  it("a page cannot choose: the request is the popup's alone, and a page's own word is never asked", async () => {
    const { ask, engine } = await setup({}, { 3: SHOP });
    expect(await ask('site.useService', { tabId: 3, service: 'tg' }, pageSender(3, SHOP))).toMatchObject({ ok: false });
    expect(
      await ask('settings.update', { siteServices: [{ site: 'https://example.org', service: 'tg' }] }, pageSender(3, SHOP)),
    ).toMatchObject({ ok: false });
    expect((await engine.ctx.settings()).siteServices).toEqual([]);
    expect(await ask('page.context', {}, pageSender(3, SHOP))).toMatchObject({ ok: true, value: { button: false } });
  });

  it('plain http of the chosen site, and other sites, stay sites of no service', async () => {
    const { ask } = await setup({ siteServices: [{ site: 'https://example.org', service: 'tg' }] });
    expect(await ask('page.context', {}, pageSender(3, 'http://shop.example.org/register'))).toMatchObject({
      ok: true,
      value: { button: false },
    });
    expect(await ask('page.context', {}, pageSender(3, 'https://example.org.evil.test/'))).toMatchObject({
      ok: true,
      value: { button: false },
    });
    expect(await ask('page.buy', { field: {}, gesture: seenClick }, pageSender(3, 'http://shop.example.org/register'))).toMatchObject({
      ok: false,
    });
    expect(await charges()).toHaveLength(0);
  });

  it('refuses a service NumPool does not sell, and a tab with no web page', async () => {
    const { ask, engine } = await setup({}, { 3: SHOP, 4: 'chrome://settings' });
    expect(await ask('site.useService', { tabId: 3, service: 'nope' }, extensionSender())).toMatchObject({
      ok: false,
      error: { key: 'errorUnknownService' },
    });
    expect(await ask('site.useService', { tabId: 4, service: 'tg' }, extensionSender())).toMatchObject({
      ok: false,
      error: { key: 'errorNoSiteInTab' },
    });
    expect((await engine.ctx.settings()).siteServices).toEqual([]);
  });
});

describe('page.context: a failed lookup is said, where the page cannot read it', () => {
  const NONE = { ok: true, value: { button: false, rental: false, service: null, quote: null } };
  const popup = (h: Awaited<ReturnType<typeof setup>>) => h.engine.handlers['snapshot.get']({}, extensionSender());

  it('NumPool unreachable: no button, logged, and the popup says it until NumPool answers again', async () => {
    const h = await setup();
    await env.control.addFault({ kind: '5xx', path: '/services', count: 3 });
    expect(await h.ask('page.context', {}, pageSender(1, WHATSAPP))).toEqual(NONE);
    expect((await h.engine.ctx.diagnostics.list()).filter((e) => e.kind === 'error')).toMatchObject([
      { where: 'the page button: services', error: 'server', status: 503 },
    ]);
    expect((await popup(h)).pageProblem).toBe('unreachable');
    // Any answer with the key ends it.
    await h.engine.handlers['balance.refresh']({}, extensionSender());
    await expect.poll(async () => (await popup(h)).pageProblem).toBeNull();
  });

  it('a key NumPool refuses: no button, and the popup says the key was refused', async () => {
    const h = await setup();
    await h.platform.secrets.set('np_live_revoked_0000');
    await h.platform.local.set({ keyChangedAt: clock.now() });
    expect(await h.ask('page.context', {}, pageSender(1, WHATSAPP))).toEqual(NONE);
    expect((await popup(h)).pageProblem).toBe('key-refused');
    expect(JSON.stringify(await h.engine.ctx.diagnostics.list())).not.toContain('np_live_revoked');
  });

  it('offers that cannot be had: no button, logged as such', async () => {
    const h = await setup();
    await env.control.addFault({ kind: 'wrong-shape', path: '/countries' });
    expect(await h.ask('page.context', {}, pageSender(1, WHATSAPP))).toEqual(NONE);
    expect((await h.engine.ctx.diagnostics.list()).filter((e) => e.kind === 'error')).toMatchObject([
      { where: 'the page button: offers', error: 'invalid-response' },
    ]);
    expect((await popup(h)).pageProblem).toBe('failed');
  });

  it('a page that asks again and again during an outage learns nothing, sends no request for each ask, and cannot flood the log', async () => {
    const h = await setup();
    await env.control.addFault({ kind: 'wrong-shape', path: '/services', count: 100 });
    await env.control.clearLog();
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await h.ask('page.context', {}, pageSender(1, WHATSAPP)));
    // The same answer as a site of no service: nothing says the extension is there, or what failed.
    expect(answers.every((a) => JSON.stringify(a) === JSON.stringify(NONE))).toBe(true);
    expect((await env.control.log()).requests.filter((r) => r.path === '/services')).toHaveLength(1);
    expect((await h.engine.ctx.diagnostics.list()).filter((e) => e.kind === 'error')).toHaveLength(1);
    // A while later NumPool is asked again.
    clock.advance(LOOKUP_BACKOFF_MS);
    await h.ask('page.context', {}, pageSender(1, WHATSAPP));
    expect((await env.control.log()).requests.filter((r) => r.path === '/services')).toHaveLength(2);
  });
});

describe('page.buy: a purchase only on a gesture the user could see', () => {
  it("buys at once on a click on a button seen long enough, for the frame's own site and document", async () => {
    const { ask, engine } = await setup();
    const reply = await ask(
      'page.buy',
      { field: { maxLength: 10 }, gesture: seenClick },
      pageSender(4, WHATSAPP, 0, { documentId: 'doc-A' }),
    );
    expect(reply).toMatchObject({ ok: true, value: { status: 'bought', value: expect.stringMatching(/^\d{10}$/) } });
    expect(await charges()).toHaveLength(1);
    expect((await engine.ctx.store.read()).orders[0]!.fillTarget).toEqual({
      tabId: 4,
      frameId: 0,
      documentId: 'doc-A',
      site: 'https://whatsapp.com',
    });
  });

  it('asks in an extension window when the click was not seen, and buys only on yes', async () => {
    const { ask, engine, recorded } = await setup();
    const sender = pageSender(4, WHATSAPP, 2, { documentId: 'doc-B', topUrl: WHATSAPP });
    const reply = await ask('page.buy', { field: {}, gesture: { kind: 'button', seen: false, shownPrice: 0.43 } }, sender);
    expect(reply).toMatchObject({ ok: true, value: { status: 'confirming', requestId: expect.any(String) } });
    expect(await charges()).toHaveLength(0);
    const id = reply.value.requestId as string;
    expect(recorded.windowsOpened).toEqual([`/confirm.html?id=${id}`]);

    // The window shows what the background knows, not what the page said.
    const view = await ask('confirm.get', { id }, extensionSender('confirm.html'));
    expect(view).toMatchObject({
      ok: true,
      value: { serviceName: 'WhatsApp', countryName: 'USA', price: 0.43, site: 'whatsapp.com', reason: 'not-seen' },
    });
    // A page cannot answer for the user.
    expect(await ask('confirm.answer', { id, accept: true }, sender)).toMatchObject({ ok: false, error: { kind: 'not-allowed' } });
    expect(await charges()).toHaveLength(0);

    const answer = await ask('confirm.answer', { id, accept: true }, extensionSender('confirm.html'));
    expect(answer).toMatchObject({ ok: true, value: { order: { service: 'wa' } } });
    expect(await charges()).toHaveLength(1);
    const orderId = answer.value.order.orderId as string;
    // The frame that asked is told to fetch its number: the push names only the order.
    expect(recorded.tabEvents.at(-1)).toEqual({
      tabId: 4,
      frameId: 2,
      documentId: 'doc-B',
      event: { np: 1, event: 'number.ready', orderId, requestId: id },
    });
    expect(await ask('page.number', { orderId, field: {} }, sender)).toMatchObject({ ok: true, value: { value: expect.any(String) } });
    // Another document (even of the same site) gets nothing; nor does another site in the tab.
    expect(await ask('page.number', { orderId, field: {} }, pageSender(4, WHATSAPP, 2, { documentId: 'doc-C' }))).toEqual({
      ok: true,
      value: null,
    });
    expect(await ask('page.number', { orderId, field: {} }, pageSender(4, 'https://evil.example/', 2))).toEqual({ ok: true, value: null });
    // Answered once: a second yes buys nothing.
    expect(await ask('confirm.answer', { id, accept: true }, extensionSender('confirm.html'))).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    expect(await charges()).toHaveLength(1);
    expect((await engine.ctx.store.read()).orders).toHaveLength(1);
  });

  it('buys nothing on no, and a question expires', async () => {
    const { ask } = await setup();
    const unseen = { field: {}, gesture: { kind: 'button', seen: false, shownPrice: 0.43 } };
    const first = await ask('page.buy', unseen, pageSender(4, WHATSAPP));
    expect(await ask('confirm.answer', { id: first.value.requestId, accept: false }, extensionSender('confirm.html'))).toEqual({
      ok: true,
      value: { order: null },
    });
    const second = await ask('page.buy', unseen, pageSender(4, WHATSAPP));
    clock.advance(3 * 60_000);
    expect(await ask('confirm.answer', { id: second.value.requestId, accept: true }, extensionSender('confirm.html'))).toMatchObject({
      ok: false,
      error: { kind: 'not-found' },
    });
    expect(await charges()).toHaveLength(0);
  });

  it('refuses a field shape a page made up (a thousand boxes, negative lengths) before anything is bought, and fills split boxes as their lengths ask', async () => {
    const { ask } = await setup();
    for (const partLengths of [Array.from({ length: 1000 }, () => 3), [3, -1, 4], [3, 3.5, 4]]) {
      expect(await ask('page.buy', { field: { partLengths }, gesture: seenClick }, pageSender(4, WHATSAPP))).toMatchObject({
        ok: false,
        error: { kind: 'invalid-input' },
      });
    }
    expect(await charges()).toHaveLength(0);
    const bought = await ask('page.buy', { field: { maxLength: 3, partLengths: [3, 3, 4] }, gesture: seenClick }, pageSender(4, WHATSAPP));
    // A US number: its boxes take it without a trunk prefix, spaced so the page can spread it.
    expect(bought).toMatchObject({ ok: true, value: { status: 'bought', value: expect.stringMatching(/^\+1 \d{3} \d{3} \d{4}$/) } });
  });

  it("asks before a second purchase from the same site's pages within minutes, in any tab (a clicking game)", async () => {
    const { ask } = await setup();
    const click = { field: {}, gesture: seenClick };
    expect(await ask('page.buy', click, pageSender(4, WHATSAPP))).toMatchObject({ ok: true, value: { status: 'bought' } });
    clock.advance(2_000);
    expect(await ask('page.buy', click, pageSender(4, WHATSAPP))).toMatchObject({ ok: true, value: { status: 'confirming' } });
    clock.advance(2_000);
    expect(await ask('page.buy', click, pageSender(4, WHATSAPP))).toMatchObject({ ok: true, value: { status: 'confirming' } });
    expect(await charges()).toHaveLength(1);
    // Another tab of the site is the same game (each level in a new tab); another site is not.
    expect(await ask('page.buy', click, pageSender(5, 'https://web.whatsapp.com/level-2'))).toMatchObject({
      ok: true,
      value: { status: 'confirming' },
    });
    const instagram = pageSender(6, 'https://www.instagram.com/');
    const quoted = (await ask('page.context', {}, instagram)).value.quote.price as number;
    expect(await ask('page.buy', { field: {}, gesture: { ...seenClick, shownPrice: quoted } }, instagram)).toMatchObject({
      ok: true,
      value: { status: 'bought' },
    });
    // Counted from the last ask: minutes after it, one click buys again.
    clock.advance(REPEAT_WINDOW_MS);
    expect(await ask('page.buy', click, pageSender(4, WHATSAPP))).toMatchObject({ ok: true, value: { status: 'bought' } });
    expect(await charges()).toHaveLength(3);
  });

  it("asks when the page's country control leaves only a dear country (the page picks the price)", async () => {
    const { ask } = await setup({ defaultCountry: 187 });
    const offers = (
      (await ask('countries.list', { service: 'wa' }, extensionSender())).value as { id: number; flag?: string; price: number }[]
    ).filter((o) => o.flag);
    const dearest = offers.reduce((a, b) => (b.price > a.price ? b : a));
    expect(dearest.price).toBeGreaterThan(0.43 + 0.5);
    const dial = { GB: '44', US: '1' }[dearest.flag!] ?? (await import('libphonenumber-js')).getCountryCallingCode(dearest.flag! as never);
    const field = { countryControl: { options: [{ value: dearest.flag!, dialCode: String(dial), label: 'Only this' }] } };
    const reply = await ask(
      'page.buy',
      { field, gesture: { kind: 'button', seen: true, shownPrice: dearest.price } },
      pageSender(4, WHATSAPP),
    );
    expect(reply).toMatchObject({ ok: true, value: { status: 'confirming' } });
    expect(await charges()).toHaveLength(0);
  });

  it('asks when the price rose above what the button showed', async () => {
    const { ask } = await setup();
    const reply = await ask('page.buy', { field: {}, gesture: { kind: 'button', seen: true, shownPrice: 0.2 } }, pageSender(4, WHATSAPP));
    expect(reply).toMatchObject({ ok: true, value: { status: 'confirming' } });
    expect(await charges()).toHaveLength(0);
  });

  it('refuses a button purchase from a frame of another site, and one where autofill is off', async () => {
    const { ask } = await setup({ autofillDisabledSites: ['google.com'] });
    const adFrame = pageSender(1, 'https://www.instagram.com/embed', 3, { topUrl: WHATSAPP });
    expect(await ask('page.buy', { field: {}, gesture: seenClick }, adFrame)).toMatchObject({ ok: false, error: { kind: 'not-allowed' } });
    expect(await ask('page.buy', { field: {}, gesture: seenClick }, pageSender(1, 'https://accounts.google.com/'))).toMatchObject({
      ok: false,
    });
    expect(await charges()).toHaveLength(0);
  });

  it('says nothing of the wallet or the limits in the page; the notification says why', async () => {
    const { ask, recorded } = await setup({ dailySpendCap: 0.5 });
    await ask('page.buy', { field: {}, gesture: seenClick }, pageSender(4, WHATSAPP));
    clock.advance(REPEAT_WINDOW_MS);
    const refused = await ask('page.buy', { field: {}, gesture: seenClick }, pageSender(4, WHATSAPP));
    expect(refused.ok).toBe(false);
    expect(renderEn(refused.error!)).not.toMatch(/\d|\$|cap|balance|left|limit/i);
    expect(recorded.notifications.at(-1)!.message).toMatch(/daily spending cap/);
    expect(await charges()).toHaveLength(1);
  });
});

describe("the context menu: a token from the browser's own menu", () => {
  it("buys for the right-clicked frame's service once, with the token it was given", async () => {
    const { ask, engine, recorded } = await setup();
    const frameUrl = 'https://www.instagram.com/accounts/emailsignup/';
    await engine.onContextMenu({ menuItemId: 'numpool-get-number', frameId: 5, frameUrl, pageUrl: frameUrl }, { id: 9, url: frameUrl });
    const pushed = recorded.tabEvents.at(-1)!;
    expect(pushed).toMatchObject({ tabId: 9, frameId: 5, event: { event: 'menu.clicked', token: expect.any(String) } });
    const stolen = (pushed.event as { token: string }).token;
    // Another frame cannot use it, and trying burns it.
    expect(await ask('page.buy', { field: {}, gesture: { kind: 'menu', token: stolen } }, pageSender(9, frameUrl, 6))).toMatchObject({
      ok: false,
    });
    expect(await ask('page.buy', { field: {}, gesture: { kind: 'menu', token: stolen } }, pageSender(9, frameUrl, 5))).toMatchObject({
      ok: false,
    });
    expect(await charges()).toHaveLength(0);

    await engine.onContextMenu({ menuItemId: 'numpool-get-number', frameId: 5, frameUrl, pageUrl: frameUrl }, { id: 9, url: frameUrl });
    const token = (recorded.tabEvents.at(-1)!.event as { token: string }).token;
    const reply = await ask('page.buy', { field: { maxLength: 10 }, gesture: { kind: 'menu', token } }, pageSender(9, frameUrl, 5));
    expect(reply).toMatchObject({ ok: true, value: { status: 'bought' } });
    // Used once: the same token buys nothing again, and a made-up one neither.
    expect(await ask('page.buy', { field: {}, gesture: { kind: 'menu', token } }, pageSender(9, frameUrl, 5))).toMatchObject({ ok: false });
    expect(
      await ask('page.buy', { field: {}, gesture: { kind: 'menu', token: 'f'.repeat(32) } }, pageSender(9, frameUrl, 5)),
    ).toMatchObject({ ok: false });
    expect(await charges()).toHaveLength(1);
    expect((await engine.ctx.store.read()).orders[0]).toMatchObject({
      service: 'ig',
      fillTarget: { tabId: 9, frameId: 5, site: 'https://instagram.com' },
    });
  });

  it('asks in the window when the right-clicked field is in a frame of another site', async () => {
    const { ask, engine, recorded } = await setup();
    await engine.onContextMenu(
      { menuItemId: 'numpool-get-number', frameId: 3, frameUrl: 'https://www.instagram.com/embed', pageUrl: WHATSAPP },
      { id: 2, url: WHATSAPP },
    );
    const token = (recorded.tabEvents.at(-1)!.event as { token: string }).token;
    // Its autofill part may load to answer.
    expect(await ask('page.load', {}, pageSender(2, 'https://www.instagram.com/embed', 3, { topUrl: WHATSAPP }))).toMatchObject({
      ok: true,
    });
    const reply = await ask(
      'page.buy',
      { field: {}, gesture: { kind: 'menu', token } },
      pageSender(2, 'https://www.instagram.com/embed', 3, { topUrl: WHATSAPP }),
    );
    expect(reply).toMatchObject({ ok: true, value: { status: 'confirming' } });
    const view = await ask('confirm.get', { id: reply.value.requestId }, extensionSender('confirm.html'));
    expect(view).toMatchObject({
      ok: true,
      value: { serviceName: 'Instagram', site: 'instagram.com', topSite: 'whatsapp.com', reason: 'other-site-frame' },
    });
    expect(await charges()).toHaveLength(0);
  });

  it("asks in the popup when the site matches no service; the popup's purchase goes to that frame only", async () => {
    const { ask, engine, recorded } = await setup({}, { 4: 'https://example.org/signup' });
    await engine.onContextMenu(
      { menuItemId: 'numpool-get-number', frameId: 2, frameUrl: 'https://example.org/signup' },
      { id: 4, url: 'https://example.org/signup' },
    );
    expect(recorded.popupsOpened).toBe(1);
    expect(await charges()).toHaveLength(0);
    const order = await engine.handlers['order.buy']({ service: 'ds', country: 187, fillTabId: 4 }, extensionSender());
    expect(order.fillTarget).toEqual({ tabId: 4, frameId: 2, site: 'https://example.org' });
    expect(recorded.tabEvents.at(-1)).toEqual({ tabId: 4, frameId: 2, event: { np: 1, event: 'number.ready', orderId: order.orderId } });
    expect(await ask('page.number', { orderId: order.orderId, field: {} }, pageSender(4, 'https://other.example/', 2))).toEqual({
      ok: true,
      value: null,
    });
    expect(
      await ask('page.number', { orderId: order.orderId, field: {} }, pageSender(4, 'https://example.org/signup', 2, { documentId: 'd1' })),
    ).toMatchObject({ ok: true, value: { value: expect.any(String) } });
    // The first document that took the number is the one it belongs to.
    expect((await engine.ctx.store.read()).orders[0]!.fillTarget).toMatchObject({ documentId: 'd1' });
  });
});

describe('page.code and page.load: only the page an order belongs to', () => {
  it("answers the buying tab's pages of the same site, and no one else", async () => {
    const { ask, engine } = await setup();
    const bought = await ask('page.buy', { field: {}, gesture: seenClick }, pageSender(1, WHATSAPP, 0, { documentId: 'doc-1' }));
    await env.control.deliver({ order_id: bought.value.orderId, code: '990011' });
    engine.poller.stop();
    await engine.poller.tick();
    // The next page of the signup, in the same tab (a new document): the code.
    expect(await ask('page.code', {}, pageSender(1, 'https://signup.whatsapp.com/verify', 0, { documentId: 'doc-2' }))).toEqual({
      ok: true,
      value: { orderId: bought.value.orderId, code: '990011' },
    });
    // Another site in the same tab, a third-party frame in the page, another tab: nothing.
    expect(await ask('page.code', {}, pageSender(1, 'https://evil.example/next', 0))).toEqual({ ok: true, value: null });
    expect(
      await ask('page.code', {}, pageSender(1, 'https://ads.example.net/slot', 7, { topUrl: 'https://signup.whatsapp.com/verify' })),
    ).toEqual({ ok: true, value: null });
    expect(await ask('page.code', {}, pageSender(2, 'https://signup.whatsapp.com/verify'))).toEqual({ ok: true, value: null });
  });

  it('never answers plain http of the site an order was bought on over https (issue 17, attack 10)', async () => {
    const { ask, engine } = await setup();
    const apple = pageSender(1, 'https://appleid.apple.com/account', 0, { documentId: 'doc-1' });
    const { value: context } = await ask('page.context', {}, apple);
    const bought = await ask('page.buy', { field: {}, gesture: { ...seenClick, shownPrice: context.quote.price } }, apple);
    expect(bought.value.status).toBe('bought');
    await env.control.deliver({ order_id: bought.value.orderId, code: '551122' });
    engine.poller.stop();
    await engine.poller.tick();
    expect(await ask('page.code', {}, pageSender(1, 'http://www.apple.com/', 0, { documentId: 'doc-2' }))).toEqual({
      ok: true,
      value: null,
    });
    expect(
      await ask('page.number', { orderId: bought.value.orderId, field: {} }, pageSender(1, 'http://appleid.apple.com/account', 0)),
    ).toEqual({ ok: true, value: null });
    expect(await ask('page.code', {}, pageSender(1, 'https://www.apple.com/', 0, { documentId: 'doc-3' }))).toEqual({
      ok: true,
      value: { orderId: bought.value.orderId, code: '551122' },
    });
  });

  it('loads the autofill part only into frames that act for the page in the address bar', async () => {
    const { ask, recorded } = await setup();
    expect(await ask('page.load', {}, pageSender(1, WHATSAPP))).toMatchObject({ ok: true });
    expect(await ask('page.load', {}, pageSender(1, 'https://web.whatsapp.com/x', 3, { topUrl: WHATSAPP }))).toMatchObject({ ok: true });
    expect(await ask('page.load', {}, pageSender(1, 'https://ads.example.net/slot', 4, { topUrl: WHATSAPP }))).toMatchObject({
      ok: false,
      error: { kind: 'not-allowed' },
    });
    expect(recorded.injected.map((i) => i.frameId)).toEqual([0, 3]);
  });
});

describe('keyboard shortcuts', () => {
  it('"Get a number for the focused field" tells every frame; the focused one buys once with the token', async () => {
    const { ask, engine, recorded } = await setup();
    await engine.onCommand('get-number', { id: 3, url: WHATSAPP });
    const pushed = recorded.tabEvents.at(-1)!;
    // No frame named: the background cannot tell which one has the focus.
    expect(pushed).toEqual({ tabId: 3, event: { np: 1, event: 'shortcut.pressed', token: expect.any(String) } });
    const token = (pushed.event as { token: string }).token;
    const frame = pageSender(3, 'https://web.whatsapp.com/verify', 2, { topUrl: WHATSAPP });
    expect(await ask('page.buy', { field: {}, gesture: { kind: 'shortcut', token, seen: true } }, frame)).toMatchObject({
      ok: true,
      value: { status: 'bought' },
    });
    expect(await ask('page.buy', { field: {}, gesture: { kind: 'shortcut', token, seen: true } }, frame)).toMatchObject({ ok: false });
    // In another tab the token is worth nothing.
    await engine.onCommand('get-number', { id: 3, url: WHATSAPP });
    const other = (recorded.tabEvents.at(-1)!.event as { token: string }).token;
    expect(
      await ask('page.buy', { field: {}, gesture: { kind: 'shortcut', token: other, seen: true } }, pageSender(4, WHATSAPP)),
    ).toMatchObject({ ok: false });
    expect(await charges()).toHaveLength(1);
  });

  it('the shortcut on a field whose button was not in plain view asks in the window', async () => {
    const { ask, engine, recorded } = await setup();
    await engine.onCommand('get-number', { id: 3, url: WHATSAPP });
    const token = (recorded.tabEvents.at(-1)!.event as { token: string }).token;
    expect(await ask('page.buy', { field: {}, gesture: { kind: 'shortcut', token, seen: false } }, pageSender(3, WHATSAPP))).toMatchObject({
      ok: true,
      value: { status: 'confirming' },
    });
    expect(await charges()).toHaveLength(0);
  });

  it('"Copy the newest code" copies the code that came last, or says there is none', async () => {
    const { engine, recorded } = await setup();
    await engine.onCommand('copy-code', undefined);
    expect(recorded.copied).toEqual([]);
    expect(recorded.notifications.at(-1)!.title).toBe('No code yet');
    const first = await engine.purchases.buy({ service: 'wa', country: 187, fillTarget: null });
    const second = await engine.purchases.buy({ service: 'tg', country: 187, fillTarget: null });
    engine.poller.stop();
    await env.control.deliver({ order_id: second.orderId, code: '1111' });
    await engine.poller.pollOrder(second.orderId, 'background');
    clock.advance(1_000);
    await env.control.deliver({ order_id: first.orderId, code: '2222' });
    await engine.poller.pollOrder(first.orderId, 'background');
    await engine.onCommand('copy-code', undefined);
    expect(recorded.copied).toEqual(['2222']);
  });
});

describe('a rented number on the page', () => {
  async function withRental() {
    const h = await setup();
    const prices = await h.engine.handlers['rentals.prices']({ service: 'whatsapp' }, extensionSender());
    const oneDay = prices.durations.find((d) => d.duration === 'oneDay')!;
    const rental = await h.engine.handlers['rental.create'](
      { service: 'whatsapp', duration: 'oneDay', confirmedPrice: oneDay.price },
      extensionSender(),
    );
    return { ...h, rental, chargesBefore: (await charges()).length };
  }

  it("is offered first on its service's site, filled at no cost, and its next code goes to that page only", async () => {
    const { ask, engine, recorded, rental, chargesBefore } = await withRental();
    expect(await ask('page.context', {}, pageSender(1, WHATSAPP))).toMatchObject({ ok: true, value: { button: true, rental: true } });
    // Another service's site: no rental there.
    expect(await ask('page.context', {}, pageSender(1, 'https://www.instagram.com/'))).toMatchObject({
      ok: true,
      value: { rental: false },
    });
    const filled = await ask(
      'page.buy',
      { field: { maxLength: 10 }, gesture: seenClick, use: 'rental' },
      pageSender(1, WHATSAPP, 0, { documentId: 'd1' }),
    );
    expect(filled).toMatchObject({
      ok: true,
      value: { status: 'rented', rentalId: rental.rentalId, value: rental.number.replace(/^\+1/, '') },
    });
    expect((await charges()).length).toBe(chargesBefore);

    // The first message to the inbox after the fill is that page's code.
    await env.control.deliver({ rental_id: rental.rentalId, code: '424242' });
    engine.poller.stop();
    await engine.poller.tick();
    expect(recorded.tabEvents.at(-1)).toEqual({
      tabId: 1,
      frameId: 0,
      event: { np: 1, event: 'rentalCode.ready', rentalId: rental.rentalId },
    });
    expect(await ask('page.code', {}, pageSender(1, 'https://signup.whatsapp.com/verify'))).toEqual({
      ok: true,
      value: { rentalId: rental.rentalId, code: '424242' },
    });
    expect(await ask('page.code', {}, pageSender(1, 'https://evil.example/'))).toEqual({ ok: true, value: null });
    expect(await ask('page.code', {}, pageSender(2, WHATSAPP))).toEqual({ ok: true, value: null });
  });

  it("a message that came before the fill is not the page's code", async () => {
    const { ask, engine, rental } = await withRental();
    await env.control.deliver({ rental_id: rental.rentalId, code: '111111' });
    await engine.handlers['rental.open']({ rentalId: rental.rentalId }, extensionSender());
    await ask('page.buy', { field: {}, gesture: seenClick, use: 'rental' }, pageSender(1, WHATSAPP));
    expect(await ask('page.code', {}, pageSender(1, WHATSAPP))).toEqual({ ok: true, value: null });
  });

  it('the menu and the shortcut use the rented number first; buying a new one stays one choice away (asking, right after)', async () => {
    const { ask, engine, recorded, rental, chargesBefore } = await withRental();
    await engine.onContextMenu({ menuItemId: 'numpool-get-number', frameId: 0, frameUrl: WHATSAPP }, { id: 5, url: WHATSAPP });
    const token = (recorded.tabEvents.at(-1)!.event as { token: string }).token;
    expect(await ask('page.buy', { field: {}, gesture: { kind: 'menu', token } }, pageSender(5, WHATSAPP))).toMatchObject({
      ok: true,
      value: { status: 'rented', rentalId: rental.rentalId },
    });
    expect((await charges()).length).toBe(chargesBefore);
    // Right after the rented number, a new one is the site's second ask: it asks, as any repeat.
    expect(await ask('page.buy', { field: {}, gesture: seenClick, use: 'new' }, pageSender(6, WHATSAPP))).toMatchObject({
      ok: true,
      value: { status: 'confirming' },
    });
    clock.advance(REPEAT_WINDOW_MS);
    expect(await ask('page.buy', { field: {}, gesture: seenClick, use: 'new' }, pageSender(6, WHATSAPP))).toMatchObject({
      ok: true,
      value: { status: 'bought' },
    });
    expect((await charges()).length).toBe(chargesBefore + 1);
  });

  it('a frame of another site never gets the rented number', async () => {
    const { ask, engine, recorded } = await withRental();
    await engine.onContextMenu(
      {
        menuItemId: 'numpool-get-number',
        frameId: 3,
        frameUrl: 'https://web.whatsapp.com.evil.example/x',
        pageUrl: 'https://news.example/',
      },
      { id: 7, url: 'https://news.example/' },
    );
    // That site matches no service: the popup is asked instead, and nothing is filled.
    expect(recorded.tabEvents.filter((e) => e.event.event === 'menu.clicked')).toHaveLength(0);
    const inFrame = pageSender(7, WHATSAPP, 3, { topUrl: 'https://news.example/' });
    expect(await ask('page.buy', { field: {}, gesture: seenClick, use: 'rental' }, inFrame)).toMatchObject({ ok: false });
  });

  it('tells the user once, a day before a rental ends', async () => {
    const { engine, recorded, rental } = await withRental();
    clock.advance(Date.parse(rental.endsAt) - clock.now() - 23 * 3_600_000);
    await engine.onAlarm('numpool-poll');
    await engine.onAlarm('numpool-poll');
    expect(recorded.notifications.filter((n) => n.title.includes('ends soon'))).toEqual([
      { title: `Your rental of ${rental.number} ends soon`, message: expect.stringMatching(/about 23 h/) },
    ]);
  });
});
