import { describe, expect, it } from 'vitest';
import {
  actsForTopPage,
  fillTargetFor,
  orderServesFrame,
  pageFrameOf,
  registrableDomain,
  schemeOf,
  siteOf,
} from '../../../lib/engine/page/page-site';
import { confirmationReason, PAGE_PRICE_MARGIN, REPEAT_WINDOW_MS } from '../../../lib/engine/page/page-purchases';
import { pageSafeError } from '../../../lib/engine/page/page-requests';
import { EngineError } from '../../../lib/engine/errors';
import { NumPoolError } from '../../../lib/numpool/errors';
import { en } from '../i18n/en';
import { SERVICES } from '../../sandbox/catalog';

const services = [
  { id: 'wa', name: 'WhatsApp', domain: 'whatsapp.com' },
  { id: 'ms', name: 'Microsoft', domain: 'microsoft.com' },
  { id: 'ms2', name: 'Microsoft', domain: 'live.com' },
  { id: 'ig', name: 'Instagram', domain: 'instagram.com' },
];

describe('sites', () => {
  it('is the scheme and the registrable domain, from the Public Suffix List', () => {
    expect(siteOf('https', 'signup.whatsapp.com')).toBe('https://whatsapp.com');
    expect(siteOf('http', 'www.apple.com')).toBe('http://apple.com');
    expect(siteOf('https', 'a.b.example.co.uk')).toBe('https://example.co.uk');
    // Private suffixes count: two GitHub Pages users are two sites.
    expect(siteOf('https', 'alice.github.io')).not.toBe(siteOf('https', 'bob.github.io'));
    expect(siteOf('http', '127.0.0.1')).toBe('http://127.0.0.1');
    expect(siteOf('http', 'localhost')).toBe('http://localhost');
    expect(siteOf('https', null)).toBeNull();
    expect(siteOf(null, 'apple.com')).toBeNull();
    expect(registrableDomain('appleid.apple.com')).toBe('apple.com');
  });

  it('reads the scheme of http and https pages only', () => {
    expect(schemeOf('https://appleid.apple.com/account')).toBe('https');
    expect(schemeOf('http://www.apple.com/')).toBe('http');
    expect(schemeOf('ftp://apple.com/')).toBeNull();
    expect(schemeOf('not a url')).toBeNull();
    expect(schemeOf(undefined)).toBeNull();
  });

  it('lets a frame act for the page only when it is the top frame, of the same site, or of the same service', () => {
    const top = 'signup.whatsapp.com';
    const f = (
      frameId: number,
      host: string | null,
      topHost: string,
      scheme: 'https' | 'http' = 'https',
      topScheme: 'https' | 'http' = 'https',
    ) => ({ frameId, host, topHost, scheme, topScheme });
    expect(actsForTopPage(f(0, 'anything.example', top), services)).toBe(true);
    expect(actsForTopPage(f(3, 'web.whatsapp.com', top), services)).toBe(true);
    expect(actsForTopPage(f(3, 'ads.example.net', top), services)).toBe(false);
    // A service site in someone else's page is still another site.
    expect(actsForTopPage(f(3, 'www.instagram.com', top), services)).toBe(false);
    // A service's own domains count as one site... only if the catalog says they are one service.
    expect(actsForTopPage(f(3, 'login.live.com', 'account.microsoft.com'), services)).toBe(false);
    expect(
      actsForTopPage(f(3, 'login.live.com', 'account.microsoft.com'), [
        { id: 'ms', name: 'Microsoft', domain: 'live.com' },
        { id: 'ms', name: 'Microsoft', domain: 'microsoft.com' },
      ]),
    ).toBe(true);
    expect(actsForTopPage(f(3, null, top), services)).toBe(false);
    // Plain http is another site, even of the same domain or service.
    expect(actsForTopPage(f(3, 'web.whatsapp.com', top, 'http'), services)).toBe(false);
    expect(actsForTopPage(f(3, 'web.whatsapp.com', top, 'https', 'http'), services)).toBe(false);
  });

  const frame = (tabId: number, host: string, scheme: 'https' | 'http' = 'https') => ({
    tabId,
    frameId: 0,
    host,
    topHost: host,
    scheme,
    topScheme: scheme,
  });

  it("sends an order's number and code only to its tab and site", () => {
    const target = fillTargetFor({ ...frame(4, 'signup.whatsapp.com'), documentId: 'doc' });
    expect(target).toEqual({ tabId: 4, frameId: 0, documentId: 'doc', site: 'https://whatsapp.com' });
    expect(orderServesFrame(target, frame(4, 'verify.whatsapp.com'))).toBe(true);
    expect(orderServesFrame(target, frame(4, 'evil.example'))).toBe(false);
    expect(orderServesFrame(target, frame(5, 'signup.whatsapp.com'))).toBe(false);
    // Orders from before sites were recorded, and orders bought in the popup alone, serve no page.
    expect(orderServesFrame({ tabId: 4, frameId: 0 }, frame(4, 'signup.whatsapp.com'))).toBe(false);
    expect(orderServesFrame(null, frame(4, 'signup.whatsapp.com'))).toBe(false);
  });

  it('never sends a code bought on https to plain http of the same site (issue 17, attack 10)', () => {
    const target = fillTargetFor(frame(4, 'appleid.apple.com'));
    expect(orderServesFrame(target, frame(4, 'www.apple.com', 'http'))).toBe(false);
    expect(orderServesFrame(target, frame(4, 'appleid.apple.com', 'http'))).toBe(false);
    expect(orderServesFrame(target, frame(4, 'www.apple.com', 'https'))).toBe(true);
    // Bought on http, it stays on http: an https page of the domain is not that site either.
    const plain = fillTargetFor(frame(4, 'shop.example.com', 'http'));
    expect(plain.site).toBe('http://example.com');
    expect(orderServesFrame(plain, frame(4, 'shop.example.com', 'https'))).toBe(false);
    // A frame whose scheme the browser did not say (no URL) is no site: nothing is bound to it or sent to it.
    expect(fillTargetFor({ ...frame(4, 'appleid.apple.com'), scheme: null }).site).toBeUndefined();
    expect(orderServesFrame(target, { ...frame(4, 'appleid.apple.com'), scheme: null })).toBe(false);
  });

  it("site binding: a service's named domains are one site; its country stores are each their own (issue 18)", () => {
    const bought = (host: string, scheme: 'https' | 'http' = 'https') => fillTargetFor(frame(4, host, scheme));
    // Named in the reviewed file for one service: its sign-up moves between them.
    expect(orderServesFrame(bought('signup.live.com'), frame(4, 'account.microsoft.com'))).toBe(true);
    expect(orderServesFrame(bought('twitter.com'), frame(4, 'x.com'))).toBe(true);
    expect(orderServesFrame(bought('www.icloud.com'), frame(4, 'appleid.apple.com'))).toBe(true);
    expect(orderServesFrame(bought('store.steampowered.com'), frame(4, 'steamcommunity.com'))).toBe(true);
    // ...but never across schemes, tabs or services.
    expect(orderServesFrame(bought('signup.live.com'), frame(4, 'account.microsoft.com', 'http'))).toBe(false);
    expect(orderServesFrame(bought('signup.live.com'), frame(5, 'account.microsoft.com'))).toBe(false);
    expect(orderServesFrame(bought('twitter.com'), frame(4, 'www.facebook.com'))).toBe(false);
    // Country stores (a brand.* rule): a code bought on shopee.co.id goes to shopee.co.id only.
    expect(orderServesFrame(bought('shopee.co.id'), frame(4, 'shopee.co.id'))).toBe(true);
    expect(orderServesFrame(bought('shopee.co.id'), frame(4, 'shopee.vn'))).toBe(false);
    expect(orderServesFrame(bought('www.amazon.de'), frame(4, 'www.amazon.com'))).toBe(false);
    expect(orderServesFrame(bought('www.amazon.com'), frame(4, 'www.amazon.co.uk'))).toBe(false);
    expect(orderServesFrame(bought('shopee.co.id'), frame(4, 'shopee.xyz'))).toBe(false);
  });

  it('a frame of another named domain of the same service acts for the page; another country store of it too (same service)', () => {
    const f = (host: string, topHost: string) => ({ frameId: 2, host, topHost, scheme: 'https' as const, topScheme: 'https' as const });
    expect(actsForTopPage(f('login.live.com', 'account.microsoft.com'), SERVICES)).toBe(true);
    expect(actsForTopPage(f('twitter.com', 'x.com'), SERVICES)).toBe(true);
    expect(actsForTopPage(f('amazonaws.com', 'www.amazon.com'), SERVICES)).toBe(false);
  });

  it('reads the frame from what the browser says of the sender', () => {
    expect(pageFrameOf({ tab: { id: 2, url: 'https://a.example/x' }, frameId: 3, documentId: 'd', url: 'http://b.example/y' })).toEqual({
      tabId: 2,
      frameId: 3,
      documentId: 'd',
      host: 'b.example',
      topHost: 'a.example',
      scheme: 'http',
      topScheme: 'https',
    });
    expect(pageFrameOf({ url: 'https://b.example/' })).toBeNull();
  });
});

