import * as z from 'zod/mini';
import { RENTAL_DURATIONS } from '../numpool/constants';
import { orderSchema, rentalSchema, settingsSchema, balanceSnapshotSchema } from '../state/schema';
import { diagnosticEntrySchema } from '../diagnostics/entries';

/**
 * The one message protocol between the background and every other context. Each request names
 * who may send it (`from`), what it carries and what comes back; both sides are validated with zod
 * on receipt (its small build, which the popup loads before its first frame). Content scripts get
 * only what a page's autofill needs.
 */

export const userErrorSchema = z.object({
  /** NumPool error kinds plus the engine's own (guard, no-key, invalid-input, not-allowed, ...). */
  kind: z.string(),
  message: z.string(),
  retryAfterMs: z.optional(z.number()),
  /** Where the user can fix it (top-up page, options). */
  link: z.optional(z.string()),
});
export type UserError = z.infer<typeof userErrorSchema>;

const empty = z.object({});
/** A string of at most `max` characters (and at least `min`). */
const text = (max: number, min = 0) => z.string().check(z.minLength(min), z.maxLength(max));
const serviceView = z.object({ id: z.string(), name: z.string(), domain: z.optional(z.string()) });
const countryOffer = z.object({
  id: z.number(),
  name: z.string(),
  flag: z.optional(z.string()),
  price: z.number(),
  stock: z.number(),
  currency: z.string(),
  operators: z.optional(z.array(z.string())),
});
const orderSummary = z.object({
  orderId: z.string(),
  service: z.nullable(z.string()),
  country: z.nullable(z.union([z.number(), z.string()])),
  number: z.nullable(z.string()),
  cost: z.nullable(z.number()),
  state: z.string(),
  rawStatus: z.nullable(z.string()),
  code: z.nullable(z.string()),
  text: z.nullable(z.string()),
  createdAt: z.nullable(z.string()),
});
const fieldShape = z.object({
  maxLength: z.optional(z.int().check(z.positive())),
  placeholder: z.optional(text(200)),
  pattern: z.optional(text(200)),
  countryControl: z.optional(
    z.object({
      selectedDialCode: z.optional(text(8)),
      options: z.optional(z.array(z.object({ value: text(200), dialCode: text(8), label: text(200) })).check(z.maxLength(400))),
    }),
  ),
});
export type FieldShape = z.infer<typeof fieldShape>;

/** What the popup shows at once when it opens. */
export const popupSnapshotSchema = z.object({
  hasKey: z.boolean(),
  /** e.g. `np_live_…f00d`: enough to recognise, never the key. */
  keyHint: z.nullable(z.string()),
  balance: z.nullable(balanceSnapshotSchema),
  orders: z.array(orderSchema),
  rentals: z.array(rentalSchema),
  settings: settingsSchema,
});
export type PopupSnapshot = z.infer<typeof popupSnapshotSchema>;

/** Who may send a request: our extension pages, or our content script in a web page. */
export type Audience = 'extension' | 'content';
interface RequestDef<Req extends z.ZodMiniType, Res extends z.ZodMiniType> {
  from: readonly Audience[];
  request: Req;
  response: Res;
}
const def = <Req extends z.ZodMiniType, Res extends z.ZodMiniType>(from: readonly Audience[], request: Req, response: Res): RequestDef<Req, Res> => ({
  from,
  request,
  response,
});
const EXT = ['extension'] as const;
const PAGE = ['content'] as const;

