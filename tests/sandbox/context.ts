import type { Clock, SandboxConfig } from './config.ts';
import { FaultQueue } from './faults.ts';
import type { Cents } from './money.ts';
import { RateLimiter } from './rate-limit.ts';
import { RequestLog } from './request-log.ts';
import { Store } from './store.ts';

export interface ContextInit {
  /** The configuration the sandbox started with; a reset returns to it. */
  config: Readonly<SandboxConfig>;
  clock: Clock;
  seed: number;
  demoKey: string;
  demoBalanceCents: Cents;
}

/**
 * Everything POST /__control/reset wipes, in one place. A reset builds a new
 * store rather than emptying the old one, so no state can survive it by
 * oversight; the RNG is re-seeded, so a test sees the same numbers and codes
 * whichever tests ran before it.
 */
export class SandboxContext {
  readonly clock: Clock;
  readonly faults = new FaultQueue();
  readonly log = new RequestLog();
  #store: Store;
  #limiter: RateLimiter;
  readonly #init: ContextInit;

  constructor(init: ContextInit) {
    this.#init = init;
    this.clock = init.clock;
    this.#store = this.#freshStore();
    this.#limiter = this.#freshLimiter();
  }

  get store(): Store {
    return this.#store;
  }

  get limiter(): RateLimiter {
    return this.#limiter;
  }

  reset(): void {
    this.#store = this.#freshStore();
    this.#limiter = this.#freshLimiter();
    this.faults.clear();
    this.log.clear();
  }

  #freshStore(): Store {
    const { config, clock, seed, demoKey, demoBalanceCents } = this.#init;
    const store = new Store({ config: { ...config, deliverDelayMs: [...config.deliverDelayMs] }, clock, seed });
    store.addKey(demoKey, demoBalanceCents);
    return store;
  }

  #freshLimiter(): RateLimiter {
    return new RateLimiter(this.#init.clock, () => this.#store.config.rateLimitPerMinute);
  }
}
