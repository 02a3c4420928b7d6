import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { renderEn } from '../i18n/en';
import { storedOrder as order } from '../state/stored-order';
import {
  activeOrders,
  canCancel,
  canDismiss,
  messagesNewestFirst,
  needsClock,
  statusKey,
  statusLabel,
  statusTone,
  timeLeftMs,
} from '../../../lib/ui/orders';

describe('activeOrders', () => {
  it('leaves out dismissed orders and lists the newest first', () => {
    const list = activeOrders([
      order({ orderId: 'a', createdAt: 1 }),
      order({ orderId: 'b', createdAt: 3, dismissed: true }),
      order({ orderId: 'c', createdAt: 2 }),
    ]);
    expect(list.map((o) => o.orderId)).toEqual(['c', 'a']);
  });
});

describe('what can be done with an order', () => {
  it('cancels only while waiting, dismisses only when finished', () => {
    expect(canCancel(order())).toBe(true);
    expect(canDismiss(order())).toBe(false);
    for (const state of ['received', 'cancelled', 'expired', 'not-found'] as const) {
      expect(canCancel(order({ state }))).toBe(false);
      expect(canDismiss(order({ state }))).toBe(true);
    }
  });
});

describe('timeLeftMs', () => {
  it('counts down to the auto-cancel, never below zero', () => {
    expect(timeLeftMs(order(), 1_000)).toBe(600_000);
    expect(timeLeftMs(order(), 700_000)).toBe(0);
  });
  it('is null when auto-cancel is off or the order is no longer waiting', () => {
    expect(timeLeftMs(order({ autoCancelAt: null }), 0)).toBeNull();
    expect(timeLeftMs(order({ state: 'received' }), 0)).toBeNull();
  });
  it('needs a ticking clock only while some shown order counts down', () => {
    expect(needsClock([order()])).toBe(true);
    expect(needsClock([order({ dismissed: true })])).toBe(false);
    expect(needsClock([order({ autoCancelAt: null }), order({ state: 'received' })])).toBe(false);
  });
});

it('sorts messages newest first', () => {
  const sorted = messagesNewestFirst([
    { code: '1', text: null, at: 10 },
    { code: '3', text: null, at: 30 },
    { code: '2', text: null, at: 20 },
  ]);
  expect(sorted.map((m) => m.code)).toEqual(['3', '2', '1']);
});

describe('status words', () => {
  it('maps known states and the raw words of the spec to messages', () => {
    expect(statusKey('waiting')).toBe('statusWaiting');
    expect(statusKey('pending')).toBe('statusWaiting');
    expect(statusKey('received')).toBe('statusReceived');
    expect(statusKey('canceled')).toBe('statusCancelled');
    expect(statusKey('expired')).toBe('statusExpired');
  });
  it('shows a word it does not know on a waiting order as it came, and the order still waits; a 404 as "not found"', () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, params?: string[]) => renderEn({ key, params })) as never);
    expect(statusLabel('waiting', 'processing')).toBe('Status: processing');
    expect(statusTone('waiting')).toBe('waiting');
    expect(canCancel(order({ rawStatus: 'processing' }))).toBe(true);
    expect(statusLabel('waiting', 'pending')).toBe('Waiting for SMS');
    expect(statusLabel('not-found', 'pending')).toBe('Not found at NumPool');
    expect(statusTone('not-found')).toBe('ended');
  });
  it('keeps anything else as unknown, to be shown raw', () => {
    expect(statusKey('refund_pending')).toBe('statusUnknown');
    expect(statusTone('refund_pending')).toBe('unknown');
    expect(statusTone('received')).toBe('ok');
    expect(statusTone('cancelled')).toBe('ended');
  });
});
