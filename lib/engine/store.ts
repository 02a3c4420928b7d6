import { EMPTY_STATE, type EngineState } from '../state/schema';
import type { Stored } from '../state/item';
import { pruneState } from './orders';

/**
 * The engine's state: read from storage once per worker life, then changed only through `update`,
 * which runs changes one at a time and saves each before the next, so nothing is lost when the
 * worker stops between two changes. Every save is bounded (`pruneState`).
 */
export class EngineStore {
  private state: EngineState = EMPTY_STATE;
  private chain: Promise<unknown>;

  constructor(
    private readonly stored: Stored<EngineState>,
    private readonly now: () => number,
  ) {
    this.chain = stored.getValue().then((s) => (this.state = s));
  }

  async read(): Promise<EngineState> {
    await this.chain;
    return this.state;
  }

  /** Applies a pure change and saves it; the value the change returns is passed back. */
  update<T = void>(change: (state: EngineState) => EngineState | [EngineState, T]): Promise<T> {
    const run = this.chain.then(async () => {
      const result = change(this.state);
      const [changed, value] = Array.isArray(result) ? result : [result, undefined as T];
      const next = changed === this.state ? changed : pruneState(changed, this.now());
      if (next !== this.state) {
        await this.stored.setValue(next);
        this.state = next;
      }
      return value;
    });
    // A failed change must not block the ones after it (the caller gets the failure).
    this.chain = run.catch(() => undefined);
    return run;
  }
}
