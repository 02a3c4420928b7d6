import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readStoredData } from '../../../components/common/hooks';
import { DEFAULT_SETTINGS, EMPTY_STATE } from '../../../lib/state/schema';
import { startStoredRead, takeStoredRead } from '../../../lib/ui/early-read';
import { storedOrder } from '../state/stored-order';

const order = storedOrder({ number: '+15550001111', cost: 0.5, rawStatus: 'waiting', createdAt: 1, autoCancelAt: null });

describe("the popup's first read of storage", () => {
  beforeEach(() => {
    fakeBrowser.reset();
    takeStoredRead(); // drop any handover a previous test left
  });

  it('hands over the read the early script started, as storage was then', async () => {
    await fakeBrowser.storage.local.set({ state: { ...EMPTY_STATE, orders: [order] } });
    startStoredRead();
    const early = takeStoredRead();
    await fakeBrowser.storage.local.set({ state: EMPTY_STATE });
    expect((await early).state).toMatchObject({ orders: [{ orderId: 'o1' }] });
  });

  it('reads storage itself when no early read was started, and hands a started read over only once', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, version: 2, lowBalanceThreshold: 7 } });
    expect((await takeStoredRead()).settings).toMatchObject({ lowBalanceThreshold: 7 });
    startStoredRead();
    await takeStoredRead();
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, version: 2, lowBalanceThreshold: 9 } });
    expect((await takeStoredRead()).settings).toMatchObject({ lowBalanceThreshold: 9 });
  });

  it('validates what it read before the popup renders it', async () => {
    await fakeBrowser.storage.local.set({
      state: { ...EMPTY_STATE, orders: [order], balance: { amount: 4.5, currency: 'USD', at: 2 } },
      settings: { ...DEFAULT_SETTINGS, version: 2, lowBalanceThreshold: 3 },
    });
    startStoredRead();
    const stored = await readStoredData();
    expect(stored?.state.orders.map((o) => o.orderId)).toEqual(['o1']);
    expect(stored?.state.balance).toEqual({ amount: 4.5, currency: 'USD', at: 2 });
    expect(stored?.settings.lowBalanceThreshold).toBe(3);
  });

  it('turns a damaged document into the empty state and one bad setting into its default', async () => {
    await fakeBrowser.storage.local.set({
      state: { ...EMPTY_STATE, orders: [{ ...order, cost: 'a lot' }] },
      settings: { ...DEFAULT_SETTINGS, version: 2, lowBalanceThreshold: -1, badge: false },
    });
    const stored = await readStoredData();
    expect(stored?.state).toEqual(EMPTY_STATE);
    expect(stored?.settings).toEqual({ ...DEFAULT_SETTINGS, badge: false });
  });
});
