import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock, useSandbox } from '../../sandbox/test-helpers';
import { SETTINGS_VERSION } from '../../../lib/state/store';
import { STORAGE_KEYS } from '../../../lib/state/keys';
import { ITEMS } from '../../../lib/engine/stored-items';
import { engineHarness, extensionSender } from './harness';

const clock = new FakeClock();
const env = useSandbox({ autoDeliver: false, fakeClock: clock });
let stop: (() => void) | undefined;
afterEach(() => stop?.());

async function setup() {
  const h = await engineHarness({ baseUrl: env.sandbox.baseUrl, apiKey: env.sandbox.demoKey, clock });
  stop = h.stop;
  return h;
}

describe('settings in the engine', () => {
  it('keeps every one of several changes made at once (options sections, the popup, a purchase)', async () => {
    const { engine, platform } = await setup();
    const update = engine.handlers['settings.update'];
    await Promise.all([
      update({ favouriteServices: ['tg'] }, extensionSender()),
      update({ badge: false }, extensionSender('options.html')),
      update({ lowBalanceThreshold: 7 }, extensionSender('options.html')),
      update({ autofillDisabledSites: ['example.com'] }, extensionSender('options.html')),
      engine.purchases.buy({ service: 'wa', country: 187, fillTarget: null }),
    ]);
    expect(await ITEMS.settings.in(platform).getValue()).toMatchObject({
      favouriteServices: ['tg'],
      badge: false,
      lowBalanceThreshold: 7,
      autofillDisabledSites: ['example.com'],
      recentServices: ['wa'],
    });
  });

  it('reads neither the settings nor the key from storage for each request', async () => {
    const { engine, platform } = await setup();
    await engine.purchases.buy({ service: 'wa', country: 187, fillTarget: null });
    engine.poller.stop();
    await engine.poller.tick();
    const get = vi.spyOn(platform.local, 'get');
    const keyReads = vi.spyOn(platform.secrets, 'get');
    for (let i = 0; i < 3; i++) await engine.poller.tick();
    await engine.handlers['balance.refresh']({}, extensionSender());
    const keysRead = get.mock.calls.flatMap(([keys]) => (Array.isArray(keys) ? keys : [keys]));
    expect(keysRead).not.toContain(STORAGE_KEYS.settings);
    expect(keyReads).not.toHaveBeenCalled();
  });

  it('sees a change another context made in storage (the key, the base URL) at once', async () => {
    const { engine, platform } = await setup();
    await engine.handlers['balance.refresh']({}, extensionSender());
    const { key } = await env.control.createKey({ balance: 3 });
    // The key itself lives in the key store; storage.local only says it changed.
    await platform.secrets.set(key);
    await platform.local.set({ [STORAGE_KEYS.keyChanged]: Date.now() });
    await expect(engine.handlers['balance.refresh']({}, extensionSender())).resolves.toMatchObject({ amount: 3 });
    const settings = await ITEMS.settings.in(platform).getValue();
    await platform.local.set({
      [STORAGE_KEYS.settings]: { ...settings, version: SETTINGS_VERSION, apiBaseUrl: 'http://127.0.0.1:9/api/v1' },
    });
    expect((await engine.ctx.settings()).apiBaseUrl).toBe('http://127.0.0.1:9/api/v1');
    await expect(engine.handlers['balance.refresh']({}, extensionSender())).rejects.toMatchObject({ kind: 'network' });
  });
});
