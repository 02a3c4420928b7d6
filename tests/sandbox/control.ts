import { z } from 'zod';
import { orderJson, orderSmsJson, rentalJson, rentalMessageJson, rentalSmsJson, smsJson } from './api.ts';
import { configPatchSchema } from './config.ts';
import type { SandboxContext } from './context.ts';
import { ApiError } from './errors.ts';
import { faultSchema } from './faults.ts';
import { ok, parseBody, type Route } from './http.ts';
import { toCents, toDollars } from './money.ts';
import { keyHint } from './request-log.ts';
import type { HoldScope, Store } from './store.ts';
import type {
  ConfigJson,
  FaultsJson,
  HoldsJson,
  KeyJson,
  LogJson,
  OkJson,
  OrderDeliveredJson,
  RentalDeliveredJson,
  StateJson,
} from './wire.ts';

/**
 * The control API under /__control: how tests arrange and inspect the
 * sandbox. No key, no rate limit, no faults, not logged. Bodies are strict
 * (an unknown field is a 400) because a typo in a test should fail loudly.
 */

export const CONTROL_PREFIX = '/__control';

/** A new key starts with an empty wallet, like a new NumPool account. */
const DEFAULT_NEW_KEY_BALANCE = 0;
/** Enough for any test; a bigger number is a mistake in the test. */
const MAX_DELIVER_COUNT = 100;

const dollars = z.number().nonnegative();

const keysSchema = z.object({ key: z.string().min(1).optional(), balance: dollars.optional() }).strict();
const balanceSchema = z.object({ key: z.string().min(1), balance: dollars }).strict();
const deliverSchema = z
  .object({
    order_id: z.string().min(1).optional(),
    rental_id: z.string().min(1).optional(),
    code: z.string().min(1).optional(),
    text: z.string().min(1).optional(),
    from: z.string().min(1).optional(),
    count: z.number().int().min(1).max(MAX_DELIVER_COUNT).optional(),
  })
  .strict();
const holdSchema = z
  .object({ hold: z.boolean(), order_id: z.string().min(1).optional(), key: z.string().min(1).optional() })
  .strict()
  .refine((b) => b.order_id === undefined || b.key === undefined, 'give at most one of order_id and key');

function stateJson(store: Store, key: string): StateJson {
  const account = store.account(key);
  return {
    key_hint: keyHint(key),
    balance: toDollars(account.balanceCents),
    orders: account.orders.map((order) => ({
      ...orderJson(order),
      operator: order.operator,
      expires_at: new Date(order.expiresAt).toISOString(),
      auto_deliver_at: order.autoDeliverAt === null ? null : new Date(order.autoDeliverAt).toISOString(),
      sms: orderSmsJson(order),
    })),
    rentals: account.rentals.map((rental) => ({
      ...rentalJson(rental, store.isRentalActive(rental)),
      messages: rentalSmsJson(rental),
    })),
    charges: account.charges.map((c) => ({ kind: c.kind, id: c.id, amount: toDollars(c.amountCents), at: new Date(c.at).toISOString() })),
    refunds: account.refunds.map((r) => ({
      order_id: r.orderId,
      amount: toDollars(r.amountCents),
      reason: r.reason,
      at: new Date(r.at).toISOString(),
    })),
  };
}

function holdsJson(store: Store): HoldsJson {
  const { global, keys, orders } = store.holds();
  return { holds: { global, keys: keys.map(keyHint), orders } };
}

export function controlRoutes(ctx: SandboxContext): Array<Route<object>> {
  const done: OkJson = { ok: true };
  return [
    {
      method: 'POST',
      pattern: '/reset',
      handler: () => {
        ctx.reset();
        return ok(done);
      },
    },
    {
      method: 'POST',
      pattern: '/keys',
      handler: ({ body }) => {
        const { key, balance = DEFAULT_NEW_KEY_BALANCE } = parseBody(keysSchema, body);
        const created = ctx.store.addKey(key, toCents(balance));
        return ok({ key: created, balance: toDollars(ctx.store.balance(created)) } satisfies KeyJson, 201);
      },
    },
    {
      method: 'POST',
      pattern: '/balance',
      handler: ({ body }) => {
        const { key, balance } = parseBody(balanceSchema, body);
        ctx.store.setBalance(key, toCents(balance));
        return ok({ key, balance: toDollars(ctx.store.balance(key)) } satisfies KeyJson);
      },
    },
    {
      method: 'GET',
      pattern: '/state',
      handler: ({ query }) => {
        const key = query.get('key');
        if (!key) throw new ApiError(400, 'Missing required parameter "key".');
        return ok(stateJson(ctx.store, key));
      },
    },
    {
      method: 'POST',
      pattern: '/deliver',
      handler: ({ body }) => {
        const { order_id: orderId, rental_id: rentalId, ...request } = parseBody(deliverSchema, body);
        if (orderId !== undefined && rentalId === undefined) {
          const { order, delivered } = ctx.store.deliverToOrder(orderId, request);
          return ok({ order_id: order.id, status: order.status, delivered: delivered.map(smsJson) } satisfies OrderDeliveredJson);
        }
        if (rentalId !== undefined && orderId === undefined) {
          const { rental, delivered } = ctx.store.deliverToRental(rentalId, request);
          return ok({ rental_id: rental.id, delivered: delivered.map(rentalMessageJson) } satisfies RentalDeliveredJson);
        }
        throw new ApiError(400, 'Give exactly one of "order_id" and "rental_id".');
      },
    },
    {
      method: 'POST',
      pattern: '/hold',
      handler: ({ body }) => {
        const { hold, order_id: orderId, key } = parseBody(holdSchema, body);
        const scope: HoldScope =
          orderId !== undefined ? { kind: 'order', orderId } : key !== undefined ? { kind: 'key', key } : { kind: 'global' };
        ctx.store.setHold(scope, hold);
        return ok(holdsJson(ctx.store));
      },
    },
    {
      method: 'GET',
      pattern: '/config',
      handler: () => ok(ctx.store.config satisfies ConfigJson),
    },
    {
      method: 'POST',
      pattern: '/config',
      handler: ({ body }) => ok(ctx.store.configure(parseBody(configPatchSchema, body)) satisfies ConfigJson),
    },
    {
      method: 'GET',
      pattern: '/faults',
      handler: () => ok({ faults: ctx.faults.list() } satisfies FaultsJson),
    },
    {
      method: 'POST',
      pattern: '/faults',
      handler: ({ body }) => {
        ctx.faults.add(parseBody(faultSchema, body));
        return ok({ faults: ctx.faults.list() } satisfies FaultsJson, 201);
      },
    },
    {
      method: 'DELETE',
      pattern: '/faults',
      handler: () => {
        ctx.faults.clear();
        return ok(done);
      },
    },
    {
      method: 'GET',
      pattern: '/log',
      handler: ({ query }) => ok({ requests: ctx.log.list(query.get('key') ?? undefined) } satisfies LogJson),
    },
    {
      method: 'DELETE',
      pattern: '/log',
      handler: () => {
        ctx.log.clear();
        return ok(done);
      },
    },
  ];
}
