import type { BrowserContext, Page } from '@playwright/test';
import { SandboxControl } from '../sandbox/control-client';
import type { Sandbox } from '../sandbox/server';
import { useSandboxAccount, extensionWorker } from '../e2e/extension';

/**
 * Time from the sandbox delivering an SMS to the code being in the extension's state, and the
 * requests spent, for several waiting orders; and the same for the spec's own loop (poll every
 * 4 s) on the same sandbox. Each scenario uses a fresh key, so each starts with a full budget.
 */
export interface LatencyResult {
  runner: 'extension' | 'spec-loop';
  orders: number;
  samples: number;
  medianMs: number;
  p95Ms: number;
  /** API requests per minute while the orders waited. */
  requestsPerMinute: number;
  rateLimited: number;
}

const SERVICES = ['wa', 'tg', 'fb', 'go', 'tw', 'ig', 'lf', 'am', 'ds', 'ts'];

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A delivery lands at a random moment of the poll cycle, as a real SMS would. */
const jitter = () => 1_500 + Math.random() * 2_500;

/** Watches the extension's stored state from an extension page and records when each order got its code. */
async function openWatcher(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/popup.html`);
  await page.evaluate(() => {
    const seen: Record<string, number> = {};
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    chrome.storage.onChanged.addListener((changes) => {
      const orders = (changes.state?.newValue as { orders?: { orderId: string; messages: unknown[] }[] } | undefined)?.orders ?? [];
      for (const o of orders) if (o.messages.length > 0 && !(o.orderId in seen)) seen[o.orderId] = Date.now();
    });
  });
  return page;
}

async function seenAt(page: Page, orderId: string, timeoutMs = 60_000): Promise<number> {
  const handle = await page.waitForFunction((id) => (window as unknown as { __seen: Record<string, number> }).__seen[id], orderId, { timeout: timeoutMs, polling: 20 });
  return (await handle.jsonValue()) as number;
}

export async function extensionLatency(context: BrowserContext, extensionId: string, sandbox: Sandbox, orders: number, rounds: number): Promise<LatencyResult> {
  const control = new SandboxControl(sandbox.controlUrl);
  const { key } = await control.createKey({ balance: 100 });
  await control.hold(true);
  const worker = await extensionWorker(context);
  await useSandboxAccount(worker, sandbox, key);
  const page = await openWatcher(context, extensionId);
  const latencies: number[] = [];
  const windowStart = Date.now();
  await control.clearLog();
  for (let round = 0; round < rounds; round++) {
    const ids: string[] = [];
    for (let i = 0; i < orders; i++) {
      // A different service each time: the same purchase repeated within a double click's time is one purchase.
      const service = SERVICES[(round * orders + i) % SERVICES.length]!;
      const reply = await page.evaluate((payload) => chrome.runtime.sendMessage({ np: 1, type: 'order.buy', payload }), { service, country: 187 });
      if (!reply.ok) throw new Error(`buy failed: ${reply.error.message}`);
      ids.push(reply.value.orderId);
    }
    for (const id of ids) {
      await sleep(jitter());
      // Both ends on the page's clock.
      const deliveredAt = await page.evaluate(() => Date.now());
      await control.deliver({ order_id: id });
      latencies.push((await seenAt(page, id)) - deliveredAt);
    }
  }
  const log = (await control.log(key)).requests;
  await page.close();
  return summarise('extension', orders, latencies, log, Date.now() - windowStart);
}

/** The spec's JavaScript loop, unchanged but for base URL and key, one per order. */
export async function specLoopLatency(sandbox: Sandbox, orders: number, rounds: number): Promise<LatencyResult> {
  const control = new SandboxControl(sandbox.controlUrl);
  const { key } = await control.createKey({ balance: 100 });
  await control.hold(true);
  const H = { 'X-API-Key': key, 'Content-Type': 'application/json' };
  const base = sandbox.baseUrl;
  const latencies: number[] = [];
  const windowStart = Date.now();
  await control.clearLog();
  for (let round = 0; round < rounds; round++) {
    const before = new Set((await control.state(key)).orders.map((o) => o.order_id));
    const loops = Array.from({ length: orders }, async (_, i) => {
      const order = await (await fetch(base + '/buy', { method: 'POST', headers: H, body: JSON.stringify({ service: SERVICES[i % SERVICES.length], country: 187 }) })).json();
      let code = null;
      while (!code) {
        await new Promise((r) => setTimeout(r, 4000));
        const s = await (await fetch(base + '/sms/' + order.order_id, { headers: H })).json();
        if (s.status === 'received') code = s.code;
      }
      return { id: order.order_id as string, at: Date.now() };
    });
    const deliveredAt = new Map<string, number>();
    // Orders appear as the loops buy them; deliver to each at a random moment, as above.
    let fresh: string[] = [];
    while (fresh.length < orders) {
      await sleep(100);
      fresh = (await control.state(key)).orders.map((o) => o.order_id).filter((x) => !before.has(x));
    }
    for (const id of fresh) {
      await sleep(jitter());
      deliveredAt.set(id, Date.now());
      await control.deliver({ order_id: id });
    }
    for (const { id, at } of await Promise.all(loops)) latencies.push(at - deliveredAt.get(id)!);
  }
  const log = (await control.log(key)).requests;
  return summarise('spec-loop', orders, latencies, log, Date.now() - windowStart);
}

function summarise(runner: LatencyResult['runner'], orders: number, latencies: number[], log: { status: number | null }[], elapsedMs: number): LatencyResult {
  return {
    runner,
    orders,
    samples: latencies.length,
    medianMs: Math.round(quantile(latencies, 0.5)),
    p95Ms: Math.round(quantile(latencies, 0.95)),
    requestsPerMinute: Math.round((log.length / elapsedMs) * 60_000 * 10) / 10,
    rateLimited: log.filter((r) => r.status === 429).length,
  };
}
