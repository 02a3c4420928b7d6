import { setTimeout as sleep } from 'node:timers/promises';
import { API_PREFIX, apiRoutes } from './api.ts';
import { DEFAULT_DEMO_BALANCE, DEFAULT_DEMO_KEY, DEFAULT_SEED, initialConfig, type SandboxOptions } from './config.ts';
import { SandboxContext } from './context.ts';
import { CONTROL_PREFIX, controlRoutes } from './control.ts';
import { ApiError } from './errors.ts';
import type { FaultSpec } from './faults.ts';
import { Router, errorReply, parseJsonText, type Reply } from './http.ts';
import { toCents } from './money.ts';

/** A request as the sandbox sees it, whatever carried it (HTTP, or a call in the same process). */
export interface AppRequest {
  method: string;
  /** Path and query, e.g. `/api/v1/orders?limit=20`. */
  url: string;
  headers: Readonly<Record<string, string | undefined>>;
  /** The raw body; '' when there is none. */
  body: string;
}

/** An answer to write, or a connection to drop without one. */
export type AppAnswer = { kind: 'answer'; status: number; headers: Record<string, string>; text: string } | { kind: 'drop' };

/**
 * Every answer allows any origin, so a web page or an extension page can call
 * the sandbox. Retry-After is exposed because a browser hides it from scripts otherwise.
 */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After',
} as const;

/** The body of a "5xx" fault. */
const PROVIDER_ERROR = 'Provider error';

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

function answer(reply: Reply, text = JSON.stringify(reply.body)): AppAnswer {
  return { kind: 'answer', status: reply.status, headers: { ...CORS_HEADERS, ...reply.headers }, text };
}

/**
 * The sandbox without its transport: the API (key, rate limit, faults, routes) and the control
 * API, answering plain requests. `server.ts` serves it over HTTP; `in-process.ts` calls it directly,
 * so tests can run the extension's engine against it on a fake clock.
 */
export function createSandboxApp(options: SandboxOptions & { baseUrl: string }) {
  const ctx = new SandboxContext({
    config: initialConfig(options),
    clock: options.clock ?? Date.now,
    seed: options.seed ?? DEFAULT_SEED,
    demoKey: options.demoKey ?? DEFAULT_DEMO_KEY,
    demoBalanceCents: toCents(options.demoBalance ?? DEFAULT_DEMO_BALANCE),
  });
  const api = new Router(apiRoutes({ store: () => ctx.store, baseUrl: options.baseUrl }));
  const control = new Router(controlRoutes(ctx));
  /** Aborts "slow" faults' waits on close, so close() does not wait for them. */
  const lifetime = new AbortController();

  async function route<Extra extends object>(
    router: Router<Extra>,
    request: AppRequest,
    path: string,
    url: URL,
    extra: Extra,
  ): Promise<Reply> {
    try {
      const { route: matched, params } = router.resolve(request.method, path);
      const body = parseJsonText(request.body);
      return await matched.handler({ params, query: url.searchParams, body, ...extra });
    } catch (error) {
      if (error instanceof ApiError) return errorReply(error);
      throw error;
    }
  }

  /**
   * The API pipeline: key (401), rate limit (429), injected fault, route.
   * 401s do not count toward any limit: there is no valid key to count them
   * against, and a per-IP limit is not in the spec. Everything after the key
   * check counts, 4xx and faulted requests included (they reached the server).
   */
  async function handleApi(request: AppRequest, url: URL): Promise<AppAnswer> {
    const at = ctx.clock();
    const method = request.method;
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    const header = request.headers['x-api-key'];
    const key = typeof header === 'string' && header !== '' ? header : undefined;
    const respond = (reply: Reply, fault?: FaultSpec): AppAnswer => {
      ctx.log.add(key, { at, method, path, status: reply.status, ...(fault ? { fault: fault.kind } : {}) });
      return answer(reply);
    };
    const drop = (fault: FaultSpec): AppAnswer => {
      ctx.log.add(key, { at, method, path, status: null, fault: fault.kind });
      return { kind: 'drop' };
    };

    if (key === undefined || !ctx.store.hasKey(key)) {
      const message = key === undefined ? 'Missing API key: send it in the X-API-Key header.' : 'Invalid API key.';
      return respond({ status: 401, body: { error: message } });
    }
    const decision = ctx.limiter.take(key);
    if (!decision.allowed) {
      return respond({
        status: 429,
        body: { error: `Too many requests (max ${ctx.store.config.rateLimitPerMinute}/min); retry in ${decision.retryAfterSeconds} s.` },
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
      });
    }

    const fault = ctx.faults.take(method, path);
    switch (fault?.kind) {
      case 'drop':
        return drop(fault);
      case '5xx':
        return respond({ status: fault.status, body: { error: PROVIDER_ERROR } }, fault);
      case '429':
        return respond(
          {
            status: 429,
            body: { error: `Too many requests; retry in ${fault.retryAfterSeconds} s.` },
            headers: { 'Retry-After': String(fault.retryAfterSeconds) },
          },
          fault,
        );
      case 'slow':
        await sleep(fault.delayMs, undefined, { signal: lifetime.signal });
        break;
    }

    const reply = await route(api, request, path, url, { key });
    switch (fault?.kind) {
      case 'drop-after-charge':
        return drop(fault);
      case 'malformed': {
        // A prefix of a JSON object or array is never valid JSON: the closing bracket is missing.
        const json = JSON.stringify(reply.body);
        ctx.log.add(key, { at, method, path, status: reply.status, fault: fault.kind });
        return answer(reply, json.slice(0, Math.ceil(json.length / 2)));
      }
      case 'wrong-shape':
        return respond({ ...reply, body: fault.body }, fault);
      default:
        return respond(reply, fault);
    }
  }

  return {
    demoKey: options.demoKey ?? DEFAULT_DEMO_KEY,
    /** Answers one request (API or control); never throws for a bad request. */
    async handle(request: AppRequest): Promise<AppAnswer> {
      const url = new URL(request.url, 'http://sandbox.invalid');
      if (isUnder(url.pathname, API_PREFIX)) return handleApi(request, url);
      if (isUnder(url.pathname, CONTROL_PREFIX)) {
        const path = url.pathname.slice(CONTROL_PREFIX.length) || '/';
        return answer(await route(control, request, path, url, {}));
      }
      return answer({
        status: 404,
        body: { error: `Nothing here; the API is under ${API_PREFIX} and the control API under ${CONTROL_PREFIX}.` },
      });
    },
    /** Whether the sandbox is closing (a request failing now is not worth reporting). */
    get closing(): boolean {
      return lifetime.signal.aborted;
    },
    close(): void {
      lifetime.abort();
    },
  };
}

export type SandboxApp = ReturnType<typeof createSandboxApp>;

export { DEFAULT_DEMO_BALANCE };
