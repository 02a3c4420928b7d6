import * as z from 'zod/mini';
import { RENTAL_DURATIONS } from '../numpool/constants';
import { orderSchema, rentalSchema, settingsSchema, balanceSnapshotSchema } from '../state/schema';
import { diagnosticEntrySchema } from '../diagnostics/entries';
import type { FieldShape } from '../phone/field-shape';

/**
 * The one message protocol between the background and every other context. Each request names
 * who may send it (`from`), what it carries and what comes back; both sides are validated with zod
 * on receipt (its small build, which the popup loads before its first frame). Content scripts get
 * only what a page's autofill needs.
 */

/** A string of at most `max` characters (and at least `min`). */
const text = (max: number, min = 0) => z.string().check(z.minLength(min), z.maxLength(max));

export const userErrorSchema = z.object({
  /** NumPool error kinds plus the engine's own (guard, no-key, invalid-input, not-allowed, ...). */
  kind: z.string(),
  /** The sentence, as a key of the locale files and its values: each side shows it in its language. */
  key: text(64, 1),
  params: z.optional(z.array(text(300)).check(z.maxLength(8))),
  retryAfterMs: z.optional(z.number()),
  /** Where the user can fix it (top-up page, options). */
  link: z.optional(z.string()),
});
export type UserError = z.infer<typeof userErrorSchema>;

const empty = z.object({});
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
/** What the background needs of a phone field to choose the country and write the number (`FieldShape`, lib/phone). */
const fieldShape = z.object({
  maxLength: z.optional(z.int().check(z.positive())),
  placeholder: z.optional(text(200)),
  pattern: z.optional(text(200)),
  /** The field's value when it starts with `+`: widgets that keep the dial code in their own value (`+1 `). */
  valueStart: z.optional(text(24)),
  /** A number split over boxes: how many characters each box takes, in order (0: unknown, the rest). */
  partLengths: z.optional(z.array(z.int().check(z.nonnegative(), z.maximum(32))).check(z.maxLength(8))),
  countryControl: z.optional(
    z.object({
      /** A select or a code input can be set; a custom dropdown (a flag, `+1 ▾`) cannot. */
      kind: z.optional(z.enum(['select', 'input', 'custom'])),
      selectedDialCode: z.optional(text(8)),
      /** ISO 3166 code the page shows (a flag's class or emoji, the option's value). */
      selectedIso: z.optional(z.string().check(z.regex(/^[A-Z]{2}$/))),
      /** The selected option's text, or the trigger's title or aria-label (`United States: +1`). */
      selectedLabel: z.optional(text(80)),
      options: z.optional(z.array(z.object({ value: text(200), dialCode: text(8), label: text(200) })).check(z.maxLength(400))),
    }),
  ),
});
export type { FieldShape };
// The wire schema checks exactly the shape lib/phone reads: a field added to one side only fails to compile.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const _fieldShapeMatches: Same<z.infer<typeof fieldShape>, FieldShape> = true;

/** A number formatted for one field, with the country option to pick first when it has a select. */
const formattedNumber = z.object({ value: z.string(), countryOption: z.optional(z.string()) });

/**
 * The user's gesture behind an in-page purchase. `seen`: the content script watched the button
 * stay visible and unmoved (IntersectionObserver v2) before the click; `shownPrice` is the price
 * the button showed. `token`: issued by the background when the browser's context menu or
 * keyboard shortcut was used; for the shortcut, `seen` says whether the focused field's button was
 * in plain view (the page chose where the focus is).
 */
export const pageGestureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('button'), seen: z.boolean(), shownPrice: z.number().check(z.nonnegative()) }),
  z.object({ kind: z.literal('menu'), token: text(64, 8) }),
  z.object({ kind: z.literal('shortcut'), token: text(64, 8), seen: z.boolean() }),
]);
export type PageGesture = z.infer<typeof pageGestureSchema>;

/** Why an in-page purchase is asked about in an extension window first. */
export const CONFIRM_REASONS = ['not-seen', 'repeat', 'price', 'other-site-frame'] as const;
export type ConfirmReason = (typeof CONFIRM_REASONS)[number];

/**
 * The user's usual number that a page's dearer choice is measured against (reason `price`): the
 * default country's, or the cheapest when none is set (`isDefault` false).
 */
export const usualOfferSchema = z.object({ countryName: z.string(), price: z.number(), isDefault: z.boolean() });
export type UsualOffer = z.infer<typeof usualOfferSchema>;

