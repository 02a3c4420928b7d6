import type { ValidationIssue } from '../validation-issues';
import { NUMPOOL_SITE } from './constants';

/**
 * One error type for everything that can go wrong talking to NumPool.
 * `kind` is for code, `message` is a sentence a user can act on; neither ever holds the API key.
 */
export type NumPoolErrorKind =
  | 'bad-request' // 400
  | 'unauthorized' // 401
  | 'insufficient-funds' // 402
  | 'not-found' // 404
  | 'rate-limited' // 429
  | 'server' // 5xx
  | 'http' // any other non-2xx status the spec does not list
  | 'network' // no answer at all: offline, DNS, connection refused or dropped
  | 'timeout' // no answer within the time limit
  | 'invalid-response'; // an answer we cannot understand

export const TOP_UP_URL = NUMPOOL_SITE;

export interface NumPoolErrorInit {
  kind: NumPoolErrorKind;
  /** Method and path only, e.g. `POST /buy`: no host, no query, no key. */
  endpoint: string;
  status?: number;
  /** The `error` text of the server's JSON body, if it sent one. */
  serverMessage?: string;
  /** From `Retry-After` on a 429, in milliseconds. */
  retryAfterMs?: number;
  /** An answer that did not fit its schema: what did not (paths and codes, never values). */
  issues?: ValidationIssue[];
  cause?: unknown;
}

export class NumPoolError extends Error {
  override readonly name = 'NumPoolError';
  readonly kind: NumPoolErrorKind;
  readonly endpoint: string;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly retryAfterMs?: number;
  readonly issues?: ValidationIssue[];

  constructor(init: NumPoolErrorInit) {
    super(describe(init), { cause: init.cause ?? init.issues });
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
    this.retryAfterMs = init.retryAfterMs;
    this.issues = init.issues;
  }

  /** True when the request may have reached the server and done its work (a purchase may exist). */
  get outcomeUnknown(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'server' || this.kind === 'invalid-response';
  }

  /** A plain object safe to send between contexts or store (no stack, no cause). */
  toJSON(): SerializedNumPoolError {
    return {
      kind: this.kind,
      message: this.message,
      endpoint: this.endpoint,
      status: this.status,
      serverMessage: this.serverMessage,
      retryAfterMs: this.retryAfterMs,
    };
  }
}

export interface SerializedNumPoolError {
  kind: NumPoolErrorKind;
  message: string;
  endpoint: string;
  status?: number;
  serverMessage?: string;
  retryAfterMs?: number;
}

/**
 * What went wrong, for a developer reading the diagnostics log: the endpoint, the kind, the status,
 * the server's own words. What the user reads is chosen by kind in the engine
 * (`numPoolErrorText` in lib/engine/errors.ts) from the locale files.
 */
function describe(init: NumPoolErrorInit): string {
  const status = init.status !== undefined ? ` ${init.status}` : '';
  const wait = init.retryAfterMs !== undefined ? `, retry after ${Math.max(1, Math.ceil(init.retryAfterMs / 1000))} s` : '';
  const server = init.serverMessage ? `: "${init.serverMessage}"` : '';
  return `${init.endpoint}${status} ${init.kind}${wait}${server}`;
}

/** The error kind for an HTTP status, per the spec's status table. */
export function kindForStatus(status: number): NumPoolErrorKind {
  if (status === 400) return 'bad-request';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 402) return 'insufficient-funds';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'http';
}
