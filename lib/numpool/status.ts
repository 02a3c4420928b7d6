/**
 * The spec's status words disagree: `POST /buy` says `pending`, `GET /sms` says `waiting`.
 * Both mean "no code yet, can be cancelled", so they become one state.
 *
 * What the server said (`ServerOrderState`) is not what the extension knows of an order
 * (`OrderState`): a word we do not recognise (`processing`, added to the API tomorrow) says
 * nothing about the order, so it never ends one; only a 404 does (`not-found`, set by the engine,
 * never by a status word). The raw word is always kept, to be shown.
 */
export type KnownOrderState = 'waiting' | 'received' | 'cancelled' | 'expired';
export type ServerOrderState = KnownOrderState | 'unrecognised';
export type OrderState = KnownOrderState | 'not-found';

const KNOWN: Record<string, KnownOrderState> = {
  pending: 'waiting',
  waiting: 'waiting',
  received: 'received',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  expired: 'expired',
  timeout: 'expired',
};

export function normaliseOrderStatus(raw: string | null | undefined): ServerOrderState {
  if (!raw) return 'unrecognised';
  return KNOWN[raw.trim().toLowerCase()] ?? 'unrecognised';
}

/**
 * What an order is after the server answered `said` about it: a word we do not recognise keeps
 * the order as it was (a waiting order stays polled and cancellable), except that an SMS it now
 * has means a code came.
 */
export function nextOrderState(current: OrderState, said: ServerOrderState, hasSms: boolean): OrderState {
  const state = said === 'unrecognised' ? current : said;
  return state === 'waiting' && hasSms ? 'received' : state;
}
