import type { z } from 'zod';
import type { Priority, RateBudget } from '../budget/rate-budget';
import { NumPoolError, kindForStatus, type NumPoolErrorKind } from './errors';
import { errorBodySchema } from './schemas';
import { readIssues, type ValidationIssue } from '../validation-issues';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface HttpOptions {
  baseUrl: string;
  apiKey: string;
  fetch?: FetchLike;
  budget?: RateBudget;
  /** Below the service worker's 30 s limit for a pending fetch. */
  timeoutMs?: number;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Told about every request sent (for the diagnostics log); must not throw. */
  onRequest?: (record: RequestRecord) => void;
}

export type { ValidationIssue };

/** What is known of one request once it is over: never the key, an id, a body or an answer. */
export interface RequestRecord {
  method: 'GET' | 'POST';
  /** The spec's route, e.g. `/sms/:order_id`. */
  route: string;
  priority: Priority;
  /** null when no answer came. */
  status: number | null;
  durationMs: number;
  /** How long it waited for the rate budget before it was sent. */
  budgetWaitMs: number;
  attempt: number;
  failure?: { kind: NumPoolErrorKind; issues?: ValidationIssue[] };
}

export interface CallOptions {
  priority?: Priority;
  signal?: AbortSignal;
}

interface RequestSpec<T extends z.ZodType> extends CallOptions {
  method: 'GET' | 'POST';
  /** The path as sent, ids filled in. */
  path: string;
  /** The path as in the spec (`/sms/:order_id`): what errors name, so no id or key leaks into messages. */
  route: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  schema: T;
  /** Only reads and cancel: a purchase is never sent twice by us. */
  retryable: boolean;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 4_000 };
/** A 429 without `Retry-After`: wait long enough for part of the window to clear. */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 30_000;
const MAX_SERVER_MESSAGE = 300;

export type Http = <T extends z.ZodType>(spec: RequestSpec<T>) => Promise<z.output<T>>;

/** The request layer: budget, timeout, error mapping, validation, and retries where they are safe. */
export function createHttp(options: HttpOptions): Http {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retry = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => Date.now());

  /** One try, told to `onRequest` once it is over, whatever its outcome. */
  async function once<T extends z.ZodType>(spec: RequestSpec<T>, attempt: number): Promise<z.output<T>> {
    const priority = spec.priority ?? 'user';
    const asked = now();
    await options.budget?.acquire(priority, spec.signal);
    const sent = now();
    let status: number | null = null;
    const report = (failure?: RequestRecord['failure']) =>
      options.onRequest?.({
        method: spec.method,
        route: spec.route,
        priority,
        status,
        durationMs: now() - sent,
        budgetWaitMs: sent - asked,
        attempt,
        ...(failure ? { failure } : {}),
      });
    try {
      const result = await send(spec, (s) => (status = s));
      report();
      return result;
    } catch (error) {
      report(error instanceof NumPoolError ? { kind: error.kind, ...(error.issues ? { issues: error.issues } : {}) } : undefined);
      throw error;
    }
  }

  async function send<T extends z.ZodType>(spec: RequestSpec<T>, onStatus: (status: number) => void): Promise<z.output<T>> {
    const endpoint = `${spec.method} ${spec.route}`;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
    const headers: Record<string, string> = { 'X-API-Key': options.apiKey, Accept: 'application/json' };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await doFetch(buildUrl(baseUrl, spec.path, spec.query), {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal,
      });
    } catch (cause) {
      if (spec.signal?.aborted) throw spec.signal.reason;
      const kind = timeout.aborted ? 'timeout' : 'network';
      throw new NumPoolError({ kind, endpoint, cause: describeCause(cause) });
    }

    onStatus(response.status);
    let text: string;
    try {
      text = await response.text();
    } catch (cause) {
      if (spec.signal?.aborted) throw spec.signal.reason;
      // The status line arrived but the body did not: the server did the work, the answer is lost.
      throw new NumPoolError({
        kind: timeout.aborted ? 'timeout' : 'network',
        endpoint,
        status: response.status,
        cause: describeCause(cause),
      });
    }

    if (!response.ok) {
      const serverMessage = readServerMessage(text);
      const kind = kindForStatus(response.status);
      let retryAfterMs: number | undefined;
      if (kind === 'rate-limited') {
        retryAfterMs = parseRetryAfter(response.headers.get('Retry-After'), now());
        await options.budget?.pauseUntil(now() + (retryAfterMs ?? DEFAULT_RATE_LIMIT_PAUSE_MS));
      }
      throw new NumPoolError({ kind, endpoint, status: response.status, serverMessage, retryAfterMs });
    }

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new NumPoolError({ kind: 'invalid-response', endpoint, status: response.status, cause: describeCause(cause) });
    }
    const parsed = spec.schema.safeParse(json);
    if (!parsed.success) {
      throw new NumPoolError({ kind: 'invalid-response', endpoint, status: response.status, issues: readIssues(parsed.error.issues) });
    }
    return parsed.data;
  }

  return async function request(spec) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(spec, attempt);
      } catch (error) {
        const transient =
          error instanceof NumPoolError && (error.kind === 'server' || error.kind === 'network' || error.kind === 'timeout');
        if (!spec.retryable || !transient || attempt >= retry.attempts) throw error;
        // Full jitter: spread retries of many clients instead of hitting the server in step.
        const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
        await sleep(Math.round(random() * ceiling));
        spec.signal?.throwIfAborted();
      }
    }
  };
}

function buildUrl(baseUrl: string, path: string, query?: Record<string, string | number | undefined>): string {
  const url = new URL(baseUrl + path);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

function readServerMessage(text: string): string | undefined {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.error.slice(0, MAX_SERVER_MESSAGE) : undefined;
  } catch {
    return undefined;
  }
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Keep only the message of a low-level error: a cause must never drag request headers along. */
function describeCause(cause: unknown): string {
  if (cause instanceof Error) return `${cause.name}: ${cause.message}`;
  return String(cause);
}