export const protocol = {
  // Extension pages (popup, options).
  'snapshot.get': def(EXT, empty, popupSnapshotSchema),
  'key.set': def(EXT, z.object({ apiKey: z.string().check(z.trim(), z.minLength(8), z.maxLength(256)) }), balanceSnapshotSchema),
  'key.remove': def(EXT, empty, empty),
  'balance.refresh': def(EXT, empty, balanceSnapshotSchema),
  'settings.update': def(EXT, z.partial(settingsSchema), settingsSchema),
  'services.list': def(EXT, empty, z.array(serviceView)),
  'countries.list': def(EXT, z.object({ service: text(32, 1) }), z.array(countryOffer)),
  'order.buy': def(
    EXT,
    z.object({ service: text(32, 1), country: z.int().check(z.nonnegative()), operator: z.optional(text(64)), fillTabId: z.optional(z.int()) }),
    orderSchema,
  ),
  'order.cancel': def(EXT, z.object({ orderId: text(128, 1) }), orderSchema),
  'order.dismiss': def(EXT, z.object({ orderId: text(128, 1) }), empty),
  'history.page': def(
    EXT,
    z.object({ limit: z.int().check(z.gte(1), z.lte(100)), offset: z.int().check(z.gte(0)) }),
    z.object({ items: z.array(orderSummary), total: z.nullable(z.number()) }),
  ),
  'rentals.services': def(EXT, empty, z.array(z.object({ service: z.string(), name: z.string() }))),
  'rentals.prices': def(
    EXT,
    z.object({ service: text(64, 1) }),
    z.object({ service: z.string(), durations: z.array(z.object({ duration: z.string(), days: z.number(), price: z.number() })) }),
  ),
  /** `confirmedPrice` is what the user agreed to pay: the engine refuses if the price differs. */
  'rental.create': def(EXT, z.object({ service: text(64, 1), duration: z.enum(RENTAL_DURATIONS), confirmedPrice: z.number().check(z.nonnegative()) }), rentalSchema),
  'rentals.refresh': def(EXT, empty, z.array(rentalSchema)),
  'rental.open': def(EXT, z.object({ rentalId: text(128, 1) }), rentalSchema),
  /** The diagnostics log (requests and failures; never a key, number, code or SMS), for a support request. */
  'diagnostics.get': def(EXT, empty, z.object({ entries: z.array(diagnosticEntrySchema) })),
  'diagnostics.clear': def(EXT, empty, empty),
  'tab.service': def(EXT, z.object({ tabId: z.int() }), z.object({ service: z.nullable(serviceView), host: z.nullable(z.string()) })),

  // Content scripts: about their own tab only.
  'page.context': def(
    PAGE,
    /** The page's first phone field, so the quote is for a number that field can take. */
    z.object({ field: z.optional(fieldShape) }),
    z.object({
      autofill: z.boolean(),
      service: z.nullable(serviceView),
      /** Price in the default (or cheapest) country, when known; shown before the first purchase. */
      quote: z.nullable(z.object({ price: z.number(), currency: z.string(), country: z.number(), countryName: z.string() })),
      hasKey: z.boolean(),
    }),
  ),
  /** Sent only after a trusted click in the page (checked in the content script). */
  'page.buy': def(
    PAGE,
    z.object({ field: fieldShape, acceptedPrice: z.optional(z.number().check(z.nonnegative())) }),
    z.object({ orderId: z.string(), number: z.string(), value: z.string(), countryOption: z.optional(z.string()), cost: z.number() }),
  ),
  'page.format': def(PAGE, z.object({ field: fieldShape }), z.nullable(z.object({ value: z.string(), countryOption: z.optional(z.string()) }))),
  'page.code': def(PAGE, empty, z.nullable(z.object({ orderId: z.string(), code: z.nullable(z.string()), state: z.string() }))),
  'page.codeFocus': def(PAGE, z.object({ focused: z.boolean() }), empty),
  /** The content script found a likely field: load the autofill part into the sender's frame. */
  'page.load': def(PAGE, empty, empty),
} as const;

export type Protocol = typeof protocol;
export type RequestType = keyof Protocol;
export type RequestOf<K extends RequestType> = z.input<Protocol[K]['request']>;
export type ResponseOf<K extends RequestType> = z.output<Protocol[K]['response']>;

/** The envelope on the wire; `np` tells our messages from anything else on the channel. */
export const requestEnvelopeSchema = z.object({ np: z.literal(1), type: z.string(), payload: z.unknown() });
export const replyEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: userErrorSchema }),
]);
export type ReplyEnvelope = z.infer<typeof replyEnvelopeSchema>;

/** Background → tab pushes (through `tabs.sendMessage`, to the frame that asked). */
export const tabEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('fill.number'), np: z.literal(1), orderId: z.string(), number: z.string(), via: z.enum(['contextmenu', 'popup']) }),
  z.object({ event: z.literal('fill.code'), np: z.literal(1), orderId: z.string(), code: z.string() }),
]);
export type TabEvent = z.infer<typeof tabEventSchema>;
