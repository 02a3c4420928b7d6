import type { ConfigPatch } from './config.ts';
import type { z } from 'zod';
import type { faultSchema } from './faults.ts';
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
 * A typed client for the sandbox's control API, for tests:
 * `const control = new SandboxControl(sandbox.controlUrl)`. Every method is
 * one endpoint, resolves with its JSON and throws SandboxControlError on a
 * non-2xx answer. Only fetch at run time, so it works in Node and in pages.
 */

export class SandboxControlError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(method: string, path: string, status: number, body: unknown) {
    const detail = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : JSON.stringify(body);
    super(`${method} ${path} answered ${status}: ${detail}`);
    this.name = 'SandboxControlError';
    this.status = status;
    this.body = body;
  }
}

/** What an SMS delivered by the control API looks like; every field optional. */
export interface SmsOptions {
  /** Default: the code in `text`, else a fresh code. */
  code?: string;
  /** Default: the service's usual SMS around the code. */
  text?: string;
  /** Rentals only: the inbox's `from`. Default: the service's name. */
  from?: string;
  /** How many SMS, each with a fresh code unless `code` is given. Default 1. */
  count?: number;
}

export type FaultInput = z.input<typeof faultSchema>;

export class SandboxControl {
  readonly controlUrl: string;
  readonly #fetch: typeof fetch;

  /** `fetchImpl`: another transport, e.g. the in-process sandbox's (`in-process.ts`). */
  constructor(
    controlUrl: string,
    fetchImpl: (input: string, init?: RequestInit) => Promise<Response> = (input, init) => fetch(input, init),
  ) {
    this.controlUrl = controlUrl.replace(/\/$/, '');
    this.#fetch = fetchImpl as typeof fetch;
  }

  /** POST /reset: back to a fresh sandbox (demo key and balance, the start configuration). */
  reset(): Promise<OkJson> {
    return this.#call('POST', '/reset');
  }

  /** POST /keys: a new key (random np_test_… unless given) with `balance` dollars (default 0). */
  createKey(options: { key?: string; balance?: number } = {}): Promise<KeyJson> {
    return this.#call('POST', '/keys', options);
  }

  /** POST /balance */
  setBalance(key: string, balance: number): Promise<KeyJson> {
    return this.#call('POST', '/balance', { key, balance });
  }

  /** GET /state: a key's balance, orders, rentals and money ledger. */
  state(key: string): Promise<StateJson> {
    return this.#call('GET', `/state?key=${encodeURIComponent(key)}`);
  }

  /** POST /deliver: SMS to an order or a rental, now. */
  deliver(target: { order_id: string } & SmsOptions): Promise<OrderDeliveredJson>;
  deliver(target: { rental_id: string } & SmsOptions): Promise<RentalDeliveredJson>;
  deliver(target: ({ order_id: string } | { rental_id: string }) & SmsOptions): Promise<OrderDeliveredJson | RentalDeliveredJson> {
    return this.#call('POST', '/deliver', target);
  }

  /** POST /hold: hold (or release) auto-delivery for everyone, one key, or one order. */
  hold(hold: boolean, scope: { order_id?: string; key?: string } = {}): Promise<HoldsJson> {
    return this.#call('POST', '/hold', { hold, ...scope });
  }

  /** GET /config */
  config(): Promise<ConfigJson> {
    return this.#call('GET', '/config');
  }

  /** POST /config: change the live configuration; answers all of it. */
  setConfig(patch: ConfigPatch): Promise<ConfigJson> {
    return this.#call('POST', '/config', patch);
  }

  /** POST /faults: queue a fault; answers the pending ones. */
  addFault(fault: FaultInput): Promise<FaultsJson> {
    return this.#call('POST', '/faults', fault);
  }

  /** GET /faults: the pending faults. */
  faults(): Promise<FaultsJson> {
    return this.#call('GET', '/faults');
  }

  /** DELETE /faults */
  clearFaults(): Promise<OkJson> {
    return this.#call('DELETE', '/faults');
  }

  /** GET /log: API requests received, oldest first; only the key's when given. */
  log(key?: string): Promise<LogJson> {
    return this.#call('GET', key === undefined ? '/log' : `/log?key=${encodeURIComponent(key)}`);
  }

  /** DELETE /log */
  clearLog(): Promise<OkJson> {
    return this.#call('DELETE', '/log');
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.#fetch(this.controlUrl + path, {
      method,
      ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const json: unknown = text === '' ? undefined : JSON.parse(text);
    if (!response.ok) throw new SandboxControlError(method, path, response.status, json);
    return json as T;
  }
}
