import { z } from 'zod';
import { DEFAULT_BASE_URL } from '../numpool/client';

/**
 * Everything the extension keeps in storage, validated on every read. Each stored document carries
 * a version; `migrations.ts` brings older documents up to the current one.
 */

export const orderStateSchema = z.enum(['waiting', 'received', 'cancelled', 'expired', 'unknown']);

export const smsSchema = z.object({
  code: z.string().nullable(),
  text: z.string().nullable(),
  /** When it arrived (epoch ms): the server's time when it gives one, else when first seen. */
  at: z.number(),
});
export type Sms = z.infer<typeof smsSchema>;

/** Where a code should be filled: the tab and frame the number was bought from. */
export const fillTargetSchema = z.object({ tabId: z.number().int(), frameId: z.number().int().nonnegative() });
export type FillTarget = z.infer<typeof fillTargetSchema>;

export const orderSchema = z.object({
  orderId: z.string().min(1),
  service: z.string(),
  country: z.number().int(),
  number: z.string(),
  cost: z.number().nonnegative(),
  state: orderStateSchema,
  rawStatus: z.string(),
  createdAt: z.number(),
  /** Newest first; every code an order received is kept. */
  messages: z.array(smsSchema),
  /** When the engine will cancel it for a refund if no code came (null: auto-cancel off). */
  autoCancelAt: z.number().nullable(),
  refunded: z.number().nullable(),
  fillTarget: fillTargetSchema.nullable(),
  /** The user closed it in the popup; kept for history, no longer shown as active. */
  dismissed: z.boolean(),
});
export type Order = z.infer<typeof orderSchema>;

export const rentalSchema = z.object({
  rentalId: z.string().min(1),
  service: z.string(),
  number: z.string(),
  days: z.number().int().positive(),
  cost: z.number().nonnegative(),
  endsAt: z.string(),
  messages: z.array(z.object({ from: z.string().nullable(), body: z.string(), code: z.string().nullable(), at: z.string().nullable() })),
  /** How many messages the user has seen; the rest are new. */
  seen: z.number().int().nonnegative(),
  watched: z.boolean(),
});
export type Rental = z.infer<typeof rentalSchema>;

export const settingsSchema = z.object({
  apiBaseUrl: z.url({ protocol: /^https?$/ }),
  defaultCountry: z.number().int().nullable(),
  favouriteServices: z.array(z.string()),
  recentServices: z.array(z.string()),
  autoCancel: z.boolean(),
  /** Minutes after purchase; comparable services expire orders after 15-20 min, so cancel well before. */
  autoCancelAfterMin: z.number().min(1).max(60),
  maxPricePerNumber: z.number().positive().nullable(),
  dailySpendCap: z.number().positive().nullable(),
  notifications: z.boolean(),
  badge: z.boolean(),
  autofill: z.boolean(),
  autofillDisabledSites: z.array(z.string()),
  lowBalanceThreshold: z.number().nonnegative(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  apiBaseUrl: DEFAULT_BASE_URL,
  defaultCountry: null,
  favouriteServices: [],
  recentServices: [],
  autoCancel: true,
  autoCancelAfterMin: 10,
  maxPricePerNumber: null,
  dailySpendCap: null,
  notifications: true,
  badge: true,
  autofill: true,
  autofillDisabledSites: [],
  lowBalanceThreshold: 2,
};

export const balanceSnapshotSchema = z.object({ amount: z.number(), currency: z.string(), at: z.number() });

/** A purchase sent but not answered clearly: it may exist on the server. Resolved by reconciliation. */
export const uncertainPurchaseSchema = z.object({
  kind: z.enum(['order', 'rental']),
  service: z.string(),
  country: z.number().int().nullable(),
  sentAt: z.number(),
  fillTarget: fillTargetSchema.nullable(),
  /** Order/rental ids the account already had when this purchase was sent. */
  knownIds: z.array(z.string()),
});
export type UncertainPurchase = z.infer<typeof uncertainPurchaseSchema>;

export const spendEntrySchema = z.object({ at: z.number(), amount: z.number() });

export const STATE_VERSION = 1;

export const engineStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  orders: z.array(orderSchema),
  rentals: z.array(rentalSchema),
  balance: balanceSnapshotSchema.nullable(),
  /** Money spent and refunded, for the daily cap (refunds are negative). */
  spending: z.array(spendEntrySchema),
  uncertain: z.array(uncertainPurchaseSchema),
});
export type EngineState = z.infer<typeof engineStateSchema>;

export const EMPTY_STATE: EngineState = { version: STATE_VERSION, orders: [], rentals: [], balance: null, spending: [], uncertain: [] };
