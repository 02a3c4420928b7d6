import { z } from 'zod';

/** Milliseconds since the epoch. Injectable so tests can move time instead of waiting. */
export type Clock = () => number;

/**
 * Whether GET /orders and GET /rentals answer `{ orders: [...], total, limit, offset }`
 * (resp. `{ rentals: [...] }`) or a bare array. The spec does not show either
 * response, so the default is the envelope; switch here (or per run with
 * POST /__control/config `{ "listShape": "array" }`) to check that the client
 * tolerates both.
 */
export const DEFAULT_LIST_SHAPE: ListShape = 'envelope';
export type ListShape = 'envelope' | 'array';

/** The part of the configuration that can change while the sandbox runs (POST /__control/config). */
export interface SandboxConfig {
  /** Send one SMS to every new order after a random delay. */
  autoDeliver: boolean;
  /** Bounds of that delay, drawn from the seeded RNG at purchase. */
  deliverDelayMs: [min: number, max: number];
  /** An order with no SMS this long after purchase expires and is refunded. */
  orderLifetimeMs: number;
  /** A cancel sooner than this after purchase is refused. */
  cancelLockMs: number;
  /** Requests per key in a rolling 60 s window (the spec: 60). */
  rateLimitPerMinute: number;
  listShape: ListShape;
}

export interface SandboxOptions {
  /** 0 = a random free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default true. */
  autoDeliver?: boolean;
  /** Default [2000, 5000]. */
  deliverDelayMs?: [min: number, max: number];
  /** Default 20 minutes. */
  orderLifetimeMs?: number;
  /** Default 0: cancel allowed at once. */
  cancelLockMs?: number;
  /** Default 60. */
  rateLimitPerMinute?: number;
  /** Seeds delays, codes and numbers. Default DEFAULT_SEED, so runs repeat. */
  seed?: number;
  /** Default 'np_test_demo'. */
  demoKey?: string;
  /** Dollars. Default 50. */
  demoBalance?: number;
  /** Default Date.now. */
  clock?: Clock;
  /** Default DEFAULT_LIST_SHAPE. */
  listShape?: ListShape;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DEMO_KEY = 'np_test_demo';
export const DEFAULT_DEMO_BALANCE = 50;
/** A fixed default seed: a failure seen once is seen again on the next run. */
export const DEFAULT_SEED = 20260613;

const DEFAULT_CONFIG: Readonly<SandboxConfig> = Object.freeze<SandboxConfig>({
  autoDeliver: true,
  deliverDelayMs: [2000, 5000],
  // Comparable services expire an unused number after 15-20 minutes.
  orderLifetimeMs: 20 * 60_000,
  cancelLockMs: 0,
  rateLimitPerMinute: 60,
  listShape: DEFAULT_LIST_SHAPE,
});

const nonNegativeInt = z.number().int().nonnegative();

/** Validates both SandboxOptions' config fields and POST /__control/config bodies. */
export const configPatchSchema = z
  .object({
    autoDeliver: z.boolean(),
    deliverDelayMs: z
      .tuple([nonNegativeInt, nonNegativeInt])
      .refine(([min, max]) => min <= max, 'deliverDelayMs must be [min, max] with min <= max'),
    orderLifetimeMs: z.number().int().positive(),
    cancelLockMs: nonNegativeInt,
    rateLimitPerMinute: z.number().int().positive(),
    listShape: z.enum(['envelope', 'array']),
  })
  .partial()
  .strict();

export type ConfigPatch = z.infer<typeof configPatchSchema>;

export function applyConfigPatch(config: SandboxConfig, patch: ConfigPatch): void {
  if (patch.autoDeliver !== undefined) config.autoDeliver = patch.autoDeliver;
  if (patch.deliverDelayMs !== undefined) config.deliverDelayMs = [...patch.deliverDelayMs];
  if (patch.orderLifetimeMs !== undefined) config.orderLifetimeMs = patch.orderLifetimeMs;
  if (patch.cancelLockMs !== undefined) config.cancelLockMs = patch.cancelLockMs;
  if (patch.rateLimitPerMinute !== undefined) config.rateLimitPerMinute = patch.rateLimitPerMinute;
  if (patch.listShape !== undefined) config.listShape = patch.listShape;
}

export function initialConfig(options: SandboxOptions): SandboxConfig {
  const patch = configPatchSchema.parse({
    autoDeliver: options.autoDeliver,
    deliverDelayMs: options.deliverDelayMs,
    orderLifetimeMs: options.orderLifetimeMs,
    cancelLockMs: options.cancelLockMs,
    rateLimitPerMinute: options.rateLimitPerMinute,
    listShape: options.listShape,
  });
  const config: SandboxConfig = { ...DEFAULT_CONFIG, deliverDelayMs: [...DEFAULT_CONFIG.deliverDelayMs] };
  applyConfigPatch(config, patch);
  return config;
}
