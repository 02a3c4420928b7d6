import type { Settings } from '../../state/schema';
import type { Stored } from '../../state/item';
import { serial } from '../serial';

/**
 * The engine's settings: read once and kept, until storage says they changed (another context,
 * a test, the engine itself); changed only through `update`, one change at a time, each applied
 * to what is stored at that moment. Two read-modify-write paths (the recent services a purchase
 * remembers, the options page saving a section) can then never undo each other.
 */
export class SettingsStore {
  private cached: Promise<Settings> | undefined;
  private readonly changes = serial();

  constructor(
    private readonly stored: Stored<Settings>,
    onLocalChange: (listener: (keys: readonly string[]) => void) => void,
  ) {
    onLocalChange((keys) => {
      if (keys.includes(stored.key)) this.cached = undefined;
    });
  }

  read(): Promise<Settings> {
    const read = (this.cached ??= this.stored.getValue());
    // A failed read is not kept: the next one tries storage again.
    read.catch(() => {
      if (this.cached === read) this.cached = undefined;
    });
    return read;
  }

  /** Applies a change to the stored settings and saves it; changes run one after another. */
  update(change: (settings: Settings) => Settings): Promise<Settings> {
    return this.changes.run(async () => {
      const next = change(await this.stored.getValue());
      await this.stored.setValue(next);
      this.cached = Promise.resolve(next);
      return next;
    });
  }
}
