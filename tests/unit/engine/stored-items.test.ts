import { readFileSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { FakeClock, useSandbox } from '../../sandbox/test-helpers';
import { askAs, engineHarness, extensionSender, pageSender } from './harness';
import { CONTEXT_MENU_ID } from '../../../lib/engine/gestures/context-menu';
import { POLL_ALARM } from '../../../lib/engine/polling/poller';
import { GET_NUMBER_COMMAND } from '../../../lib/engine/gestures/shortcuts';
import type { InvalidDocument } from '../../../lib/state/item';
import { FAMILIES, ITEMS } from '../../../lib/engine/stored-items';
import { STORAGE_KEYS } from '../../../lib/state/keys';
import { DEFAULT_SETTINGS, STATE_VERSION } from '../../../lib/state/schema';
import { SETTINGS_VERSION } from '../../../lib/state/store';

/**
 * Issue 19: every stored document is one item of the registry. Documents the extension stored
 * before the registry (version inside the document) are read without loss; a broken one falls
 * back and is logged; no key is written that the registry does not declare, and the API key is
 * in none of them.
 */
const clock = new FakeClock();
const env = useSandbox({ autoDeliver: false, fakeClock: clock });
let stop: (() => void) | undefined;
afterEach(() => stop?.());

const WHATSAPP = 'https://signup.whatsapp.com/phone';

async function setup(options: { apiKey?: string | null } = {}) {
  const h = await engineHarness({
    baseUrl: env.sandbox.baseUrl,
    apiKey: options.apiKey === undefined ? env.sandbox.demoKey : options.apiKey,
    clock,
    settings: { defaultCountry: 187 },
  });
  stop = h.stop;
  return { ...h, ask: askAs(h.engine) };
}

async function everything(): Promise<{ local: Record<string, unknown>; session: Record<string, unknown> }> {
  return {
    local: await fakeBrowser.storage.local.get(null as unknown as string),
    session: await fakeBrowser.storage.session.get(null as unknown as string),
  };
}

/** The registry's item for a stored key, or undefined: what a key not declared there gives. */
function itemFor(area: 'local' | 'session', key: string) {
  const item = Object.values(ITEMS).find((i) => i.area === area && i.key === key);
  if (item) return item;
  const family = Object.values(FAMILIES).find((f) => f.area === area && key.startsWith(f.prefix));
  return family?.item(key.slice(family.prefix.length));
}

// Real documents as the extension stored them before the registry: the version inside.
const order = {
  orderId: 'o1',
  service: 'wa',
  country: 0,
  number: '+79001234567',
  cost: 0.2,
  state: 'received',
  rawStatus: 'received',
  createdAt: 1,
  messages: [{ code: '482913', text: null, at: 1 }],
  autoCancelAt: null,
  refunded: null,
  fillTarget: { tabId: 4, frameId: 0, site: 'whatsapp.com' },
  dismissed: false,
};
const rental = {
  rentalId: 'r1',
  service: 'discord',
  number: '+12015550123',
  days: 1,
  cost: 1.2,
  endsAt: '2126-06-14T00:00:00Z',
  messages: [],
  seen: 0,
};
const STORED_THE_OLD_WAY = {
  v1: {
    version: 1,
    orders: [order],
    rentals: [{ ...rental, watched: true }],
    balance: null,
    spending: [{ at: 1, amount: 0.2 }],
    uncertain: [],
  },
  v2: {
    version: 2,
    orders: [{ ...order, unannounced: 0 }],
    rentals: [rental],
    balance: null,
    spending: [{ at: 1, amount: 0.2 }],
    uncertain: [],
  },
  v3: {
    version: 3,
    orders: [{ ...order, unannounced: 0, fillTarget: { tabId: 4, frameId: 0, site: 'https://whatsapp.com' } }],
    rentals: [rental],
    balance: null,
    spending: [{ at: 1, amount: 0.2 }],
    uncertain: [],
  },
};

describe('documents stored before the registry', () => {
  for (const [name, doc] of Object.entries(STORED_THE_OLD_WAY)) {
    it(`state ${name} is read whole, and the next save writes the current version inside it`, async () => {
      fakeBrowser.reset();
      await fakeBrowser.storage.local.set({ [STORAGE_KEYS.state]: doc });
      const stored = ITEMS.state.in(fakeBrowser.storage);
      const state = await stored.getValue();
      expect(state.version).toBe(STATE_VERSION);
      expect(state.orders).toMatchObject([
        { orderId: 'o1', state: 'received', messages: [{ code: '482913' }], fillTarget: { site: 'https://whatsapp.com' }, unannounced: 0 },
      ]);
      expect(state.rentals).toMatchObject([{ rentalId: 'r1' }]);
      expect(state.rentals[0]).not.toHaveProperty('watched');
      expect(state.spending).toEqual([{ at: 1, amount: 0.2 }]);
      await stored.setValue(state);
      const raw = (await fakeBrowser.storage.local.get(STORAGE_KEYS.state))[STORAGE_KEYS.state];
      expect(raw).toMatchObject({ version: STATE_VERSION, orders: [{ orderId: 'o1' }] });
      // No WXT-style `state$` meta key: the version stays where the popup's first read finds it.
      expect(Object.keys(await fakeBrowser.storage.local.get(null as unknown as string))).toEqual([STORAGE_KEYS.state]);
    });
  }

  it("the engine starts on a v1 state and v1 settings without losing the code or the user's choices", async () => {
    const h = await setup();
    await fakeBrowser.storage.local.set({
      [STORAGE_KEYS.state]: STORED_THE_OLD_WAY.v1,
      [STORAGE_KEYS.settings]: { version: 1, autoCancelMinutes: 0, badge: false, apiBaseUrl: env.sandbox.baseUrl },
    });
    const worker = h.restart();
    expect(JSON.stringify(await worker.handlers['snapshot.get']({}, extensionSender()))).toContain('482913');
    expect(await worker.ctx.settings()).toMatchObject({ badge: false, autoCancel: false, apiBaseUrl: env.sandbox.baseUrl });
  });

  it('settings v1 and a v1 or v2 rate budget are brought up to date', () => {
    expect(ITEMS.settings.parse({ version: 1, autoCancelMinutes: 7, badge: false })).toMatchObject({
      autoCancel: true,
      autoCancelAfterMin: 7,
      badge: false,
    });
    expect(ITEMS.settings.serialize({ ...DEFAULT_SETTINGS })).toMatchObject({ version: SETTINGS_VERSION });
    expect(FAMILIES.budget.item('k').parse({ version: 1, sends: [5], pausedUntil: 0 })).toEqual({
      version: 3,
      sends: [5],
      background: [],
      page: [],
      pausedUntil: 0,
    });
    // v2 counted a page's lookups as polls: they stay polls (a minute at most).
    expect(FAMILIES.budget.item('k').parse({ version: 2, sends: [5, 6], background: [6], pausedUntil: 0 })).toEqual({
      version: 3,
      sends: [5, 6],
      background: [6],
      page: [],
      pausedUntil: 0,
    });
  });
});

describe('a broken document', () => {
  it('falls back to its default, is logged, and the engine goes on', async () => {
    const h = await setup();
    // A newer extension's state (a downgrade) and a catalog that is not one.
    await fakeBrowser.storage.local.set({
      [STORAGE_KEYS.state]: { version: STATE_VERSION + 1, orders: [] },
      [STORAGE_KEYS.catalog]: { version: 1, services: 'all of them', offers: {} },
    });
    const worker = h.restart();
    await expect(worker.handlers['snapshot.get']({}, extensionSender())).resolves.toMatchObject({ orders: [] });
    await askAs(worker)('page.context', { field: {} }, pageSender(4, WHATSAPP));
    expect(await worker.ctx.diagnostics.list()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'error', where: 'reading the stored state', error: 'InvalidDocument' }),
        expect.objectContaining({ kind: 'error', where: 'reading the stored catalog', error: 'InvalidDocument' }),
      ]),
    );
  });
});

