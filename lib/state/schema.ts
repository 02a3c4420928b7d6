import * as z from 'zod/mini';
import { DEFAULT_BASE_URL } from '../numpool/constants';

/**
 * Everything the extension keeps in storage, validated on every read. Each stored document carries
 * a version; `migrations.ts` brings older documents up to the current one. Written with zod's small
 * build: the popup validates these before its first frame, and the full build was 60 KB more for
 * it to load first.
 */

/** `not-found`: the server answered 404 for it. A status word we do not know is not a state (see status.ts). */
export const orderStateSchema = z.enum(['waiting', 'received', 'cancelled', 'expired', 'not-found']);

export const smsSchema = z.object({
  code: z.nullable(z.string()),
  text: z.nullable(z.string()),
  /** When it arrived (epoch ms): the server's time when it gives one, else when first seen. */
  at: z.number(),
});
export type Sms = z.infer<typeof smsSchema>;

/** A site: scheme and registrable domain (`https://whatsapp.com`), as `lib/engine/page/page-site.ts` makes it. */
export const SITE_PATTERN = /^https?:\/\/[^/\s]+$/;

/**
 * Where a number and its code may go: the tab and frame the number was bought from, the document
 * (Chromium names documents) and the site (scheme and registrable domain, `https://whatsapp.com`)
 * of that page. The code goes only to pages of that site in that tab.
 */
export const fillTargetSchema = z.object({
  tabId: z.int(),
  frameId: z.int().check(z.nonnegative()),
  documentId: z.optional(z.string().check(z.maxLength(128))),
  site: z.optional(z.string().check(z.maxLength(263), z.regex(SITE_PATTERN))),
});
export type FillTarget = z.infer<typeof fillTargetSchema>;

export const orderSchema = z.object({
  orderId: z.string().check(z.minLength(1)),
  service: z.string(),
  country: z.int(),
  number: z.string(),
  cost: z.number().check(z.nonnegative()),
  state: orderStateSchema,
  rawStatus: z.string(),
  createdAt: z.number(),
  /** Newest first; every code an order received is kept. */
  messages: z.array(smsSchema),
  /** When the engine will cancel it for a refund if no code came (null: auto-cancel off). */
  autoCancelAt: z.nullable(z.number()),
  refunded: z.nullable(z.number()),
  fillTarget: z.nullable(fillTargetSchema),
  /** The user closed it in the popup; kept for history, no longer shown as active. */
  dismissed: z.boolean(),
  /**
   * How many of the newest messages have not been announced yet (fill, badge, notification).
   * Stored with the messages, so a code merged while nothing could announce it (a worker that
   * stopped, a start-up reconciliation) is announced later, and only once.
   */
  unannounced: z.int().check(z.nonnegative()),
});
export type Order = z.infer<typeof orderSchema>;

export const rentalSchema = z.object({
  rentalId: z.string().check(z.minLength(1)),
  service: z.string(),
  number: z.string(),
  days: z.int().check(z.positive()),
  cost: z.number().check(z.nonnegative()),
  endsAt: z.string(),
  messages: z.array(z.object({ from: z.nullable(z.string()), body: z.string(), code: z.nullable(z.string()), at: z.nullable(z.string()) })),
  /** How many messages the user has seen; the rest are new. */
  seen: z.int().check(z.nonnegative()),
  /**
   * The page the rented number was last filled into, and when: the first message after that goes
   * into that page's code field (the same site rules as an order's).
   */
  fill: z.optional(z.object({ target: fillTargetSchema, since: z.number(), codeAt: z.optional(z.number()) })),
  /** When the user was told the rental ends within a day (once). */
  endingNotified: z.optional(z.boolean()),
});
export type Rental = z.infer<typeof rentalSchema>;

/**
 * A site of no service that the user said to treat as a service's ("use Telegram on this site"):
 * chosen in the popup on that site, removable in the options. Never learned from a page.
 */
export const siteServiceSchema = z.object({
  site: z.string().check(z.maxLength(263), z.regex(SITE_PATTERN)),
  service: z.string().check(z.minLength(1), z.maxLength(32)),
});
export type SiteService = z.infer<typeof siteServiceSchema>;

