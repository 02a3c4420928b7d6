import { z } from 'zod';
import { COUNTRIES, RENTAL_SERVICES, SERVICES, findRentalService, rentalPrices } from './catalog.ts';
import type { ListShape } from './config.ts';
import { ApiError } from './errors.ts';
import { ok, parseBody, type Route } from './http.ts';
import { toDollars } from './money.ts';
import type { Order, OrderSms, Rental, RentalSms, Store } from './store.ts';
import type {
  BalanceJson,
  BuyJson,
  CancelJson,
  CountryJson,
  CountryOfferJson,
  OrderJson,
  OrderSmsJson,
  OrdersPageJson,
  RentalCreatedJson,
  RentalInboxJson,
  RentalJson,
  RentalPricesJson,
  RentalServiceJson,
  RentalSmsJson,
  ServiceJson,
  SmsStatusJson,
} from './wire.ts';

/** The NumPool API under /api/v1: routes only; auth, rate limit and faults wrap them in server.ts. */

export const API_PREFIX = '/api/v1';

/** What POST /buy answers as status; GET /sms calls the same state "waiting" (see store.ts). */
const BUY_STATUS = 'pending';
const DEFAULT_PAGE_LIMIT = 20;
const MAX_PAGE_LIMIT = 100;

export interface ApiDeps {
  store(): Store;
  baseUrl: string;
}

/**
 * Request bodies ignore unknown fields, as a tolerant production API would.
 * `country` must be a JSON number as in the spec's example: "187" is a 400,
 * so a client that sends strings finds out here rather than in production.
 */
const buySchema = z.object({
  service: z.string(),
  country: z.number().int(),
  operator: z.string().optional(),
});
const rentSchema = z.object({ service: z.string(), duration: z.string() });

const iso = (ms: number): string => new Date(ms).toISOString();

export function smsJson(sms: OrderSms): OrderSmsJson {
  return { ...(sms.code === undefined ? {} : { code: sms.code }), full_sms: sms.text, at: iso(sms.at) };
}

/** Newest first. */
export function orderSmsJson(order: Order): OrderSmsJson[] {
  return order.sms.slice().reverse().map(smsJson);
}

/** code and full_sms are those of the newest SMS, present once one arrived. */
function newestSmsFields(order: Order): Pick<OrderJson, 'code' | 'full_sms'> {
  const newest = order.sms.at(-1);
  if (!newest) return {};
  return { ...(newest.code === undefined ? {} : { code: newest.code }), full_sms: newest.text };
}

export function orderJson(order: Order): OrderJson {
  return {
    order_id: order.id,
    service: order.service,
    country: order.countryId,
    number: order.number,
    cost: toDollars(order.costCents),
    status: order.status,
    ...newestSmsFields(order),
    created_at: iso(order.createdAt),
  };
}

export function rentalJson(rental: Rental, active: boolean): RentalJson {
  return {
    rental_id: rental.id,
    service: rental.service,
    number: rental.number,
    days: rental.days,
    cost: toDollars(rental.costCents),
    created_at: iso(rental.createdAt),
    ends_at: iso(rental.endsAt),
    status: active ? 'active' : 'ended',
  };
}

export function rentalMessageJson(message: RentalSms): RentalSmsJson {
  const { from, body, code, at } = message;
  return { from, body, ...(code === undefined ? {} : { code }), at: iso(at) };
}

/** Newest first. */
export function rentalSmsJson(rental: Rental): RentalSmsJson[] {
  return rental.messages.slice().reverse().map(rentalMessageJson);
}

/** The one switch between an envelope and a bare array (see DEFAULT_LIST_SHAPE). */
function listBody<Item>(shape: ListShape, items: Item[], envelope: Record<string, unknown>): unknown {
  return shape === 'array' ? items : envelope;
}

/** A query parameter that must be a whole number in [min, max] when present. */
function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) {
    throw new ApiError(400, `Invalid parameter "${name}": expected an integer from ${min} to ${max}.`);
  }
  return value;
}

function requiredParam(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (value === null || value === '') throw new ApiError(400, `Missing required parameter "${name}".`);
  return value;
}

