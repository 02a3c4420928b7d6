import { API_PREFIX } from './api.ts';
import { createSandboxApp, type SandboxApp } from './app.ts';
import type { SandboxOptions } from './config.ts';
import { CONTROL_PREFIX } from './control.ts';
import { SandboxControl } from './control-client.ts';

/** A made-up origin: requests to it never leave the process. */
const ORIGIN = 'http://sandbox.in-process';

export interface InProcessSandbox {
  baseUrl: string;
  demoKey: string;
  /** `fetch` for the sandbox's origin, answered in this process: no socket, no timer of its own. */
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  control: SandboxControl;
  app: SandboxApp;
}

/**
 * The sandbox without HTTP, for tests that run the engine on a fake clock (vitest's fake timers):
 * the same API, rate limit, faults and control API as `startSandbox`, reached through a `fetch`
 * that calls it directly. A dropped connection is a failed fetch, as in a browser.
 */
export function inProcessSandbox(options: SandboxOptions = {}): InProcessSandbox {
  const app = createSandboxApp({ ...options, baseUrl: ORIGIN + API_PREFIX });
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.origin !== ORIGIN) throw new TypeError(`in-process sandbox: ${url.origin} is not the sandbox`);
    request.signal.throwIfAborted();
    const answer = await app.handle({
      method: request.method,
      url: url.pathname + url.search,
      headers: { 'x-api-key': request.headers.get('x-api-key') ?? undefined },
      body: await request.text(),
    });
    if (answer.kind === 'drop') throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
    return new Response(answer.text, { status: answer.status, headers: answer.headers });
  };
  return { baseUrl: ORIGIN + API_PREFIX, demoKey: app.demoKey, fetch, control: new SandboxControl(ORIGIN + CONTROL_PREFIX, fetch), app };
}
