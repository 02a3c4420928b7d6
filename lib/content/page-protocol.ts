import * as z from 'zod/mini';
import type { ResponseOf, TabEvent } from '../messaging/protocol';

/**
 * The page side of the message protocol, in zod's small build: content scripts run on every page
 * and must stay small. The shapes mirror `lib/messaging/protocol.ts`; the type checks below fail
 * the build if the two drift apart.
 */
const service = z.object({ id: z.string(), name: z.string(), domain: z.optional(z.string()) });
const formatted = z.object({ value: z.string(), countryOption: z.optional(z.string()) });

export const pageReplies = {
  'page.context': z.object({
    button: z.boolean(),
    rental: z.boolean(),
    service: z.nullable(service),
    quote: z.nullable(z.object({ price: z.number(), currency: z.string(), country: z.number(), countryName: z.string() })),
  }),
  'page.buy': z.discriminatedUnion('status', [
    z.object({ status: z.literal('bought'), orderId: z.string(), value: z.string(), countryOption: z.optional(z.string()) }),
    z.object({ status: z.literal('rented'), rentalId: z.string(), value: z.string(), countryOption: z.optional(z.string()) }),
    z.object({ status: z.literal('confirming'), requestId: z.string() }),
  ]),
  'page.number': z.nullable(formatted),
  'page.code': z.nullable(
    z.union([z.object({ orderId: z.string(), code: z.string() }), z.object({ rentalId: z.string(), code: z.string() })]),
  ),
  'page.codeFocus': z.object({}),
  'page.sent': z.object({}),
  'page.load': z.object({}),
};
export type PageRequest = keyof typeof pageReplies;

export const replyEnvelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ kind: z.string(), key: z.string(), params: z.optional(z.array(z.string())) }) }),
]);

export const tabEvent = z.discriminatedUnion('event', [
  z.object({ event: z.literal('menu.clicked'), np: z.literal(1), token: z.string(), targetElementId: z.optional(z.int()) }),
  z.object({ event: z.literal('shortcut.pressed'), np: z.literal(1), token: z.string() }),
  z.object({ event: z.literal('number.ready'), np: z.literal(1), orderId: z.string(), requestId: z.optional(z.string()) }),
  z.object({ event: z.literal('rentedNumber.ready'), np: z.literal(1), rentalId: z.string(), requestId: z.string() }),
  z.object({ event: z.literal('code.ready'), np: z.literal(1), orderId: z.string() }),
  z.object({ event: z.literal('rentalCode.ready'), np: z.literal(1), rentalId: z.string() }),
]);

// Drift checks: each page schema must produce exactly what the full protocol promises.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const drift: { [K in PageRequest]: Same<z.infer<(typeof pageReplies)[K]>, ResponseOf<K>> } & {
  event: Same<z.infer<typeof tabEvent>, TabEvent>;
} = {
  'page.context': true,
  'page.buy': true,
  'page.number': true,
  'page.code': true,
  'page.codeFocus': true,
  'page.sent': true,
  'page.load': true,
  event: true,
};
void drift;
