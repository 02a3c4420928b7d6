import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

/** An answer, before it is written: the fault layer may still replace or drop it. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Readonly<Record<string, string>>;
}

export interface RouteRequest {
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** Parsed JSON, or undefined when the request had no body. */
  body: unknown;
}

export interface Route<Extra> {
  method: 'GET' | 'POST' | 'DELETE';
  /** Segments starting with ":" are parameters, e.g. "/sms/:id". */
  pattern: string;
  handler: (request: RouteRequest & Extra) => Reply | Promise<Reply>;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });

export class Router<Extra> {
  readonly #routes: ReadonlyArray<Route<Extra> & { segments: string[] }>;

  constructor(routes: ReadonlyArray<Route<Extra>>) {
    this.#routes = routes.map((route) => ({ ...route, segments: splitPath(route.pattern) }));
  }

  /** The route for this request; a 404 for an unknown path, a 405 (with Allow) for a known path with another method. */
  resolve(method: string, path: string): { route: Route<Extra>; params: Record<string, string> } {
    const segments = splitPath(path);
    const allowed: string[] = [];
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method) return { route, params };
      allowed.push(route.method);
    }
    if (allowed.length > 0) {
      throw new ApiError(405, `Method ${method} is not allowed on ${path}; use ${allowed.join(' or ')}.`, {
        Allow: [...allowed, 'OPTIONS'].join(', '),
      });
    }
    throw new ApiError(404, `No such endpoint: ${method} ${path}.`);
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, p] of pattern.entries()) {
    const a = actual[i] ?? '';
    if (p.startsWith(':')) params[p.slice(1)] = safeDecode(a);
    else if (p !== a) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Bodies are small JSON objects; anything bigger is a client bug worth a clear 413. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The body as JSON. Content-Type is not checked: the spec's curl examples send
 * it, but a client that forgets it should see its real mistake, if any, not a
 * 415. An empty body is undefined (POST /cancel has none).
 */
export function parseJsonText(text: string): unknown {
  if (Buffer.byteLength(text, 'utf8') > MAX_BODY_BYTES) throw new ApiError(413, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON.');
  }
}

/**
 * Reads a request body as text. Past the limit the rest is drained unread, and the text kept is
 * just over the limit, so `parseJsonText` answers 413 in its turn (after the key and rate checks).
 */
export async function readBodyText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
    size += buffer.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Validates a body (a missing body counts as `{}`) and turns the first problem into a 400 sentence. */
export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body ?? {}, { reportInput: true });
  if (result.success) return result.data;
  const [issue] = result.error.issues;
  throw new ApiError(400, issue ? describeIssue(issue) : 'Invalid request body.');
}

const EXPECTED: Readonly<Record<string, string>> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  object: 'an object',
};

function describeIssue(issue: z.core.$ZodIssue): string {
  const name = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return `Unknown parameter: ${issue.keys.map((k) => `"${k}"`).join(', ')}.`;
  if (name === '') return issue.code === 'invalid_type' ? 'The request body must be a JSON object.' : `Invalid request: ${issue.message}.`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return `Missing required parameter "${name}".`;
  if (issue.code === 'invalid_type') return `Invalid parameter "${name}": expected ${EXPECTED[issue.expected] ?? issue.expected}.`;
  return `Invalid parameter "${name}": ${issue.message}.`;
}

export function sendJson(response: ServerResponse, reply: Reply, extraHeaders: Record<string, string> = {}): void {
  sendText(response, reply.status, JSON.stringify(reply.body), { ...extraHeaders, ...reply.headers });
}

export function sendText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    // Answers change with every purchase and SMS: nothing may be cached.
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(text);
}

export function errorReply(error: ApiError): Reply {
  return { status: error.status, body: { error: error.message }, headers: error.headers };
}
