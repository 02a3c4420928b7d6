/** A queue of tasks that run one at a time, in the order given. */
export interface Serial {
  /** Runs `task` once every task given before it has settled; its result or failure goes to this caller alone. */
  run<T>(task: () => T | PromiseLike<T>): Promise<T>;
  /** Settles once every task given so far has settled; never rejects. */
  settled(): Promise<void>;
}

/**
 * One queue. Read-modify-write steps on storage (the state, the settings, the page session) and
 * work that must not overlap (announcing, opening the confirmation window, a poll round) go
 * through one, so two callers never act on the same stale value.
 */
export function serial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => T | PromiseLike<T>): Promise<T> {
      const result = tail.then(task);
      // A failed task must not stop the ones after it.
      tail = result.catch(() => undefined);
      return result;
    },
    settled: () => tail.then(() => undefined),
  };
}
