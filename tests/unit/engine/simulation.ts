import { vi } from 'vitest';
import { inProcessSandbox, type InProcessSandbox } from '../../sandbox/in-process';
import { Rng } from '../../sandbox/random';
import { busiestWindow, longestPollGaps } from '../../bench/poll-gaps';
import { POLL_ALARM } from '../../../lib/engine/polling/poller';
import type { Settings } from '../../../lib/state/schema';
import { engineHarness, extensionSender } from './harness';

/** The alarm period Chrome gives a packed extension: the backstop fires this often. */
const ALARM_MS = 30_000;
/** How finely simulated time moves: about a frame, far below the poll interval. */
const STEP_MS = 50;

/**
 * The engine as a user lives it, on a fake clock: the real engine, the real rate budget and the
 * sandbox's real API and rate limit, with no socket in between, so minutes of use run in seconds
 * and the same seed gives the same run. Chrome's 30 s alarm is fired as Chrome would fire it.
 */
export async function simulation(options: { seed?: number; settings?: Partial<Settings> } = {}) {
  vi.useFakeTimers({
    now: new Date('2026-06-13T12:00:00Z'),
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  });
  const sandbox: InProcessSandbox = inProcessSandbox({ autoDeliver: false });
  // A busy user buys far more in a day than the default cap allows; each tab shows a service's page.
  const h = await engineHarness({
    baseUrl: sandbox.baseUrl,
    apiKey: sandbox.demoKey,
    fetch: sandbox.fetch,
    settings: { dailySpendCap: null, ...options.settings },
    tabUrls: Object.fromEntries(Array.from({ length: 500 }, (_, tab) => [tab, 'https://signup.whatsapp.com/verify'])),
  });
  const rng = new Rng(options.seed ?? 7);
  const startedAt = Date.now();
  let nextAlarm = startedAt + ALARM_MS;
  const latencies: number[] = [];
  let engine = h.engine;

  /** Moves the clock, running every timer due and the alarm when its period comes. */
  async function advance(ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      await vi.advanceTimersByTimeAsync(Math.min(STEP_MS, end - Date.now()));
      if (pending.length > 0) await collect();
      if (Date.now() >= nextAlarm) {
        nextAlarm += ALARM_MS;
        await engine.onAlarm(POLL_ALARM);
      }
    }
  }

  /** Runs a promise while the clock moves (requests wait for the budget on that clock). */
  async function settle<T>(promise: Promise<T>): Promise<T> {
    let done = false;
    const result = promise.finally(() => (done = true));
    while (!done) await advance(STEP_MS);
    return result;
  }

  const pending: { orderId: string; code: string; deliveredAt: number }[] = [];
  async function deliver(orderId: string): Promise<{ code: string; deliveredAt: number }> {
    const { delivered } = await sandbox.control.deliver({ order_id: orderId });
    return { code: delivered.at(-1)!.code!, deliveredAt: Date.now() };
  }

  /** The latency of every code delivered with `deliverLater` that the engine has now. */
  async function collect(): Promise<void> {
    const orders = (await engine.ctx.store.read()).orders;
    for (const p of [...pending]) {
      if (!orders.find((o) => o.orderId === p.orderId)?.messages.some((m) => m.code === p.code)) continue;
      latencies.push(Date.now() - p.deliveredAt);
      pending.splice(pending.indexOf(p), 1);
    }
  }

  async function codeOf(orderId: string): Promise<string | null> {
    return (await engine.ctx.store.read()).orders.find((o) => o.orderId === orderId)?.messages[0]?.code ?? null;
  }

  return {
    sandbox,
    harness: h,
    rng,
    get engine() {
      return engine;
    },
    advance,
    settle,
    /** A new service-worker life on the same storage (Chrome stopped the old one). */
    async restartWorker() {
      engine = h.restart();
      await settle(engine.start());
    },
    /** What the popup sends when it opens: the snapshot, then a balance refresh. */
    async openPopup() {
      await settle(engine.handlers['snapshot.get']({}, extensionSender()));
      await settle(engine.handlers['balance.refresh']({}, extensionSender()));
    },
    /** A purchase from the popup (for the tab `fillTabId`, whose page then gets the code). */
    async buy(service = 'wa', country = 187, fillTabId?: number): Promise<string> {
      return (
        await settle(
          engine.handlers['order.buy']({ service, country, ...(fillTabId === undefined ? {} : { fillTabId }) }, extensionSender()),
        )
      ).orderId;
    },
    /** How many times each order's tab was told its code came (it then asks for the code), by order. */
    codePushes(): Map<string, number> {
      const pushes = new Map<string, number>();
      for (const { event } of h.recorded.tabEvents) {
        if (event.event === 'code.ready') pushes.set(event.orderId, (pushes.get(event.orderId) ?? 0) + 1);
      }
      return pushes;
    },
    /** Delivers an SMS now and moves the clock until the engine has the code; returns how long that took. */
    async deliverAndWait(orderId: string, timeoutMs = 120_000): Promise<number> {
      const { code, deliveredAt } = await deliver(orderId);
      while ((await codeOf(orderId)) !== code) {
        if (Date.now() - deliveredAt > timeoutMs) throw new Error(`no code for ${orderId} after ${timeoutMs} ms`);
        await advance(STEP_MS);
      }
      const latency = Date.now() - deliveredAt;
      latencies.push(latency);
      return latency;
    },
    /** Delivers an SMS now without waiting; the clock moving measures when its code arrives. */
    async deliverLater(orderId: string): Promise<void> {
      pending.push({ orderId, ...(await deliver(orderId)) });
    },
    /** Codes delivered with `deliverLater` that the engine has not taken in yet. */
    get undelivered(): number {
      return pending.length;
    },
    latencies,
    /** The longest pause in polling each order while it waited, the busiest 61 s and the 429s. */
    async polling() {
      const log = (await sandbox.control.log(sandbox.demoKey)).requests;
      const { orders } = await sandbox.control.state(sandbox.demoKey);
      const lives = orders.map((o) => ({
        orderId: o.order_id,
        boughtAt: Date.parse(o.created_at),
        smsAt: o.sms.length ? Date.parse(o.sms.at(-1)!.at) : null,
      }));
      const gaps = longestPollGaps(lives, log, Date.now());
      return {
        longestGapMs: Math.max(0, ...gaps.values()),
        busiestMinute: busiestWindow(
          log.map((r) => r.at),
          60_000,
        ),
        rateLimited: log.filter((r) => r.status === 429).length,
        requests: log.length,
      };
    },
    stop() {
      h.stop();
      vi.useRealTimers();
    },
  };
}