/** What the confirmation window shows: enough to decide, nothing the page chose in words. */
const confirmationView = z.object({
  serviceName: z.string(),
  countryName: z.string(),
  price: z.number(),
  currency: z.string(),
  /** The site of the page that asked (the frame's own). */
  site: z.string(),
  /** The site in the address bar, when the asking frame is another one. */
  topSite: z.nullable(z.string()),
  reason: z.enum(CONFIRM_REASONS),
  /** The question is whether to fill the user's rented number (no cost), not to buy one. */
  rental: z.boolean(),
  /** Set when the page's choice costs more than the usual number by more than the margin. */
  usual: z.optional(usualOfferSchema),
  expiresAt: z.number(),
});
export type ConfirmationView = z.infer<typeof confirmationView>;

/** What the popup shows at once when it opens. */
/** Why pages get no button though a key is saved: the key refused, NumPool unreachable, or another failure. */
export const PAGE_PROBLEMS = ['key-refused', 'unreachable', 'failed'] as const;
export type PageProblem = (typeof PAGE_PROBLEMS)[number];

export const popupSnapshotSchema = z.object({
  hasKey: z.boolean(),
  /** e.g. `np_live_…f00d`: enough to recognise, never the key. */
  keyHint: z.nullable(z.string()),
  balance: z.nullable(balanceSnapshotSchema),
  orders: z.array(orderSchema),
  rentals: z.array(rentalSchema),
  settings: settingsSchema,
  /** Why pages get no button though a key is saved (the key refused, NumPool unreachable); null: none. */
  pageProblem: z.nullable(z.enum(PAGE_PROBLEMS)),
});
export type PopupSnapshot = z.infer<typeof popupSnapshotSchema>;

