import type { Order } from '../../../lib/state/schema';

/** An order as the state stores it (current version): waiting, bought at 1 s, auto-cancel at 10 min; `over` sets what a test is about. */
export const storedOrder = (over: Partial<Order> = {}): Order => ({
  orderId: 'o1',
  service: 'wa',
  country: 187,
  number: '+15550100',
  cost: 0.43,
  state: 'waiting',
  rawStatus: 'pending',
  createdAt: 1_000,
  messages: [],
  autoCancelAt: 601_000,
  refunded: null,
  fillTarget: null,
  dismissed: false,
  unannounced: 0,
  ...over,
});
