import * as z from 'zod/mini';
import type { ResponseOf, TabEvent } from '../messaging/protocol';

/**
 * The page side of the message protocol, in zod's small build: content scripts run on every page
 * and must stay small. The shapes mirror `lib/messaging/protocol.ts`; the type checks below fail
 * the build if the two drift apart.
 */
const service = z.object({ id: z.string(), name: z.string(), domain: z.optional(z.string()) });

export const pageReplies = {
  'page.context': z.object({
    autofill: z.boolean(),
    service: z.nullable(service),
    quote: z.nullable(z.object({ price: z.number(), currency: z.string(), country: z.number(), countryName: z.string() })),
    hasKey: z.boolean(),
  }),
  'page.buy': z.object({ orderId: z.string(), number: z.string(), value: z.string(), countryOption: z.optional(z.string()), cost: z.number() }),
  'page.format': z.nullable(z.object({ value: z.string(), countryOption: z.optional(z.string()) })),
  'page.code': z.nullable(z.object({ orderId: z.string(), code: z.nullable(z.string()), state: z.string() })),
  'page.codeFocus': z.object({}),
  'page.load': z.object({}),
};
export type PageRequest = keyof typeof pageReplies;

export const replyEnvelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ kind: z.string(), message: z.string() }) }),
]);

export const tabEvent = z.discriminatedUnion('event', [
  z.object({ event: z.literal('fill.number'), np: z.literal(1), orderId: z.string(), number: z.string(), via: z.enum(['contextmenu', 'popup']) }),
  z.object({ event: z.literal('fill.code'), np: z.literal(1), orderId: z.string(), code: z.string() }),
]);

// Drift checks: each page schema must produce exactly what the full protocol promises.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const drift: { [K in PageRequest]: Same<z.infer<(typeof pageReplies)[K]>, ResponseOf<K>> } & { event: Same<z.infer<typeof tabEvent>, TabEvent> } = {
  'page.context': true,
  'page.buy': true,
  'page.format': true,
  'page.code': true,
  'page.codeFocus': true,
  'page.load': true,
  event: true,
};
void drift;
