import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_PREFIX, apiRoutes } from './api.ts';
import { DEFAULT_DEMO_BALANCE, DEFAULT_DEMO_KEY, DEFAULT_HOST, DEFAULT_SEED, initialConfig, type SandboxOptions } from './config.ts';
import { SandboxContext } from './context.ts';
import { CONTROL_PREFIX, controlRoutes } from './control.ts';
import { ApiError } from './errors.ts';
import type { FaultSpec } from './faults.ts';
import { Router, errorReply, readJsonBody, sendJson, sendText, type Reply } from './http.ts';
import { toCents } from './money.ts';

export type { SandboxOptions } from './config.ts';

export interface Sandbox {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** origin + '/api/v1' */
  baseUrl: string;
  /** origin + '/__control' */
  controlUrl: string;
  demoKey: string;
  close(): Promise<void>;
}

/**
 * Every answer allows any origin, so a web page or an extension page can call
 * the sandbox. Retry-After is exposed because a browser hides it from scripts otherwise.
 */
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Retry-After',
} as const;
const PREFLIGHT_HEADERS = {
  ...CORS_HEADERS,
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'X-API-Key, Content-Type',
  'Access-Control-Max-Age': '600',
} as const;

/** The body of a "5xx" fault. */
const PROVIDER_ERROR = 'Provider error';

/** "0.0.0.0" listens everywhere but cannot be fetched from; advertise loopback instead. */
function advertisedHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function isUnder(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? DEFAULT_HOST;
  const demoKey = options.demoKey ?? DEFAULT_DEMO_KEY;
  const ctx = new SandboxContext({
    config: initialConfig(options),
    clock: options.clock ?? Date.now,
    seed: options.seed ?? DEFAULT_SEED,
    demoKey,
    demoBalanceCents: toCents(options.demoBalance ?? DEFAULT_DEMO_BALANCE),
  });

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${advertisedHost(host)}:${port}`;
  const baseUrl = origin + API_PREFIX;

  const api = new Router(apiRoutes({ store: () => ctx.store, baseUrl }));
  const control = new Router(controlRoutes(ctx));
  /** Aborts "slow" faults' waits on close, so close() does not wait for them. */
  const lifetime = new AbortController();

  async function route<Extra extends object>(
    router: Router<Extra>,
    request: IncomingMessage,
    path: string,
    url: URL,
    extra: Extra,
  ): Promise<Reply> {
    try {
      const { route: matched, params } = router.resolve(request.method ?? 'GET', path);
      const body = await readJsonBody(request);
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
  async function handleApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const at = ctx.clock();
    const method = request.method ?? 'GET';
    const path = url.pathname.slice(API_PREFIX.length) || '/';
    const header = request.headers['x-api-key'];
    const key = typeof header === 'string' && header !== '' ? header : undefined;
    const respond = (reply: Reply, fault?: FaultSpec): void => {
      sendJson(response, reply, CORS_HEADERS);
      ctx.log.add(key, { at, method, path, status: reply.status, ...(fault ? { fault: fault.kind } : {}) });
    };
    const drop = (fault: FaultSpec): void => {
      request.socket.destroy();
      ctx.log.add(key, { at, method, path, status: null, fault: fault.kind });
    };

    if (key === undefined || !ctx.store.hasKey(key)) {
      const message = key === undefined ? 'Missing API key: send it in the X-API-Key header.' : 'Invalid API key.';
      respond({ status: 401, body: { error: message } });
      return;
    }
    const decision = ctx.limiter.take(key);
    if (!decision.allowed) {
      respond({
        status: 429,
        body: { error: `Too many requests (max ${ctx.store.config.rateLimitPerMinute}/min); retry in ${decision.retryAfterSeconds} s.` },
        headers: { 'Retry-After': String(decision.retryAfterSeconds) },
      });
      return;
    }

    const fault = ctx.faults.take(method, path);
    switch (fault?.kind) {
      case 'drop':
        drop(fault);
        return;
      case '5xx':
        respond({ status: fault.status, body: { error: PROVIDER_ERROR } }, fault);
        return;
      case '429':
        respond({ status: 429, body: { error: `Too many requests; retry in ${fault.retryAfterSeconds} s.` }, headers: { 'Retry-After': String(fault.retryAfterSeconds) } }, fault);
        return;
      case 'slow':
        await sleep(fault.delayMs, undefined, { signal: lifetime.signal });
        break;
    }

    const reply = await route(api, request, path, url, { key });
    switch (fault?.kind) {
      case 'drop-after-charge':
        drop(fault);
        return;
      case 'malformed': {
        // A prefix of a JSON object or array is never valid JSON: the closing bracket is missing.
        const json = JSON.stringify(reply.body);
        sendText(response, reply.status, json.slice(0, Math.ceil(json.length / 2)), { ...CORS_HEADERS, ...reply.headers });
        ctx.log.add(key, { at, method, path, status: reply.status, fault: fault.kind });
        return;
      }
      case 'wrong-shape':
        respond({ ...reply, body: fault.body }, fault);
        return;
      default:
        respond(reply, fault);
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    if (request.method === 'OPTIONS') {
      // Chrome asks before a public page may reach a loopback server (Private Network Access).
      const privateNetwork = request.headers['access-control-request-private-network'] === 'true';
      response.writeHead(204, { ...PREFLIGHT_HEADERS, ...(privateNetwork ? { 'Access-Control-Allow-Private-Network': 'true' } : {}) });
      response.end();
      return;
    }
    if (isUnder(url.pathname, API_PREFIX)) {
      await handleApi(request, response, url);
      return;
    }
    if (isUnder(url.pathname, CONTROL_PREFIX)) {
      const path = url.pathname.slice(CONTROL_PREFIX.length) || '/';
      sendJson(response, await route(control, request, path, url, {}), CORS_HEADERS);
      return;
    }
    sendJson(response, { status: 404, body: { error: `Nothing here; the API is under ${API_PREFIX} and the control API under ${CONTROL_PREFIX}.` } }, CORS_HEADERS);
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (lifetime.signal.aborted) return; // closing: the connection is gone anyway
      console.error('NumPool sandbox: unexpected error', error);
      if (!response.headersSent) {
        sendJson(response, { status: 500, body: { error: 'Internal sandbox error; see the sandbox output.' } }, CORS_HEADERS);
      } else {
        response.destroy();
      }
    });
  });

  let closing: Promise<void> | undefined;
  return {
    origin,
    baseUrl,
    controlUrl: origin + CONTROL_PREFIX,
    demoKey,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        lifetime.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
