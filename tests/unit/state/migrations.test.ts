import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { migrate } from '../../../lib/state/migrations';
import { SETTINGS_VERSION, settingsItem, stateItem } from '../../../lib/state/store';

const parseSettings = (raw: unknown) => settingsItem.parse(raw);
const parseState = (raw: unknown) => stateItem.parse(raw);
import { DEFAULT_SETTINGS, EMPTY_STATE, STATE_VERSION } from '../../../lib/state/schema';

describe('stored state migrations', () => {
  it('runs migrations in order and stamps the version', () => {
    // Keyed by the version each step produces, as WXT's storage items are.
    const steps = {
      1: (d: Record<string, unknown>) => ({ ...d, a: 1 }),
      2: (d: Record<string, unknown>) => ({ ...d, b: (d.a as number) + 1 }),
    };
    expect(migrate({ x: true }, steps, 2)).toEqual({ x: true, a: 1, b: 2, version: 2 });
    expect(migrate({ version: 1, a: 5 }, steps, 2)).toEqual({ version: 2, a: 5, b: 6 });
  });

  it('refuses documents from a newer version or with no path', () => {
    expect(migrate({ version: 9 }, {}, 2)).toBeNull();
    expect(migrate({ version: 0 }, {}, 1)).toBeNull();
    expect(migrate('nonsense', {}, 1)).toBeNull();
  });

  it('brings settings v1 (one autoCancelMinutes number) to v2 (switch + delay)', () => {
    expect(parseSettings({ version: 1, autoCancelMinutes: 0, badge: false })).toMatchObject({
      autoCancel: false,
      autoCancelAfterMin: DEFAULT_SETTINGS.autoCancelAfterMin,
      badge: false,
    });
    expect(parseSettings({ version: 1, autoCancelMinutes: 7 })).toMatchObject({ autoCancel: true, autoCancelAfterMin: 7 });
  });

  it('keeps every valid setting when one is broken, and defaults what is missing', () => {
    const s = parseSettings({ version: SETTINGS_VERSION, badge: false, maxPricePerNumber: 'cheap', favouriteServices: ['wa'] });
    expect(s).toMatchObject({
      badge: false,
      maxPricePerNumber: DEFAULT_SETTINGS.maxPricePerNumber,
      favouriteServices: ['wa'],
      notifications: true,
    });
  });

  it('turns the spending limits on for settings from v2, where off was only the default', () => {
    expect(parseSettings({ version: 2, maxPricePerNumber: null, dailySpendCap: null })).toMatchObject({
      maxPricePerNumber: 2,
      dailySpendCap: 20,
    });
    // A limit the user had set is kept; a limit switched off after v3 stays off.
    expect(parseSettings({ version: 2, maxPricePerNumber: 0.5, dailySpendCap: 100 })).toMatchObject({
      maxPricePerNumber: 0.5,
      dailySpendCap: 100,
    });
    expect(parseSettings({ version: 3, maxPricePerNumber: null, dailySpendCap: null })).toMatchObject({
      maxPricePerNumber: null,
      dailySpendCap: null,
    });
  });

  it('reads settings from before sites of no service as none chosen; a malformed choice is dropped, never trusted', () => {
    expect(parseSettings({ version: 3, badge: false }).siteServices).toEqual([]);
    expect(parseSettings({ version: 1, autoCancelMinutes: 7 }).siteServices).toEqual([]);
    const one = { site: 'https://example.org', service: 'tg' };
    expect(parseSettings({ version: 3, siteServices: [one] }).siteServices).toEqual([one]);
    for (const bad of [
      { site: 'example.org', service: 'tg' },
      { site: 'https://example.org/path', service: 'tg' },
      { site: 'javascript://x', service: 'tg' },
      { site: 'https://example.org', service: '' },
    ]) {
      expect(parseSettings({ version: 3, siteServices: [one, bad], badge: false })).toMatchObject({ siteServices: [], badge: false });
    }
  });

  it('falls back to an empty state instead of trusting a corrupt one', () => {
    expect(parseState({ version: 1, orders: 'lots' })).toEqual(EMPTY_STATE);
    expect(parseState(undefined)).toEqual(EMPTY_STATE);
    expect(parseState({ orders: [] })).toEqual(EMPTY_STATE); // v0 without the other fields: filled in
  });

  it('brings state v1 to v2: orders count unannounced codes (none), rentals lose `watched`, uncertain purchases lose `kind`', () => {
    const order = {
      orderId: 'o1',
      service: 'wa',
      country: 0,
      number: '+79001234567',
      cost: 0.2,
      state: 'received',
      rawStatus: 'received',
      createdAt: 1,
      messages: [{ code: '1', text: null, at: 1 }],
      autoCancelAt: null,
      refunded: null,
      fillTarget: null,
      dismissed: false,
    };
    const rental = {
      rentalId: 'r1',
      service: 'discord',
      number: '+12015550123',
      days: 1,
      cost: 1.2,
      endsAt: '2026-06-14T00:00:00Z',
      messages: [],
      seen: 0,
      watched: true,
    };
    const uncertain = { service: 'wa', country: 0, sentAt: 5, fillTarget: null, knownIds: [] };
    const v2 = parseState({
      version: 1,
      orders: [order],
      rentals: [rental],
      balance: null,
      spending: [],
      uncertain: [
        { kind: 'order', ...uncertain },
        { kind: 'rental', ...uncertain, sentAt: 6 },
      ],
    });
    expect(v2).toEqual({
      version: STATE_VERSION,
      orders: [{ ...order, unannounced: 0 }],
      rentals: [{ ...rental, watched: undefined }].map(({ watched: _w, ...r }) => r),
      balance: null,
      spending: [],
      uncertain: [uncertain],
      uncertainRentals: [],
    });
  });

  it("brings state v2 to v3: a fill target's site without a scheme is an https site", () => {
    const target = (site?: string) => ({ tabId: 4, frameId: 0, ...(site ? { site } : {}) });
    const order = (orderId: string, site?: string) => ({
      orderId,
      service: 'wx',
      country: 187,
      number: '+12015550123',
      cost: 0.2,
      state: 'waiting',
      rawStatus: 'pending',
      createdAt: 1,
      messages: [],
      autoCancelAt: null,
      refunded: null,
      fillTarget: target(site),
      dismissed: false,
      unannounced: 0,
    });
    const rental = {
      rentalId: 'r1',
      service: 'discord',
      number: '+12015550123',
      days: 1,
      cost: 1.2,
      endsAt: '2026-06-14T00:00:00Z',
      messages: [],
      seen: 0,
      fill: { target: target('discord.com'), since: 3 },
    };
    const v3 = parseState({
      version: 2,
      orders: [order('o1', 'apple.com'), order('o2'), { ...order('o3'), fillTarget: null }],
      rentals: [rental, { ...rental, rentalId: 'r2', fill: undefined }],
      balance: null,
      spending: [],
      uncertain: [{ service: 'wx', country: 187, sentAt: 5, fillTarget: target('apple.com'), knownIds: [] }],
    });
    expect(v3.version).toBe(STATE_VERSION);
    expect(v3.orders.map((o) => o.fillTarget)).toEqual([target('https://apple.com'), target(), null]);
    expect(v3.rentals[0]!.fill!.target.site).toBe('https://discord.com');
    expect(v3.rentals[1]!.fill).toBeUndefined();
    expect(v3.uncertain[0]!.fillTarget!.site).toBe('https://apple.com');
  });

  it('refuses a stored site that is not scheme + domain', () => {
    const doc = {
      ...EMPTY_STATE,
      uncertain: [{ service: 'wx', country: 187, sentAt: 5, fillTarget: { tabId: 1, frameId: 0, site: 'apple.com' }, knownIds: [] }],
    };
    expect(parseState(doc)).toEqual(EMPTY_STATE);
  });

  it('brings state v2 on to v4: an order ended by a word we did not know waits again (polled, cancellable); a 404 is "not found"; no uncertain rental', () => {
    const base = {
      service: 'wa',
      country: 187,
      number: '+12015550123',
      cost: 0.43,
      createdAt: 1,
      autoCancelAt: 601,
      refunded: null,
      fillTarget: null,
      dismissed: false,
      unannounced: 0,
    };
    const orders = [
      { ...base, orderId: 'word', state: 'unknown', rawStatus: 'processing', messages: [] },
      { ...base, orderId: 'code', state: 'unknown', rawStatus: 'processing', messages: [{ code: '1', text: null, at: 2 }] },
      { ...base, orderId: 'gone', state: 'unknown', rawStatus: 'not found', messages: [] },
      { ...base, orderId: 'done', state: 'received', rawStatus: 'received', messages: [{ code: '2', text: null, at: 3 }] },
    ];
    const v4 = parseState({ version: 2, orders, rentals: [], balance: null, spending: [], uncertain: [] });
    expect(v4.version).toBe(STATE_VERSION);
    expect(v4.orders.map((o) => [o.orderId, o.state, o.rawStatus])).toEqual([
      ['word', 'waiting', 'processing'],
      ['code', 'received', 'processing'],
      ['gone', 'not-found', 'not found'],
      ['done', 'received', 'received'],
    ]);
    expect(v4.orders[0]!.autoCancelAt).toBe(601);
    // Rentals are now written down as uncertain before they are sent: none yet.
    expect(v4.uncertainRentals).toEqual([]);
  });

  it('round-trips through extension storage', async () => {
    fakeBrowser.reset();
    await settingsItem.in(fakeBrowser.storage).setValue({ ...DEFAULT_SETTINGS, defaultCountry: 187 });
    expect((await settingsItem.in(fakeBrowser.storage).getValue()).defaultCountry).toBe(187);
    expect(await stateItem.in(fakeBrowser.storage).getValue()).toEqual(EMPTY_STATE);
  });
});
