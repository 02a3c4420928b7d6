import type { BrowserContext, Page } from '@playwright/test';
import { SandboxControl } from '../sandbox/control-client';
import type { LogEntry } from '../sandbox/request-log';
import type { Sandbox } from '../sandbox/server';
import { extensionWorker, launchWithExtension, useSandboxAccount } from '../e2e/extension';
import { clickFieldButton, confirmInWindow } from '../e2e/ui-helpers';
import { busiestWindow, longestPollGaps } from './poll-gaps';
import type { Driver, ScenarioRun } from './scenarios';
import { splitAt, type Spread } from './stats';
import { DEFAULT_MARGIN_MS, DEFAULT_WINDOW_MS } from '../../lib/budget/rate-budget';

/** Something that plays scenarios: the extension (a build of it) in Chromium, or the spec's loop. */
export interface Runner {
  label: string;
  /** A fresh start for a scenario: a new browser (if any) and a new key with a full budget. */
  prepare(): Promise<{ driver: Driver; key: string; finish(): Promise<void> }>;
}

/** How long to wait for a code before calling the run broken. */
const CODE_TIMEOUT_MS = 180_000;

/**
 * The extension as a user has it: a Chromium with the build in `extensionDir`, pointed at the
 * sandbox with its own key. Purchases go through the popup's own request; a code counts as seen
 * when it is in the extension's stored state (watched from an extension page, on the machine's clock).
 */
export function extensionRunner(label: string, extensionDir: string, sandbox: Sandbox, signupPage?: string): Runner {
  const control = new SandboxControl(sandbox.controlUrl);
  return {
    label,
    async prepare() {
      const { key } = await control.createKey({ balance: 1_000 });
      const context = await launchWithExtension(extensionDir);
      const worker = await extensionWorker(context);
      // No daily cap: "busy" and "stress" buy more than the default $20 a day, and a refused
      // purchase would end the run (the cap is a guard of its own, tested in the unit and e2e suites).
      // No auto-cancel: orders that "wait the whole time" must not be cancelled after 10 minutes
      // of a long run (fewer orders to poll than the spec's loop has).
      await useSandboxAccount(worker, sandbox, key, { dailySpendCap: null, autoCancel: false });
      const extensionId = new URL(worker.url()).host;
      const watcher = await openWatcher(context, extensionId);
      const driver: Driver = {
        async buy(service) {
          const reply = await watcher.evaluate((payload) => chrome.runtime.sendMessage({ np: 1, type: 'order.buy', payload }), {
            service,
            country: 187,
          });
          if (!reply.ok) throw new Error(`${label}: buy failed: ${reply.error.key}`);
          return reply.value.orderId as string;
        },
        deliver: (orderId) => deliverNow(control, orderId),
        async codeSeen(orderId) {
          const handle = await watcher.waitForFunction(
            (id) => (window as unknown as { __seen: Record<string, number> }).__seen[id],
            orderId,
            { timeout: CODE_TIMEOUT_MS, polling: 20 },
          );
          return (await handle.jsonValue()) as number;
        },
        async openPopup() {
          const popup = await context.newPage();
          await popup.goto(`chrome-extension://${extensionId}/popup.html`, { waitUntil: 'load' });
          await new Promise((r) => setTimeout(r, 1_000));
          await popup.close();
        },
        ...(signupPage ? { page: await signupPageDriver(context, signupPage) } : {}),
      };
      return { driver, key, finish: () => context.close() };
    },
  };
}

/**
 * A signup page with real clicks: the in-field button buys into the phone field, the page's own
 * "Send code" button, and the time (machine clock) the code is in the page's code field.
 */
