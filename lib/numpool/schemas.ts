import { z } from 'zod';
import { RENTAL_DURATIONS } from './constants';

/**
 * Response shapes of the NumPool API. Required fields are checked strictly; extra fields are
 * tolerated (and dropped), so the service can add fields without breaking the extension.
 */

/** Prices sometimes come as strings in APIs like this one; accept "0.43" as 0.43, reject anything else. */
export const money = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number),
  ])
  .pipe(z.number().finite().nonnegative());

/** Opaque ids: non-empty, no whitespace or slashes (they are put into URL paths). */
export const opaqueId = z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'not a valid id');

export const phoneNumber = z.string().regex(/^\+?[0-9 ()-]{6,24}$/, 'not a phone number');

export const timestamp = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date');

export const balanceSchema = z.object({ balance: money, currency: z.string().min(1).default('USD') });

export const serviceSchema = z.object({
  id: z.string().min(1).max(32),
  name: z.string().min(1),
  domain: z.string().optional(),
});
export const servicesSchema = z.array(serviceSchema);

export const countrySchema = z.object({ id: z.number().int().nonnegative(), name: z.string().min(1) });
export const countriesSchema = z.array(countrySchema);

export const countryOfferSchema = countrySchema.extend({
  flag: z.string().optional(),
  price: money,
  stock: z.number().int().nonnegative(),
  currency: z.string().default('USD'),
  operators: z.array(z.string()).optional(),
});
export const countryOffersSchema = z.array(countryOfferSchema);

/** Status words as the server sends them; normalised in `status.ts`. */
const rawStatus = z.string().min(1);

export const buyResponseSchema = z.object({
  order_id: opaqueId,
  number: phoneNumber,
  cost: money,
  status: rawStatus,
  poll_url: z.string().optional(),
});

const smsEntrySchema = z.object({
  code: z.string().nullish(),
  full_sms: z.string().nullish(),
  at: z.string().nullish(),
});

export const smsResponseSchema = z.object({
  order_id: opaqueId,
  status: rawStatus,
  code: z.string().nullish(),
  full_sms: z.string().nullish(),
  number: phoneNumber.optional(),
  /** Not in the spec: some servers (and the sandbox) list every SMS of the order. */
  sms: z.array(smsEntrySchema).optional(),
});

export const cancelResponseSchema = z.object({
  ok: z.boolean(),
  order_id: opaqueId,
  refunded: money.optional(),
});

/** The spec does not give the shape of an order in the list: only the id is required. */
export const orderSummarySchema = z.object({
  order_id: opaqueId,
  service: z.string().nullish(),
  country: z.union([z.number(), z.string()]).nullish(),
  number: phoneNumber.nullish(),
  cost: money.nullish(),
  status: rawStatus.nullish(),
  code: z.string().nullish(),
  full_sms: z.string().nullish(),
  created_at: z.string().nullish(),
});

/** A list may come bare or wrapped (`{ orders: [...] }`, `{ items: [...] }`, `{ data: [...] }`), with an optional total. */
function listOf<T extends z.ZodType>(item: T, key: string) {
  const unwrap = (body: unknown): unknown => {
    if (Array.isArray(body)) return { items: body };
    if (body && typeof body === 'object') {
      const o = body as Record<string, unknown>;
      return { items: o[key] ?? o.items ?? o.data, total: o.total };
    }
    return body;
  };
  return z.preprocess(unwrap, z.object({ items: z.array(item), total: z.number().int().nonnegative().optional() }));
}

export const ordersResponseSchema = listOf(orderSummarySchema, 'orders');

export const rentalServiceSchema = z.object({ service: z.string().min(1), name: z.string().min(1) });
export const rentalServicesSchema = z.array(rentalServiceSchema);

export const rentalDurationSchema = z.enum(RENTAL_DURATIONS);

export const rentalPricesSchema = z.object({
  service: z.string().min(1),
  durations: z.array(
    z.object({
      // Unknown duration keys are kept as strings so a new offer does not break the list.
      duration: z.string().min(1),
      days: z.number().int().positive(),
      price: money,
    }),
  ),
});

export const createRentalResponseSchema = z.object({
  rental_id: opaqueId,
  number: phoneNumber,
  days: z.number().int().positive(),
  cost: money,
  ends_at: timestamp,
  inbox_url: z.string().optional(),
});

export const rentalSummarySchema = z.object({
  rental_id: opaqueId,
  service: z.string().nullish(),
  number: phoneNumber.nullish(),
  days: z.number().int().positive().nullish(),
  cost: money.nullish(),
  created_at: z.string().nullish(),
  ends_at: z.string().nullish(),
  status: z.string().nullish(),
});
export const rentalsResponseSchema = listOf(rentalSummarySchema, 'rentals');

export const rentalInboxSchema = z.object({
  rental_id: opaqueId,
  messages: z.array(
    z.object({
      from: z.string().nullish(),
      body: z.string(),
      code: z.string().nullish(),
      at: z.string().nullish(),
    }),
  ),
});

/** Error bodies: `{ "error": "..." }`; anything else is ignored. */
export const errorBodySchema = z.object({ error: z.string() });