describe('one broken setting', () => {
  it('takes its default, keeps the others, and is said', () => {
    const said: InvalidDocument[] = [];
    const settings = ITEMS.settings.parse({ version: SETTINGS_VERSION, badge: 'yes', notifications: false }, (e) => said.push(e));
    expect(settings).toMatchObject({ badge: DEFAULT_SETTINGS.badge, notifications: false });
    expect(said).toMatchObject([{ key: STORAGE_KEYS.settings, reason: 'invalid', issues: [{ path: 'badge' }] }]);
    // A setting that is only missing (added by a later version) is not a problem.
    said.length = 0;
    ITEMS.settings.parse({ version: SETTINGS_VERSION, notifications: false }, (e) => said.push(e));
    expect(said).toEqual([]);
  });
});

describe('the registry holds every stored key', () => {
  it('after a whole session (purchases, a code, a rental, pages, menu and shortcut, settings, the key changed), every key is declared and the API key is in none', async () => {
    const { engine, ask } = await setup();
    const apiKey = env.sandbox.demoKey;
    await engine.start();
    // A page, including a hostile one whose names try to be storage keys.
    await ask('page.context', { field: {} }, pageSender(4, WHATSAPP));
    await ask('page.buy', { field: {}, gesture: { kind: 'button', seen: false, shownPrice: 0.43 } }, pageSender(4, WHATSAPP));
    await ask('page.context', { field: {} }, pageSender(5, 'https://__proto__.example/state$'));
    await ask(
      'page.buy',
      { field: {}, gesture: { kind: 'button', seen: true, shownPrice: 0.01 } },
      pageSender(5, 'https://secret-apikey.example/'),
    );
    await engine.onContextMenu(
      { menuItemId: CONTEXT_MENU_ID, frameId: 0, pageUrl: 'https://budget-x.example/' },
      { id: 6, url: 'https://budget-x.example/' },
    );
    await engine.onCommand(GET_NUMBER_COMMAND, { id: 4, url: WHATSAPP });
    const order = await engine.purchases.buy({ service: 'wa', country: 187, fillTarget: null });
    await env.control.deliver({ order_id: order.orderId, code: '482913' });
    await engine.poller.tick();
    await engine.handlers['rental.create']({ service: 'discord', duration: 'oneDay', confirmedPrice: 1.2 }, extensionSender());
    await engine.onAlarm(POLL_ALARM);
    await engine.handlers['settings.update']({ badge: false }, extensionSender('options.html'));
    await engine.ctx.account.setKey('np_live_bad_key_0000');
    await ask('page.context', { field: {} }, pageSender(4, WHATSAPP));
    await engine.ctx.account.setKey(apiKey);
    await engine.handlers['balance.refresh']({}, extensionSender());
    await engine.ctx.diagnostics.flush();

    const stored = await everything();
    for (const area of ['local', 'session'] as const) {
      for (const [key, value] of Object.entries(stored[area])) {
        const item = itemFor(area, key);
        expect(item, `${area}:${key} is not in lib/engine/stored-items.ts`).toBeDefined();
        // What is stored reads back as itself: the item's schema accepts it.
        const invalid: unknown[] = [];
        item!.parse(value, (e) => invalid.push(e));
        expect(invalid, `${area}:${key}`).toEqual([]);
        if (item !== ITEMS.legacyApiKey) expect(JSON.stringify({ [key]: value }), `${area}:${key}`).not.toContain(apiKey);
      }
    }
    // The session wrote what it should (so the check above saw them).
    expect(Object.keys(stored.local).sort()).toEqual(
      [STORAGE_KEYS.catalog, STORAGE_KEYS.keyChanged, STORAGE_KEYS.settings, STORAGE_KEYS.state].sort(),
    );
    expect(Object.keys(stored.session)).toEqual(
      expect.arrayContaining(['diagnostics', 'pageSession', 'contextTargets', 'rentalChecks', 'reconciledThisSession']),
    );
    expect(Object.keys(stored.session).some((k) => k.startsWith('budget:'))).toBe(true);
  });
});