async function signupPageDriver(context: BrowserContext, url: string) {
  let page: Page | undefined;
  let watcher: Page | undefined;
  return {
    async buyIntoField() {
      await page?.close();
      page = await context.newPage();
      await page.goto(url);
      const before = await orderIds(context);
      await clickFieldButton(page, '#v-phone');
      const filled = () =>
        page!.waitForFunction(() => (document.querySelector('#v-phone') as HTMLInputElement).value !== '', undefined, { timeout: 4_000 });
      // A purchase the engine asks about in its window (a repeat within a minute, say): Buy there.
      await filled().catch(async () => {
        await confirmInWindow(context, /./);
        await filled();
      });
      for (;;) {
        const fresh = (await orderIds(context, (watcher ??= await context.newPage()))).find((id) => !before.includes(id));
        if (fresh) return fresh;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async pressSend() {
      await page!.getByRole('button', { name: 'Send code' }).click();
    },
    async codeInField() {
      // Checked every frame in the page: the time the code is in the field, on the machine clock.
      const handle = await page!.waitForFunction(
        () => ((document.querySelector('#v-code') as HTMLInputElement).value ? Date.now() : 0),
        undefined,
        { timeout: CODE_TIMEOUT_MS, polling: 'raf' },
      );
      return (await handle.jsonValue()) as number;
    },
  };
}

/** The orders in the extension's stored state, newest first (read from an extension page). */
async function orderIds(context: BrowserContext, on?: Page): Promise<string[]> {
  const worker = await extensionWorker(context);
  const extensionId = new URL(worker.url()).host;
  const page = on ?? (await context.newPage());
  if (!page.url().startsWith('chrome-extension://')) await page.goto(`chrome-extension://${extensionId}/popup.html`);
  const ids = await page.evaluate(
    async () =>
      ((await chrome.storage.local.get('state')).state as { orders?: { orderId: string }[] } | undefined)?.orders?.map((o) => o.orderId) ??
      [],
  );
  if (!on) await page.close();
  return ids;
}

/** Records, from an extension page, when each order first has a message in the stored state. */
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

/** The sandbox's own time of the delivery: the same machine clock the page and the loop read. */
async function deliverNow(control: SandboxControl, orderId: string): Promise<number> {
  const { delivered } = await control.deliver({ order_id: orderId });
  return Date.parse(delivered.at(-1)!.at);
}

/**
 * The spec's "complete loop in JavaScript", one per order, unchanged but for the base URL and
 * the key: `POST /buy`, then `GET /sms/:id` every 4 s until the status is "received".
 */
export function specLoopRunner(sandbox: Sandbox): Runner {
  const control = new SandboxControl(sandbox.controlUrl);
  return {
    label: "spec's 4 s loop",
    async prepare() {
      const { key } = await control.createKey({ balance: 1_000 });
      const H = { 'X-API-Key': key, 'Content-Type': 'application/json' };
      const base = sandbox.baseUrl;
      const loops = new Map<string, Promise<number>>();
      let stopped = false;
      const driver: Driver = {
        async buy(service) {
          let order;
          for (;;) {
            const response = await fetch(base + '/buy', { method: 'POST', headers: H, body: JSON.stringify({ service, country: 187 }) });
            order = await response.json();
            // The loop's own polling can use up the minute: a user would click again once it lets them.
            if (response.status !== 429) break;
            await new Promise((r) => setTimeout(r, Number(response.headers.get('Retry-After') ?? 5) * 1000));
          }
          if (typeof order.order_id !== 'string') throw new Error(`spec loop: buy failed: ${JSON.stringify(order)}`);
          loops.set(
            order.order_id,
            (async () => {
              let code = null;
              while (!code && !stopped) {
                await new Promise((r) => setTimeout(r, 4000));
                const s = await (await fetch(base + '/sms/' + order.order_id, { headers: H })).json();
                if (s.status === 'received') code = s.code;
              }
              return Date.now();
            })(),
          );
          return order.order_id as string;
        },
        deliver: (orderId) => deliverNow(control, orderId),
        codeSeen: (orderId) => loops.get(orderId)!,
        async openPopup() {},
      };
      return {
        driver,
        key,
        async finish() {
          stopped = true;
          await Promise.all(loops.values());
        },
      };
    },
  };
}

export interface RunFigures {
  runner: string;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  requestsPerMinute: number;
  busiestMinute: number;
  rateLimited: number;
  /** The longest time a waiting order went without a poll (to the poll that found its code). */
  longestPollPauseMs: number;
  /** Every latency (ms), in the order the codes came, for a closer look. */
  latencies: number[];
  /**
   * After a batch of purchases: the codes whose SMS came while the batch's requests were still in
   * the budget's window (`BATCH_HELD_MS`), and the later ones.
   */
  afterBatch?: { within: Spread; after: Spread };
}

/** How long a batch of purchases holds the budget's window: the window and its margin (61 s). */
export const BATCH_HELD_MS = DEFAULT_WINDOW_MS + DEFAULT_MARGIN_MS;

/** The figures of one run, from its latencies and the sandbox's log and state for its key. */
export async function figuresOf(
  runner: string,
  run: ScenarioRun,
  sandbox: Sandbox,
  key: string,
  spread: (v: number[]) => Spread,
): Promise<RunFigures> {
  const control = new SandboxControl(sandbox.controlUrl);
  const log: LogEntry[] = (await control.log(key)).requests.filter((r) => r.at >= run.startedAt && r.at <= run.endedAt);
  const { orders } = await control.state(key);
  const lives = orders
    .filter((o) => run.orders.includes(o.order_id))
    .map((o) => ({ orderId: o.order_id, boughtAt: Date.parse(o.created_at), smsAt: o.sms.length ? Date.parse(o.sms.at(-1)!.at) : null }));
  const minutes = (run.endedAt - run.startedAt) / 60_000;
  return {
    runner,
    ...spread(run.latencies),
    requestsPerMinute: Math.round((log.length / minutes) * 10) / 10,
    busiestMinute: busiestWindow(
      log.map((r) => r.at),
      60_000,
    ),
    rateLimited: log.filter((r) => r.status === 429).length,
    longestPollPauseMs: Math.max(0, ...longestPollGaps(lives, log, run.endedAt).values()),
    latencies: run.latencies,
    ...(run.batchEndedAt !== undefined && {
      afterBatch: splitAt(run.latencies, run.deliveredAt, run.batchEndedAt, BATCH_HELD_MS),
    }),
  };
}
