import { afterAll, beforeAll, beforeEach } from 'vitest';
import { SandboxControl } from './control-client.ts';
import { startSandbox, type Sandbox, type SandboxOptions } from './server.ts';

/** Shared by the sandbox's own tests (not a test file: vitest runs only *.test.ts). */

/** A clock tests move by hand; starts at a fixed instant so timestamps in failures are readable. */
export class FakeClock {
  static readonly START = Date.parse('2026-06-13T12:00:00.000Z');
  #now = FakeClock.START;

  readonly now = (): number => this.#now;

  advance(ms: number): void {
    this.#now += ms;
  }

  reset(): void {
    this.#now = FakeClock.START;
  }
}

export interface Harness {
  sandbox: Sandbox;
  control: SandboxControl;
}

/** One sandbox per test file, reset (with the fake clock, if any) before each test. */
export function useSandbox(options: SandboxOptions & { fakeClock?: FakeClock } = {}): Harness {
  const harness = {} as Harness;
  const { fakeClock, ...sandboxOptions } = options;
  beforeAll(async () => {
    harness.sandbox = await startSandbox({ ...sandboxOptions, ...(fakeClock ? { clock: fakeClock.now } : {}) });
    harness.control = new SandboxControl(harness.sandbox.controlUrl);
  });
  afterAll(() => harness.sandbox.close());
  beforeEach(async () => {
    fakeClock?.reset();
    await harness.control.reset();
  });
  return harness;
}

export interface ApiAnswer<Body> {
  status: number;
  body: Body;
  headers: Headers;
}

export interface CallOptions {
  /** Default: the demo key; null sends no key. */
  key?: string | null;
  body?: unknown;
  /** Sent as is, instead of `body`. */
  rawBody?: string;
}

/** One API request over real HTTP, answered as status + parsed JSON. */
export async function call<Body = Record<string, unknown>>(
  sandbox: Sandbox,
  method: string,
  path: string,
  { key = sandbox.demoKey, body, rawBody }: CallOptions = {},
): Promise<ApiAnswer<Body>> {
  const headers: Record<string, string> = {};
  if (key !== null) headers['X-API-Key'] = key;
  const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  if (payload !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(sandbox.baseUrl + path, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  return { status: response.status, body: (await response.json()) as Body, headers: response.headers };
}
