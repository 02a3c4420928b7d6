import { z } from 'zod';
import { RENTAL_DURATIONS } from '../numpool/schemas';
import { orderSchema, rentalSchema, settingsSchema, balanceSnapshotSchema } from '../state/schema';

/**
 * The one message protocol between the background and every other context. Each request names
 * who may send it (`from`), what it carries and what comes back; both sides are validated with zod
 * on receipt. Content scripts get only what a page's autofill needs.
 */

export const userErrorSchema = z.object({
  /** NumPool error kinds plus the engine's own (guard, no-key, invalid-input, not-allowed, ...). */
  kind: z.string(),
  message: z.string(),
  retryAfterMs: z.number().optional(),
  /** Where the user can fix it (top-up page, options). */
  link: z.string().optional(),
});
export type UserError = z.infer<typeof userErrorSchema>;

const empty = z.object({});
const serviceView = z.object({ id: z.string(), name: z.string(), domain: z.string().optional() });
const countryOffer = z.object({
  id: z.number(),
  name: z.string(),
  flag: z.string().optional(),
  price: z.number(),
  stock: z.number(),
  currency: z.string(),
  operators: z.array(z.string()).optional(),
});
const orderSummary = z.object({
  orderId: z.string(),
  service: z.string().nullable(),
  country: z.union([z.number(), z.string()]).nullable(),
  number: z.string().nullable(),
  cost: z.number().nullable(),
  state: z.string(),
  rawStatus: z.string().nullable(),
  code: z.string().nullable(),
  text: z.string().nullable(),
  createdAt: z.string().nullable(),
});
const fieldShape = z.object({
  maxLength: z.number().int().positive().optional(),
  placeholder: z.string().max(200).optional(),
  pattern: z.string().max(200).optional(),
  countryControl: z
    .object({
      selectedDialCode: z.string().max(8).optional(),
      options: z.array(z.object({ value: z.string().max(200), dialCode: z.string().max(8), label: z.string().max(200) })).max(400).optional(),
    })
    .optional(),
});
export type FieldShape = z.infer<typeof fieldShape>;

/** What the popup shows at once when it opens. */
export const popupSnapshotSchema = z.object({
  hasKey: z.boolean(),
  /** e.g. `np_live_…f00d`: enough to recognise, never the key. */
  keyHint: z.string().nullable(),
  balance: balanceSnapshotSchema.nullable(),
  orders: z.array(orderSchema),
  rentals: z.array(rentalSchema),
  settings: settingsSchema,
});
export type PopupSnapshot = z.infer<typeof popupSnapshotSchema>;

type Audience = 'extension' | 'content';
interface RequestDef<Req extends z.ZodType, Res extends z.ZodType> {
  from: readonly Audience[];
  request: Req;
  response: Res;
}
const def = <Req extends z.ZodType, Res extends z.ZodType>(from: readonly Audience[], request: Req, response: Res): RequestDef<Req, Res> => ({
  from,
  request,
  response,
});
const EXT = ['extension'] as const;
const PAGE = ['content'] as const;

export const protocol = {
  // Extension pages (popup, options).
  'snapshot.get': def(EXT, empty, popupSnapshotSchema),
  'key.set': def(EXT, z.object({ apiKey: z.string().trim().min(8).max(256) }), balanceSnapshotSchema),
  'key.remove': def(EXT, empty, empty),
  'balance.refresh': def(EXT, empty, balanceSnapshotSchema),
  'settings.update': def(EXT, settingsSchema.partial(), settingsSchema),
  'services.list': def(EXT, empty, z.array(serviceView)),
  'countries.list': def(EXT, z.object({ service: z.string().min(1).max(32) }), z.array(countryOffer)),
  'order.buy': def(
    EXT,
    z.object({ service: z.string().min(1).max(32), country: z.number().int().nonnegative(), operator: z.string().max(64).optional(), fillTabId: z.number().int().optional() }),
    orderSchema,
  ),
  'order.cancel': def(EXT, z.object({ orderId: z.string().min(1).max(128) }), orderSchema),
  'order.dismiss': def(EXT, z.object({ orderId: z.string().min(1).max(128) }), empty),
  'history.page': def(EXT, z.object({ limit: z.number().int().min(1).max(100), offset: z.number().int().min(0) }), z.object({ items: z.array(orderSummary), total: z.number().nullable() })),
  'rentals.services': def(EXT, empty, z.array(z.object({ service: z.string(), name: z.string() }))),
  'rentals.prices': def(
    EXT,
    z.object({ service: z.string().min(1).max(64) }),
    z.object({ service: z.string(), durations: z.array(z.object({ duration: z.string(), days: z.number(), price: z.number() })) }),
  ),
  /** `confirmedPrice` is what the user agreed to pay: the engine refuses if the price differs. */
  'rental.create': def(EXT, z.object({ service: z.string().min(1).max(64), duration: z.enum(RENTAL_DURATIONS), confirmedPrice: z.number().nonnegative() }), rentalSchema),
  'rentals.refresh': def(EXT, empty, z.array(rentalSchema)),
  'rental.open': def(EXT, z.object({ rentalId: z.string().min(1).max(128) }), rentalSchema),
  'tab.service': def(EXT, z.object({ tabId: z.number().int() }), z.object({ service: serviceView.nullable(), host: z.string().nullable() })),

  // Content scripts: about their own tab only.
  'page.context': def(
    PAGE,
    /** The page's first phone field, so the quote is for a number that field can take. */
    z.object({ field: fieldShape.optional() }),
    z.object({
      autofill: z.boolean(),
      service: serviceView.nullable(),
      /** Price in the default (or cheapest) country, when known; shown before the first purchase. */
      quote: z.object({ price: z.number(), currency: z.string(), country: z.number(), countryName: z.string() }).nullable(),
      hasKey: z.boolean(),
    }),
  ),
  /** Sent only after a trusted click in the page (checked in the content script). */
  'page.buy': def(PAGE, z.object({ field: fieldShape, acceptedPrice: z.number().nonnegative().optional() }), z.object({ orderId: z.string(), number: z.string(), value: z.string(), countryOption: z.string().optional(), cost: z.number() })),
  'page.format': def(PAGE, z.object({ field: fieldShape }), z.object({ value: z.string(), countryOption: z.string().optional() }).nullable()),
  'page.code': def(PAGE, empty, z.object({ orderId: z.string(), code: z.string().nullable(), state: z.string() }).nullable()),
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
