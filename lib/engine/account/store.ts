import { EMPTY_STATE, type EngineState } from '../../state/schema';
import type { Stored } from '../../state/item';
import { pruneState } from '../orders/orders';
import { serial } from '../serial';

/**
 * The engine's state: read from storage once per worker life, then changed only through `update`,
 * which runs changes one at a time and saves each before the next, so nothing is lost when the
 * worker stops between two changes. Every save is bounded (`pruneState`).
 */
export class EngineStore {
  private state: EngineState = EMPTY_STATE;
  private readonly changes = serial();
  private readonly loaded: Promise<void>;

  constructor(
    private readonly stored: Stored<EngineState>,
    private readonly now: () => number,
  ) {
    this.loaded = this.changes.run(async () => {
      this.state = await stored.getValue();
    });
  }

  async read(): Promise<EngineState> {
    await this.loaded;
    await this.changes.settled();
    return this.state;
  }

  /** Applies a pure change and saves it; the value the change returns is passed back. */
  update<T = void>(change: (state: EngineState) => EngineState | [EngineState, T]): Promise<T> {
    return this.changes.run(async () => {
      // Never on the empty state a failed load left: that save would erase what is stored.
      await this.loaded;
      const result = change(this.state);
      const [changed, value] = Array.isArray(result) ? result : [result, undefined as T];
      const next = changed === this.state ? changed : pruneState(changed, this.now());
      if (next !== this.state) {
        await this.stored.setValue(next);
        this.state = next;
      }
      return value;
    });
  }
}