describe('storage is reached through the registry', () => {
  // Who may hold a storage area itself: the items, the browser platform that hands the areas to
  // the engine, and the popup's two raw reads (before the polyfill; parsed through the items).
  const ALLOWED = new Set([
    'lib/state/item.ts',
    'lib/background/browser-platform.ts',
    'lib/ui/early-read.ts',
    'components/common/hooks.ts',
  ]);
  const TOUCHES_STORAGE = /\b(local|session|storage|legacy)\.(get|set|remove|clear)\(|\.storage\.(local|session|sync)\b/;

  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return sources(path);
      return /\.tsx?$/.test(entry.name) ? [path] : [];
    });
  }

  it('no other module reads or writes a storage area by key', () => {
    const offenders = ['lib', 'entrypoints', 'components']
      .flatMap((dir) => sources(dir))
      .filter((file) => !ALLOWED.has(file))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ file, line: i + 1, text: line })),
      )
      .filter(({ text }) => TOUCHES_STORAGE.test(text) && !/^\s*(\/\/|\*)/.test(text));
    expect(offenders.map(({ file, line, text }) => `${file}:${line}: ${text.trim()}`)).toEqual([]);
  });

  it('the popup reads only keys the registry declares', () => {
    for (const key of Object.values(STORAGE_KEYS)) expect(itemFor('local', key), key).toBeDefined();
  });
});
