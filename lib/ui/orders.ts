import type { Order, Sms } from '../state/schema';
import { normaliseOrderStatus } from '../numpool/status';
import { t, type MessageKey } from '../i18n/i18n';

/** Orders the popup lists as active: not dismissed, newest first. */
export function activeOrders(orders: readonly Order[]): Order[] {
  return orders.filter((o) => !o.dismissed).sort((a, b) => b.createdAt - a.createdAt);
}

export function isWaiting(order: Pick<Order, 'state'>): boolean {
  return order.state === 'waiting';
}

/** Cancel (for a refund) is possible only while no code came. */
export const canCancel = isWaiting;

/** A finished order (code received, cancelled, expired or unknown) can be put away. */
export function canDismiss(order: Pick<Order, 'state'>): boolean {
  return !isWaiting(order);
}

/** Milliseconds until the engine cancels the order for a refund; null when it will not. */
export function timeLeftMs(order: Pick<Order, 'state' | 'autoCancelAt'>, now: number): number | null {
  if (!isWaiting(order) || order.autoCancelAt === null) return null;
  return Math.max(0, order.autoCancelAt - now);
}

/** Messages newest first, whatever order they were stored in. */
export function messagesNewestFirst(messages: readonly Sms[]): Sms[] {
  return [...messages].sort((a, b) => b.at - a.at);
}

/** True when some order shows a live countdown, so the popup ticks only when it must. */
export function needsClock(orders: readonly Order[]): boolean {
  return orders.some((o) => !o.dismissed && isWaiting(o) && o.autoCancelAt !== null);
}

/** The message key describing an order state; unknown words from the server are shown raw. */
export function statusKey(state: string): MessageKey {
  switch (state) {
    case 'waiting':
    case 'pending':
      return 'statusWaiting';
    case 'received':
      return 'statusReceived';
    case 'cancelled':
    case 'canceled':
      return 'statusCancelled';
    case 'expired':
      return 'statusExpired';
    case 'not-found':
      return 'statusNotFound';
    default:
      return 'statusUnknown';
  }
}

/**
 * The words for an order's status. A word the server said that we do not know is shown as it
 * came, though the order is kept as it was (a waiting order still waits and can be cancelled).
 */
export function statusLabel(state: string, rawStatus: string | null): string {
  if (rawStatus && state !== 'not-found' && normaliseOrderStatus(rawStatus) === 'unrecognised') return t('statusUnknown', rawStatus);
  const key = statusKey(state);
  return key === 'statusUnknown' ? t('statusUnknown', rawStatus ?? '?') : t(key);
}

/** A CSS modifier for the status pill: by what the order is, whatever word the server used. */
export function statusTone(state: string): 'waiting' | 'ok' | 'ended' | 'unknown' {
  const key = statusKey(state);
  if (key === 'statusWaiting') return 'waiting';
  if (key === 'statusReceived') return 'ok';
  if (key === 'statusUnknown') return 'unknown';
  return 'ended';
}
