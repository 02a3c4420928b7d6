import type { z } from 'zod';
import { createHttp, type CallOptions, type HttpOptions } from './http';
import {
  balanceSchema,
  buyResponseSchema,
  cancelResponseSchema,
  countryOffersSchema,
  createRentalResponseSchema,
  ordersResponseSchema,
  rentalInboxSchema,
  rentalPricesSchema,
  rentalServicesSchema,
  rentalsResponseSchema,
  servicesSchema,
  smsResponseSchema,
} from './schemas';
import { normaliseOrderStatus, type ServerOrderState } from './status';
import type { RENTAL_DURATIONS } from './constants';

export type Service = z.output<typeof servicesSchema>[number];
export type CountryOffer = z.output<typeof countryOffersSchema>[number];
export type RentalService = z.output<typeof rentalServicesSchema>[number];
export type RentalPrices = z.output<typeof rentalPricesSchema>;
export type RentalDuration = (typeof RENTAL_DURATIONS)[number];
export type RentalInbox = z.output<typeof rentalInboxSchema>;

export interface Balance {
  balance: number;
  currency: string;
}

export interface PurchasedOrder {
  orderId: string;
  number: string;
  cost: number;
  state: ServerOrderState;
  rawStatus: string;
}

export interface ReceivedSms {
  code: string | null;
  text: string | null;
  at: string | null;
}

export interface OrderSms {
  orderId: string;
  state: ServerOrderState;
  rawStatus: string;
  number: string | null;
  /** Newest first. Empty until the first SMS arrives. */
  messages: ReceivedSms[];
}

export interface CancelResult {
  orderId: string;
  refunded: number | null;
}

export interface OrderSummary {
  orderId: string;
  service: string | null;
  country: number | string | null;
  number: string | null;
  cost: number | null;
  state: ServerOrderState;
  rawStatus: string | null;
  code: string | null;
  text: string | null;
  createdAt: string | null;
}

export interface Page<T> {
  items: T[];
  /** Only when the server says; otherwise unknown. */
  total: number | null;
}

export interface CreatedRental {
  rentalId: string;
  number: string;
  days: number;
  cost: number;
  endsAt: string;
}

export interface RentalSummary {
  rentalId: string;
  service: string | null;
  number: string | null;
  days: number | null;
  cost: number | null;
  createdAt: string | null;
  endsAt: string | null;
  status: string | null;
}

/** The body of `POST /buy`. */
export interface BuyBody {
  service: string;
  country: number;
  operator?: string;
}

export type NumPoolClient = ReturnType<typeof createNumPoolClient>;

/**
 * One typed function per endpoint of the NumPool spec. Reads and cancel are retried on transient
 * failures; `buy` and `createRental` spend money and are sent exactly once.
 */