describe('when an in-page purchase asks first', () => {
  const base = { actsForTop: true, lastPagePurchaseAt: null, now: 1_000_000, price: 0.43, usualPrice: 0.43 };
  const seen = { kind: 'button', seen: true, shownPrice: 0.43 } as const;
  it('goes ahead on a click on a button that was seen, once in a while, at the usual price', () => {
    expect(confirmationReason({ ...base, gesture: seen })).toBeNull();
    expect(confirmationReason({ ...base, gesture: { kind: 'menu', token: 'x'.repeat(32) } })).toBeNull();
  });
  it('asks when the button was not seen (covered, moved, hidden, or the browser cannot tell)', () => {
    expect(confirmationReason({ ...base, gesture: { ...seen, seen: false } })).toBe('not-seen');
  });
  it('asks for a second purchase from a page in the same tab within minutes, not after', () => {
    expect(confirmationReason({ ...base, gesture: seen, lastPagePurchaseAt: base.now - 2_000 })).toBe('repeat');
    expect(confirmationReason({ ...base, gesture: seen, lastPagePurchaseAt: base.now - REPEAT_WINDOW_MS })).toBeNull();
  });
  it("asks when the page's choice costs clearly more than usual, or more than the button said", () => {
    expect(confirmationReason({ ...base, gesture: { ...seen, shownPrice: 2 }, price: 2, usualPrice: 0.43 })).toBe('price');
    expect(confirmationReason({ ...base, gesture: { ...seen, shownPrice: 0.9 }, price: 0.9, usualPrice: 0.43 })).toBeNull();
    expect(confirmationReason({ ...base, gesture: { kind: 'menu', token: 'x'.repeat(32) }, price: 0.43 + PAGE_PRICE_MARGIN + 0.01 })).toBe(
      'price',
    );
    expect(confirmationReason({ ...base, gesture: { ...seen, shownPrice: 0.3 }, price: 0.43 })).toBe('price');
  });
  it('always asks for a frame of another site', () => {
    expect(confirmationReason({ ...base, gesture: { kind: 'menu', token: 'x'.repeat(32) }, actsForTop: false })).toBe('other-site-frame');
  });
});

describe('what a failure may say inside a page', () => {
  it('never the wallet, the limits or amounts', () => {
    const cases = [
      new EngineError('guard', 'errorOverDailyCap', ['$20.00', '$1.20']),
      new EngineError('guard', 'errorAboveMaxPrice', ['$3.10', '$2.00']),
      new NumPoolError({ kind: 'insufficient-funds', endpoint: 'POST /buy', status: 402 }),
      new NumPoolError({ kind: 'unauthorized', endpoint: 'POST /buy', status: 401 }),
    ];
    for (const error of cases)
      expect(en(pageSafeError(error).key, ...(pageSafeError(error).params ?? []))).not.toMatch(/\d|\$|cap|balance|left|limit|funds|key/i);
  });
  it('keeps the words that are about the page (no service, nothing in stock)', () => {
    expect(en(pageSafeError(new EngineError('invalid-input', 'errorNoStockForField')).key)).toMatch(/in stock/);
  });
});