/** Handlers get the authenticated key with every request. */
export function apiRoutes({ store, baseUrl }: ApiDeps): Array<Route<{ key: string }>> {
  const pollUrl = (orderId: string): string => `${baseUrl}/sms/${encodeURIComponent(orderId)}`;
  const inboxUrl = (rentalId: string): string => `${baseUrl}/rentals/${encodeURIComponent(rentalId)}/sms`;

  return [
    {
      method: 'GET',
      pattern: '/balance',
      handler: ({ key }) => ok({ balance: toDollars(store().balance(key)), currency: 'USD' } satisfies BalanceJson),
    },
    {
      method: 'GET',
      pattern: '/services',
      handler: () => ok(SERVICES.map(({ id, name, domain }) => ({ id, name, domain }) satisfies ServiceJson)),
    },
    {
      method: 'GET',
      pattern: '/countries',
      handler: ({ query }) => {
        const service = query.get('service');
        if (service === null) return ok(COUNTRIES.map(({ id, name }) => ({ id, name }) satisfies CountryJson));
        return ok(
          store()
            .offersInStock(service)
            .map(
              ({ offer, stock }) =>
                ({
                  id: offer.country.id,
                  name: offer.country.name,
                  flag: offer.country.iso2,
                  price: toDollars(offer.priceCents),
                  stock,
                  currency: 'USD',
                  operators: [...offer.country.operators],
                }) satisfies CountryOfferJson,
            ),
        );
      },
    },
    {
      method: 'POST',
      pattern: '/buy',
      handler: ({ key, body }) => {
        const order = store().buy(key, parseBody(buySchema, body));
        return ok({
          order_id: order.id,
          number: order.number,
          cost: toDollars(order.costCents),
          status: BUY_STATUS,
          poll_url: pollUrl(order.id),
        } satisfies BuyJson);
      },
    },
    {
      method: 'GET',
      pattern: '/sms/:id',
      handler: ({ key, params }) => {
        const order = store().order(key, params.id ?? '');
        return ok({
          order_id: order.id,
          status: order.status,
          ...newestSmsFields(order),
          number: order.number,
          sms: orderSmsJson(order),
        } satisfies SmsStatusJson);
      },
    },
    {
      method: 'POST',
      pattern: '/cancel/:id',
      handler: ({ key, params }) => {
        const order = store().cancel(key, params.id ?? '');
        return ok({ ok: true, order_id: order.id, refunded: toDollars(order.costCents) } satisfies CancelJson);
      },
    },
    {
      method: 'GET',
      pattern: '/orders',
      handler: ({ key, query }) => {
        const limit = intParam(query, 'limit', DEFAULT_PAGE_LIMIT, 1, MAX_PAGE_LIMIT);
        const offset = intParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
        const page = store().listOrders(key, limit, offset);
        const orders = page.orders.map(orderJson);
        return ok(listBody(store().config.listShape, orders, { orders, total: page.total, limit, offset } satisfies OrdersPageJson));
      },
    },
    {
      method: 'GET',
      pattern: '/rentals/services',
      handler: () => ok(RENTAL_SERVICES.map(({ service, name }) => ({ service, name }) satisfies RentalServiceJson)),
    },
    {
      method: 'GET',
      pattern: '/rentals/prices',
      handler: ({ query }) => {
        const slug = requiredParam(query, 'service');
        const service = findRentalService(slug);
        if (!service) throw new ApiError(400, `Unknown rental service "${slug}"; see GET /rentals/services.`);
        const durations = rentalPrices(service).map(({ duration, days, priceCents }) => ({ duration, days, price: toDollars(priceCents) }));
        return ok({ service: service.service, durations } satisfies RentalPricesJson);
      },
    },
    {
      method: 'POST',
      pattern: '/rentals',
      handler: ({ key, body }) => {
        const { service, duration } = parseBody(rentSchema, body);
        const rental = store().rent(key, service, duration);
        return ok({
          rental_id: rental.id,
          number: rental.number,
          days: rental.days,
          cost: toDollars(rental.costCents),
          ends_at: iso(rental.endsAt),
          inbox_url: inboxUrl(rental.id),
        } satisfies RentalCreatedJson);
      },
    },
    {
      method: 'GET',
      pattern: '/rentals',
      handler: ({ key }) => {
        const rentals = store()
          .listRentals(key)
          .map((r) => rentalJson(r, store().isRentalActive(r)));
        return ok(listBody(store().config.listShape, rentals, { rentals }));
      },
    },
    {
      method: 'GET',
      pattern: '/rentals/:id/sms',
      handler: ({ key, params }) => {
        const rental = store().rental(key, params.id ?? '');
        return ok({ rental_id: rental.id, messages: rentalSmsJson(rental) } satisfies RentalInboxJson);
      },
    },
  ];
}
