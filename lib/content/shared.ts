/**
 * State the always-loaded part of the content script hands to the autofill part it loads later.
 * Both run in the extension's isolated world of the same frame, so they share this global; the
 * page's own scripts cannot see it.
 */
export interface PageShared {
  /** The target of the last trusted right-click (Chrome does not tell the context menu which element). */
  rightClicked: EventTarget | null;
  /** Messages that arrived before the autofill part was running. */
  queued: unknown[];
  /** Set by the autofill part: delivers a message to it. */
  deliver?: (message: unknown) => void;
  /** Stops the running copy of each part: a second injection replaces the first, never doubles it. */
  stop: Partial<Record<'loader' | 'autofill', () => void>>;
}

export function pageShared(): PageShared {
  const holder = globalThis as { __numpoolPage?: PageShared };
  holder.__numpoolPage ??= { rightClicked: null, queued: [], stop: {} };
  return holder.__numpoolPage;
}
