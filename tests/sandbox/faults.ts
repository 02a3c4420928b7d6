import { z } from 'zod';

/**
 * Injected failures, so tests can see how the client copes with what the spec
 * only hints at ("5xx: provider or server error"), and with worse: a charge
 * whose answer never arrives, or an answer that is not the documented JSON.
 */
export const FAULT_KINDS = [
  /** Answer `status` with {error: "Provider error"}; the operation does not happen. */
  '5xx',
  /**
   * Answer 429 with Retry-After: `retryAfterSeconds`, as if the key were over its limit; the
   * operation does not happen. Lets a test see a short wait without filling a real minute.
   */
  '429',
  /** Wait delayMs, then handle the request normally. */
  'slow',
  /** Do the operation (charge, create the order...), then close the connection without an answer. */
  'drop-after-charge',
  /** Close the connection before doing anything. */
  'drop',
  /** Do the operation, answer with its status and the first half of its JSON: invalid JSON. */
  'malformed',
  /** Do the operation, answer with its status and valid JSON of the wrong shape (`body`). */
  'wrong-shape',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Service Unavailable: what an upstream provider outage usually looks like. */
const DEFAULT_FAULT_STATUS = 503;
/** Long enough for a spinner to show; far below the service worker's 30 s fetch limit. */
const DEFAULT_SLOW_DELAY_MS = 5_000;
/** Valid JSON matching no NumPool response. */
const DEFAULT_WRONG_SHAPE_BODY = { hello: 'world' };

export const faultSchema = z
  .object({
    kind: z.enum(FAULT_KINDS),
    /** How many matching requests this fault hits. */
    count: z.number().int().positive().default(1),
    /**
     * Which API paths (without /api/v1, e.g. "/buy"): a prefix, or a regular
     * expression when it starts with "^" (e.g. "^/sms/"). Unanchored patterns
     * are prefixes because "/sms" as a regex would also hit "/rentals/r1/sms".
     */
    path: z
      .string()
      .refine((p) => !p.startsWith('^') || isValidRegExp(p), 'path starts with "^" but is not a valid regular expression')
      .optional(),
    /** Case-insensitive; any method when absent. */
    method: z.string().optional(),
    /** Kind "5xx" only. */
    status: z.number().int().min(500).max(599).default(DEFAULT_FAULT_STATUS),
    /** Kind "429" only. */
    retryAfterSeconds: z.number().int().positive().default(2),
    /** Kind "slow" only. */
    delayMs: z.number().int().nonnegative().default(DEFAULT_SLOW_DELAY_MS),
    /** Kind "wrong-shape" only, e.g. the real answer with numbers as strings. */
    body: z.unknown().default(DEFAULT_WRONG_SHAPE_BODY),
  })
  .strict();

export type FaultSpec = z.output<typeof faultSchema>;

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

function matches(spec: FaultSpec, method: string, apiPath: string): boolean {
  if (spec.method !== undefined && spec.method.toUpperCase() !== method.toUpperCase()) return false;
  if (spec.path === undefined) return true;
  return spec.path.startsWith('^') ? new RegExp(spec.path).test(apiPath) : apiPath.startsWith(spec.path);
}

/** Pending faults, first in first out: a request takes the oldest fault that matches it. */
export class FaultQueue {
  readonly #pending: Array<{ spec: FaultSpec; remaining: number }> = [];

  add(spec: FaultSpec): void {
    this.#pending.push({ spec, remaining: spec.count });
  }

  take(method: string, apiPath: string): FaultSpec | undefined {
    const index = this.#pending.findIndex((f) => matches(f.spec, method, apiPath));
    const fault = this.#pending[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.#pending.splice(index, 1);
    return fault.spec;
  }

  /** What is still pending, with how many hits each has left. */
  list(): Array<FaultSpec & { remaining: number }> {
    return this.#pending.map((f) => ({ ...f.spec, remaining: f.remaining }));
  }

  clear(): void {
    this.#pending.length = 0;
  }
}
