/**
 * The spec's status words disagree: `POST /buy` says `pending`, `GET /sms` says `waiting`.
 * Both mean "no code yet, can be cancelled", so they become one state. A word we do not know
 * is kept as `unknown` with the raw text, so it can be shown instead of failing.
 */
export type OrderState = 'waiting' | 'received' | 'cancelled' | 'expired' | 'unknown';

const KNOWN: Record<string, OrderState> = {
  pending: 'waiting',
  waiting: 'waiting',
  received: 'received',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  expired: 'expired',
  timeout: 'expired',
};

export function normaliseOrderStatus(raw: string | null | undefined): OrderState {
  if (!raw) return 'unknown';
  return KNOWN[raw.trim().toLowerCase()] ?? 'unknown';
}
