import { readFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { createServer } from 'node:tls';
import { serveFixtures, type FixtureServer } from '../fixtures/serve';

const TLS_DIR = new URL('../fixtures/tls/', import.meta.url);

/** HTTPS in front of a local HTTP server (test pages posing as service sites need HTTPS). */
export async function tlsProxy(targetPort: number): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer(
    { key: readFileSync(new URL('key.pem', TLS_DIR)), cert: readFileSync(new URL('cert.pem', TLS_DIR)) },
    (socket) => {
      const upstream = connect(targetPort, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      const end = () => {
        socket.destroy();
        upstream.destroy();
      };
      socket.on('error', end);
      upstream.on('error', end);
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The fixture pages of tests/fixtures, served over HTTPS for one spec file (the hooks go on the
 * `test` given), so a page can pose as any site that resolves here: `site.url(host, path)`.
 */
export function useFixtureSites(test: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void }): {
  url(host: string, path: string): string;
  /** The same page over plain http (the fixture server itself). */
  plainUrl(host: string, path: string): string;
} {
  let fixtures: FixtureServer;
  let tls: Awaited<ReturnType<typeof tlsProxy>>;
  test.beforeAll(async () => {
    fixtures = await serveFixtures();
    tls = await tlsProxy(Number(new URL(fixtures.origin).port));
  });
  test.afterAll(async () => {
    await tls.close();
    await fixtures.close();
  });
  return {
    url: (host, path) => `https://${host}:${tls.port}/${path.replace(/^\//, '')}`,
    plainUrl: (host, path) => `http://${host}:${new URL(fixtures.origin).port}/${path.replace(/^\//, '')}`,
  };
}
