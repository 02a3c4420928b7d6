import { Rng } from '../sandbox/random';

/**
 * The three ways users live the engine, written once and played by every runner (the extension,
 * the spec's own 4 s loop) with the same seed, so each sees the same purchases and the same SMS
 * at the same moments.
 */

/** What a runner must be able to do for a scenario. */
export interface Driver {
  /** Buys a number for a service (from the popup, or the spec's `POST /buy`); resolves with its order id. */
  buy(service: string): Promise<string>;
  /** Has the sandbox deliver an SMS to the order now; resolves with when it was delivered (epoch ms). */
  deliver(orderId: string): Promise<number>;
  /** Resolves with when the runner had the order's code (epoch ms, the same clock). */
  codeSeen(orderId: string): Promise<number>;
  /** Opens the popup as a user would (the spec's loop has none: nothing). */
  openPopup(): Promise<void>;
  /**
   * A signup page (the extension: real clicks on a fixture page): the number bought into its
   * field, the page's own "Send code", the code in its field. The spec's loop has no page: buy,
   * nothing, `codeSeen`.
   */
  page?: {
    buyIntoField(): Promise<string>;
    pressSend(): Promise<void>;
    codeInField(orderId: string): Promise<number>;
  };
}

export interface ScenarioRun {
  /** Code latencies (ms): from delivery to the runner having the code. */
  latencies: number[];
  /** When each latency's SMS was delivered (epoch ms), in the same order. */
  deliveredAt: number[];
  /** When a batch of purchases that starts the scenario was done (epoch ms): its requests hold the budget's window for a minute. */
  batchEndedAt?: number;
  orders: string[];
  startedAt: number;
  endedAt: number;
}

export type ScenarioName = 'one-signup' | 'busy' | 'stress' | 'page-send' | 'page-send-ten-waiting';

export interface ScenarioOptions {
  seed: number;
  /** one-signup: rounds; busy: rounds of ten; stress: minutes of purchases. */
  size: number;
}

export const DEFAULT_SIZE: Record<ScenarioName, number> = {
  'one-signup': 20,
  busy: 3,
  stress: 3,
  'page-send': 10,
  'page-send-ten-waiting': 10,
};