/** Who may send a request: our extension pages, or our content script in a web page. */
export type Audience = 'extension' | 'content';
interface RequestDef<Req extends z.ZodMiniType, Res extends z.ZodMiniType> {
  from: readonly Audience[];
  request: Req;
  response: Res;
}
const def = <Req extends z.ZodMiniType, Res extends z.ZodMiniType>(
  from: readonly Audience[],
  request: Req,
  response: Res,
): RequestDef<Req, Res> => ({
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
    z.object({
      service: text(32, 1),
      country: z.int().check(z.nonnegative()),
      operator: z.optional(text(64)),
      fillTabId: z.optional(z.int()),
    }),
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
  /** `confirmedPrice` is the price the user agreed to (the name it has for numbers too): the engine refuses if the price differs. */
  'rental.create': def(
    EXT,
    z.object({ service: text(64, 1), duration: z.enum(RENTAL_DURATIONS), confirmedPrice: z.number().check(z.nonnegative()) }),
    rentalSchema,
  ),
  'rentals.refresh': def(EXT, empty, z.array(rentalSchema)),
  'rental.open': def(EXT, z.object({ rentalId: text(128, 1) }), rentalSchema),
  /** The diagnostics log (requests and failures; never a key, number, code or SMS), for a support request. */
  'diagnostics.get': def(EXT, empty, z.object({ entries: z.array(diagnosticEntrySchema) })),
  'diagnostics.clear': def(EXT, empty, empty),
  /** The service of the tab's page (the right-clicked frame's, if recent) and that page's site. */
  'tab.service': def(
    EXT,
    z.object({ tabId: z.int() }),
    z.object({ service: z.nullable(serviceView), host: z.nullable(z.string()), site: z.nullable(z.string()) }),
  ),
  /** "Use this service on this site": the site is the tab's, as the browser reports it, never the page's word. */
  'site.useService': def(EXT, z.object({ tabId: z.int(), service: text(32, 1) }), z.object({ site: z.string() })),

  /** The in-page purchase confirmation window: what it asks about, and the user's answer. */
  'confirm.get': def(EXT, z.object({ id: text(64, 8) }), confirmationView),
  'confirm.answer': def(EXT, z.object({ id: text(64, 8), accept: z.boolean() }), z.object({ order: z.nullable(orderSchema) })),

  // Content scripts: about their own frame only; the background checks the sender's tab, frame and site.
  'page.context': def(
    PAGE,
    /** The page's first phone field, so the quote is for a number that field can take. */
    z.object({ field: z.optional(fieldShape) }),
    z.object({
      /** Whether this frame gets the in-field button: a service's site, autofill on, a key saved. */
      button: z.boolean(),
      /** The user rents a number for this site's service: the button offers it first, at no cost. */
      rental: z.boolean(),
      service: z.nullable(serviceView),
      /** What a number for this field costs; shown on the button before any click. */
      quote: z.nullable(z.object({ price: z.number(), currency: z.string(), country: z.number(), countryName: z.string() })),
    }),
  ),
  /** Sent only after a trusted gesture: a click on the in-field button, the context menu, the shortcut. */
  'page.buy': def(
    PAGE,
    /** `use`: the rented number or a new one; unsaid, a rented number first (the menu, the shortcut). */
    z.object({ field: fieldShape, gesture: pageGestureSchema, use: z.optional(z.enum(['rental', 'new'])) }),
    z.discriminatedUnion('status', [
      z.object({ status: z.literal('bought'), orderId: z.string(), value: z.string(), countryOption: z.optional(z.string()) }),
      /** The user's rented number, filled at no cost; its next message is this page's code. */
      z.object({ status: z.literal('rented'), rentalId: z.string(), value: z.string(), countryOption: z.optional(z.string()) }),
      /** Asked in an extension window first; `number.ready` follows if the user buys. */
      z.object({ status: z.literal('confirming'), requestId: z.string() }),
    ]),
  ),
  /**
   * The number of an order bought for this page (after `number.ready`), or of the rented number
   * confirmed for it (after `rentedNumber.ready`), formatted for `field`.
   */
  'page.number': def(
    PAGE,
    z.union([z.object({ orderId: text(128, 1), field: fieldShape }), z.object({ rentalId: text(128, 1), field: fieldShape })]),
    z.nullable(formattedNumber),
  ),
  /** The newest code for this page: only of an order bought, or a rented number filled, from this tab and this site. */
  'page.code': def(
    PAGE,
    empty,
    z.nullable(z.union([z.object({ orderId: z.string(), code: z.string() }), z.object({ rentalId: z.string(), code: z.string() })])),
  ),
  'page.codeFocus': def(PAGE, z.object({ focused: z.boolean() }), empty),
  /**
   * The page sent the number we filled (a trusted click on a submit-like button, a form submitted):
   * its SMS is due, so this frame's own order is polled in a burst. Says nothing back.
   */
  'page.sent': def(PAGE, empty, empty),
  /** The content script found a likely field: load the autofill part into the sender's frame. */
  'page.load': def(PAGE, empty, empty),
} as const;

export type Protocol = typeof protocol;
export type RequestType = keyof Protocol;
/** What content scripts send; everything else is for extension pages. */
export type PageRequestType = Extract<RequestType, `page.${string}`>;
export type RequestOf<K extends RequestType> = z.input<Protocol[K]['request']>;
export type ResponseOf<K extends RequestType> = z.output<Protocol[K]['response']>;

/** The envelope on the wire; `np` tells our messages from anything else on the channel. */
export const requestEnvelopeSchema = z.object({ np: z.literal(1), type: z.string(), payload: z.unknown() });
export const replyEnvelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: userErrorSchema }),
]);
export type ReplyEnvelope = z.infer<typeof replyEnvelopeSchema>;

/**
 * Background → frame pushes (`tabs.sendMessage`). They carry no number and no code: the frame
 * asks for those (`page.number`, `page.code`), and the background answers only a frame the order
 * belongs to. So a push that reaches the wrong document (it navigated away) gives it nothing.
 */
export const tabEventSchema = z.discriminatedUnion('event', [
  /** "Get number here" was chosen on this frame's right-clicked field; `token` proves it (single use). */
  z.object({ event: z.literal('menu.clicked'), np: z.literal(1), token: z.string(), targetElementId: z.optional(z.int()) }),
  /** "Get a number for the focused field" was pressed: the frame that has the focus answers. */
  z.object({ event: z.literal('shortcut.pressed'), np: z.literal(1), token: z.string() }),
  /** A number was bought for this frame (confirmed in the window, or from the popup). */
  z.object({ event: z.literal('number.ready'), np: z.literal(1), orderId: z.string(), requestId: z.optional(z.string()) }),
  /** The user's rented number was confirmed in the window for this frame. */
  z.object({ event: z.literal('rentedNumber.ready'), np: z.literal(1), rentalId: z.string(), requestId: z.string() }),
  z.object({ event: z.literal('code.ready'), np: z.literal(1), orderId: z.string() }),
  /** The code for a rented number filled into this frame came. */
  z.object({ event: z.literal('rentalCode.ready'), np: z.literal(1), rentalId: z.string() }),
]);
export type TabEvent = z.infer<typeof tabEventSchema>;
