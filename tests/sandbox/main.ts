import { startSandbox } from './server.ts';

/** `npm run sandbox`: the sandbox on a fixed port, for manual runs and for tools started beside it. */
const DEFAULT_CLI_PORT = 8787;

const port = Number(process.env.PORT ?? DEFAULT_CLI_PORT);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be an integer from 0 to 65535, not "${process.env.PORT}".`);
  process.exit(2);
}

const sandbox = await startSandbox({ port, ...(process.env.HOST ? { host: process.env.HOST } : {}) });
console.log('NumPool sandbox ready');
console.log(`base URL: ${sandbox.baseUrl}`);
console.log(`demo API key: ${sandbox.demoKey}`);
console.log(`control: ${sandbox.controlUrl}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    sandbox.close().catch((error: unknown) => {
      console.error('NumPool sandbox: error while closing', error);
      process.exitCode = 1;
    });
  });
}