export const settingsSchema = z.object({
  apiBaseUrl: z.url({ protocol: /^https?$/ }),
  defaultCountry: z.nullable(z.int()),
  favouriteServices: z.array(z.string()),
  recentServices: z.array(z.string()),
  autoCancel: z.boolean(),
  /** Minutes after purchase; comparable services expire orders after 15-20 min, so cancel well before. */
  autoCancelAfterMin: z.number().check(z.gte(1), z.lte(60)),
  maxPricePerNumber: z.nullable(z.number().check(z.positive())),
  dailySpendCap: z.nullable(z.number().check(z.positive())),
  notifications: z.boolean(),
  badge: z.boolean(),
  autofill: z.boolean(),
  /** The in-field button on service sites; off, codes are still filled and the menu and shortcut still work. */
  fieldButton: z.boolean(),
  autofillDisabledSites: z.array(z.string()),
  /** One entry per site; a missing field (settings from before it existed) reads as none. */
  siteServices: z.array(siteServiceSchema).check(z.maxLength(500)),
  lowBalanceThreshold: z.number().check(z.nonnegative()),
});
export type Settings = z.infer<typeof settingsSchema>;

/**
 * Limits on by default, so a page that fools a click can never spend much. Verification numbers
 * cost cents to about 2 (the sandbox's dearest offer is 2.00; real providers' are similar), and a
 * user who signs up many times a week spends a few a day: 2 per number and 20 a day leave honest
 * use untouched and cap what any mistake or trick can cost. Both can be changed or switched off.
 */
export const DEFAULT_MAX_PRICE = 2;
export const DEFAULT_DAILY_CAP = 20;

export const DEFAULT_SETTINGS: Settings = {
  apiBaseUrl: DEFAULT_BASE_URL,
  defaultCountry: null,
  favouriteServices: [],
  recentServices: [],
  autoCancel: true,
  autoCancelAfterMin: 10,
  maxPricePerNumber: DEFAULT_MAX_PRICE,
  dailySpendCap: DEFAULT_DAILY_CAP,
  notifications: true,
  badge: true,
  autofill: true,
  fieldButton: true,
  autofillDisabledSites: [],
  siteServices: [],
  lowBalanceThreshold: 2,
};

export const balanceSnapshotSchema = z.object({ amount: z.number(), currency: z.string(), at: z.number() });

/**
 * A number purchase sent but not answered clearly: it may exist on the server. Resolved against
 * `GET /orders`.
 */
export const uncertainPurchaseSchema = z.object({
  service: z.string(),
  country: z.nullable(z.int()),
  sentAt: z.number(),
  fillTarget: z.nullable(fillTargetSchema),
  /** Order ids the account already had when this purchase was sent. */
  knownIds: z.array(z.string()),
});
export type UncertainPurchase = z.infer<typeof uncertainPurchaseSchema>;

/**
 * A rental sent but not answered clearly (written down before `POST /rentals`): it may exist,
 * and it was charged if it does. Resolved against `GET /rentals`, as a number purchase is.
 */
export const uncertainRentalSchema = z.object({
  service: z.string(),
  duration: z.string(),
  sentAt: z.number(),
  /** Rental ids the extension already had when this rental was sent. */
  knownIds: z.array(z.string()),
});
export type UncertainRental = z.infer<typeof uncertainRentalSchema>;

export const spendEntrySchema = z.object({ at: z.number(), amount: z.number() });

export const STATE_VERSION = 4;

export const engineStateSchema = z.object({
  version: z.literal(STATE_VERSION),
  orders: z.array(orderSchema),
  rentals: z.array(rentalSchema),
  balance: z.nullable(balanceSnapshotSchema),
  /** Money spent and refunded, for the daily cap (refunds are negative); rentals included. */
  spending: z.array(spendEntrySchema),
  uncertain: z.array(uncertainPurchaseSchema),
  uncertainRentals: z.array(uncertainRentalSchema),
});
export type EngineState = z.infer<typeof engineStateSchema>;

export const EMPTY_STATE: EngineState = {
  version: STATE_VERSION,
  orders: [],
  rentals: [],
  balance: null,
  spending: [],
  uncertain: [],
  uncertainRentals: [],
};