const SERVICES = ['wa', 'tg', 'fb', 'go', 'tw', 'ig', 'lf', 'am', 'ds', 'ts'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Samples = Pick<ScenarioRun, 'latencies' | 'deliveredAt'>;
const noSamples = (): Samples => ({ latencies: [], deliveredAt: [] });
/** One code: its SMS delivered at `deliveredAt`, the runner had it at `seenAt` (epoch ms). */
function record(samples: Samples, deliveredAt: number, seenAt: number): void {
  samples.latencies.push(seenAt - deliveredAt);
  samples.deliveredAt.push(deliveredAt);
}

/** Delivers at `at` (ms from now) and records the latency once the runner has the code. */
function deliverAt(driver: Driver, orderId: string, at: number, samples: Samples): Promise<void> {
  return sleep(at).then(async () => {
    const deliveredAt = await driver.deliver(orderId);
    record(samples, deliveredAt, await driver.codeSeen(orderId));
  });
}

/**
 * "One signup": buy a number, the SMS comes 3–60 s later, the code goes into the page; then the
 * next signup a moment later. `size` signups in a row.
 */
async function oneSignup(driver: Driver, rng: Rng, size: number): Promise<Omit<ScenarioRun, 'startedAt' | 'endedAt'>> {
  const samples = noSamples();
  const orders: string[] = [];
  for (let round = 0; round < size; round++) {
    const orderId = await driver.buy('wa');
    orders.push(orderId);
    await deliverAt(driver, orderId, rng.int(3_000, 60_000), samples);
    await sleep(rng.int(1_000, 3_000));
  }
  return { ...samples, orders };
}

/**
 * "Busy": ten orders bought one after another, their SMS at random moments over the next two
 * minutes, the popup opened every 15–30 s meanwhile. `size` rounds.
 */
async function busy(driver: Driver, rng: Rng, size: number): Promise<Omit<ScenarioRun, 'startedAt' | 'endedAt'>> {
  const samples = noSamples();
  const orders: string[] = [];
  for (let round = 0; round < size; round++) {
    const ids: string[] = [];
    for (const service of SERVICES) ids.push(await driver.buy(service));
    orders.push(...ids);
    const deliveries = ids.map((id) => deliverAt(driver, id, rng.int(2_000, 120_000), samples));
    let open = true;
    const popups = (async () => {
      while (open) {
        await sleep(rng.int(15_000, 30_000));
        if (open) await driver.openPopup();
      }
    })();
    await Promise.all(deliveries);
    open = false;
    await popups;
  }
  return { ...samples, orders };
}

/**
 * "Stress": a purchase every 2–5 s (ten services in turn) for `size` minutes, each SMS 5–40 s
 * after its purchase.
 */
async function stress(driver: Driver, rng: Rng, size: number): Promise<Omit<ScenarioRun, 'startedAt' | 'endedAt'>> {
  const samples = noSamples();
  const orders: string[] = [];
  const deliveries: Promise<void>[] = [];
  // A fixed count (3.5 s apart on average), so every runner makes the same purchases.
  const purchases = Math.round((size * 60_000) / 3_500);
  for (let i = 0; i < purchases; i++) {
    const orderId = await driver.buy(SERVICES[i % SERVICES.length]!);
    orders.push(orderId);
    deliveries.push(deliverAt(driver, orderId, rng.int(5_000, 40_000), samples));
    await sleep(rng.int(2_000, 5_000));
  }
  await Promise.all(deliveries);
  return { ...samples, orders };
}

/**
 * "Page send" (issue 20): the number bought into a signup page's field, the page's "Send code"
 * pressed 1-3 s later, the SMS 2-10 s after that; latency to the code in the page's field. The
 * user finishes that signup (10-25 s) before the next: 50 polls a minute cannot pay for a burst
 * every few seconds. `size` signups.
 */
async function pageSend(driver: Driver, rng: Rng, size: number): Promise<Omit<ScenarioRun, 'startedAt' | 'endedAt'>> {
  const samples = noSamples();
  const orders: string[] = [];
  const page = driver.page ?? {
    buyIntoField: () => driver.buy('wa'),
    pressSend: async () => {},
    codeInField: (id: string) => driver.codeSeen(id),
  };
  for (let round = 0; round < size; round++) {
    const orderId = await page.buyIntoField();
    orders.push(orderId);
    await sleep(rng.int(1_000, 3_000));
    await page.pressSend();
    await sleep(rng.int(2_000, 10_000));
    const deliveredAt = await driver.deliver(orderId);
    record(samples, deliveredAt, await page.codeInField(orderId));
    await sleep(rng.int(10_000, 25_000));
  }
  return { ...samples, orders };
}

/**
 * "Page send with ten orders waiting" (issue 20): ten numbers bought one after another for other
 * services (as in "busy"), which wait for their SMS the whole time, then the "page send" signups
 * at once; latency of the page's codes. Polling's turns are shared with ten orders, and ten
 * purchases (20 requests) start the first minute.
 */
async function pageSendTenWaiting(driver: Driver, rng: Rng, size: number): Promise<Omit<ScenarioRun, 'startedAt' | 'endedAt'>> {
  const waiting: string[] = [];
  for (const service of OTHER_SERVICES) waiting.push(await driver.buy(service));
  const batchEndedAt = Date.now();
  const signups = await pageSend(driver, rng, size);
  return { ...signups, batchEndedAt, orders: [...waiting, ...signups.orders] };
}
/** Ten services other than the signup page's ('wa'). */
const OTHER_SERVICES = ['tg', 'fb', 'go', 'tw', 'cn', 'ig', 'lf', 'am', 'ds', 'ts'];

const SCENARIOS: Record<ScenarioName, typeof oneSignup> = {
  'one-signup': oneSignup,
  busy,
  stress,
  'page-send': pageSend,
  'page-send-ten-waiting': pageSendTenWaiting,
};

export async function playScenario(name: ScenarioName, driver: Driver, options: ScenarioOptions): Promise<ScenarioRun> {
  const startedAt = Date.now();
  const run = await SCENARIOS[name](driver, new Rng(options.seed), options.size);
  return { ...run, startedAt, endedAt: Date.now() };
}
