import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_PREFIX } from './api.ts';
import { CORS_HEADERS, createSandboxApp } from './app.ts';
import { DEFAULT_HOST, type SandboxOptions } from './config.ts';
import { CONTROL_PREFIX } from './control.ts';
import { readBodyText, sendJson, sendText } from './http.ts';

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

const PREFLIGHT_HEADERS = {
  ...CORS_HEADERS,
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'X-API-Key, Content-Type',
  'Access-Control-Max-Age': '600',
} as const;

/** "0.0.0.0" listens everywhere but cannot be fetched from; advertise loopback instead. */
function advertisedHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? DEFAULT_HOST;
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
  const app = createSandboxApp({ ...options, baseUrl });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'OPTIONS') {
      // Chrome asks before a public page may reach a loopback server (Private Network Access).
      const privateNetwork = request.headers['access-control-request-private-network'] === 'true';
      response.writeHead(204, { ...PREFLIGHT_HEADERS, ...(privateNetwork ? { 'Access-Control-Allow-Private-Network': 'true' } : {}) });
      response.end();
      return;
    }
    const body = await readBodyText(request);
    const headers = { 'x-api-key': typeof request.headers['x-api-key'] === 'string' ? request.headers['x-api-key'] : undefined };
    const answer = await app.handle({ method: request.method ?? 'GET', url: request.url ?? '/', headers, body });
    if (answer.kind === 'drop') {
      request.socket.destroy();
      return;
    }
    sendText(response, answer.status, answer.text, answer.headers);
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (app.closing) return; // closing: the connection is gone anyway
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
    demoKey: app.demoKey,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        app.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