export function createNumPoolClient(options: HttpOptions) {
  const http = createHttp(options);
  const id = (value: string) => encodeURIComponent(value);

  return {
    async balance(call?: CallOptions): Promise<Balance> {
      return http({ ...call, method: 'GET', path: '/balance', route: '/balance', schema: balanceSchema, retryable: true });
    },

    async services(call?: CallOptions): Promise<Service[]> {
      return http({ ...call, method: 'GET', path: '/services', route: '/services', schema: servicesSchema, retryable: true });
    },

    /** Countries in stock for a service, with price and stock. */
    async countriesFor(service: string, call?: CallOptions): Promise<CountryOffer[]> {
      return http({
        ...call,
        method: 'GET',
        path: '/countries',
        route: '/countries',
        query: { service },
        schema: countryOffersSchema,
        retryable: true,
      });
    },

    /** Spends money: never retried. After an ambiguous failure, look for the order in `orders()`. */
    async buy(request: BuyBody, call?: CallOptions): Promise<PurchasedOrder> {
      const body: Record<string, unknown> = { service: request.service, country: request.country };
      if (request.operator) body.operator = request.operator;
      const r = await http({ ...call, method: 'POST', path: '/buy', route: '/buy', body, schema: buyResponseSchema, retryable: false });
      return { orderId: r.order_id, number: r.number, cost: r.cost, state: normaliseOrderStatus(r.status), rawStatus: r.status };
    },

    async sms(orderId: string, call?: CallOptions): Promise<OrderSms> {
      const r = await http({
        ...call,
        method: 'GET',
        path: `/sms/${id(orderId)}`,
        route: '/sms/:order_id',
        schema: smsResponseSchema,
        retryable: true,
      });
      const messages: ReceivedSms[] = (r.sms ?? []).map((m) => ({ code: m.code ?? null, text: m.full_sms ?? null, at: m.at ?? null }));
      // The spec only gives the latest code; keep it even when the server sends no list.
      if (r.code && !messages.some((m) => m.code === r.code && m.text === (r.full_sms ?? null))) {
        messages.unshift({ code: r.code, text: r.full_sms ?? null, at: null });
      }
      return { orderId: r.order_id, state: normaliseOrderStatus(r.status), rawStatus: r.status, number: r.number ?? null, messages };
    },

    /** Refunds a waiting order. Safe to retry: a repeated cancel is refused, not charged. */
    async cancel(orderId: string, call?: CallOptions): Promise<CancelResult> {
      const r = await http({
        ...call,
        method: 'POST',
        path: `/cancel/${id(orderId)}`,
        route: '/cancel/:order_id',
        schema: cancelResponseSchema,
        retryable: true,
      });
      return { orderId: r.order_id, refunded: r.refunded ?? null };
    },

    async orders(page: { limit?: number; offset?: number } = {}, call?: CallOptions): Promise<Page<OrderSummary>> {
      const r = await http({
        ...call,
        method: 'GET',
        path: '/orders',
        route: '/orders',
        query: { limit: page.limit, offset: page.offset },
        schema: ordersResponseSchema,
        retryable: true,
      });
      return {
        total: r.total ?? null,
        items: r.items.map((o) => ({
          orderId: o.order_id,
          service: o.service ?? null,
          country: o.country ?? null,
          number: o.number ?? null,
          cost: o.cost ?? null,
          state: normaliseOrderStatus(o.status),
          rawStatus: o.status ?? null,
          code: o.code ?? null,
          text: o.full_sms ?? null,
          createdAt: o.created_at ?? null,
        })),
      };
    },

    async rentalServices(call?: CallOptions): Promise<RentalService[]> {
      return http({
        ...call,
        method: 'GET',
        path: '/rentals/services',
        route: '/rentals/services',
        schema: rentalServicesSchema,
        retryable: true,
      });
    },

    async rentalPrices(service: string, call?: CallOptions): Promise<RentalPrices> {
      return http({
        ...call,
        method: 'GET',
        path: '/rentals/prices',
        route: '/rentals/prices',
        query: { service },
        schema: rentalPricesSchema,
        retryable: true,
      });
    },

    /** Spends money (non-refundable): never retried. After an ambiguous failure, look in `rentals()`. */
    async createRental(request: { service: string; duration: RentalDuration }, call?: CallOptions): Promise<CreatedRental> {
      const r = await http({
        ...call,
        method: 'POST',
        path: '/rentals',
        route: '/rentals',
        body: { service: request.service, duration: request.duration },
        schema: createRentalResponseSchema,
        retryable: false,
      });
      return { rentalId: r.rental_id, number: r.number, days: r.days, cost: r.cost, endsAt: r.ends_at };
    },

    async rentals(call?: CallOptions): Promise<RentalSummary[]> {
      const r = await http({ ...call, method: 'GET', path: '/rentals', route: '/rentals', schema: rentalsResponseSchema, retryable: true });
      return r.items.map((x) => ({
        rentalId: x.rental_id,
        service: x.service ?? null,
        number: x.number ?? null,
        days: x.days ?? null,
        cost: x.cost ?? null,
        createdAt: x.created_at ?? null,
        endsAt: x.ends_at ?? null,
        status: x.status ?? null,
      }));
    },

    async rentalInbox(rentalId: string, call?: CallOptions): Promise<RentalInbox> {
      return http({
        ...call,
        method: 'GET',
        path: `/rentals/${id(rentalId)}/sms`,
        route: '/rentals/:id/sms',
        schema: rentalInboxSchema,
        retryable: true,
      });
    },
  };
}
