import { writeFile } from 'node:fs/promises';
import { startSandbox } from '../sandbox/server';
import { launchWithExtension } from '../e2e/extension';
import { extensionLatency, specLoopLatency, type LatencyResult } from './code-latency';

/**
 * `npm run bench -- results.json`: runs every benchmark in Chromium with the built extension
 * against the sandbox, prints tables and writes the figures as JSON to the file named.
 */
const out = process.argv[2] ?? 'bench-results/bench.json';

async function codeLatency(): Promise<LatencyResult[]> {
  const sandbox = await startSandbox({ autoDeliver: false });
  const context = await launchWithExtension();
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const plan: [orders: number, rounds: number][] = [
      [1, 15],
      [4, 3],
      [10, 2],
    ];
    const results: LatencyResult[] = [];
    for (const [orders, rounds] of plan) {
      results.push(await extensionLatency(context, extensionId, sandbox, orders, rounds));
      results.push(await specLoopLatency(sandbox, orders, Math.max(1, Math.round(rounds / 2))));
    }
    return results;
  } finally {
    await context.close();
    await sandbox.close();
  }
}

function printLatency(results: LatencyResult[]): void {
  console.log('\nCode latency: sandbox delivers the SMS -> code in the extension state');
  console.table(
    results.map((r) => ({
      runner: r.runner,
      'waiting orders': r.orders,
      samples: r.samples,
      'median ms': r.medianMs,
      'p95 ms': r.p95Ms,
      'requests/min': r.requestsPerMinute,
      '429s': r.rateLimited,
    })),
  );
  const one = results.find((r) => r.runner === 'extension' && r.orders === 1);
  const ten = results.find((r) => r.runner === 'extension' && r.orders === 10);
  console.log(`goal: median <= 1000 ms for one order: ${one && one.medianMs <= 1000 ? 'met' : 'NOT met'} (${one?.medianMs} ms)`);
  console.log(`goal: no 429 at ten orders: ${ten && ten.rateLimited === 0 ? 'met' : 'NOT met'} (${ten?.rateLimited})`);
}

const figures: Record<string, unknown> = {};
figures.codeLatency = await codeLatency();
printLatency(figures.codeLatency as LatencyResult[]);

await writeFile(out, JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2));
console.log(`\nfigures written to ${out}`);
