// The browser's own promise-based API, not the polyfill: this runs first on every popup open, and
// setting the polyfill up costs more than the whole read. `storage.local.get` returns a promise in
// every browser this extension supports (Chrome MV3 and Firefox).
import { browser } from '@wxt-dev/browser';
import { STORAGE_KEYS } from '../state/keys';

/**
 * The popup's stored state and settings, read by a small script that starts while the page's
 * larger scripts still load, so the first frame can already show them. The raw documents are
 * handed over as they are: the popup validates them like any other read.
 */
const HANDOVER = '__numpoolStoredRead';
const KEYS = [STORAGE_KEYS.state, STORAGE_KEYS.settings];

type Handover = { [HANDOVER]?: Promise<Record<string, unknown>> };

const read = () => browser.storage.local.get(KEYS) as Promise<Record<string, unknown>>;

export function startStoredRead(): void {
  (globalThis as Handover)[HANDOVER] = read();
}

/** The read started early, or a new one when the early script did not run. */
export function takeStoredRead(): Promise<Record<string, unknown>> {
  const started = (globalThis as Handover)[HANDOVER];
  delete (globalThis as Handover)[HANDOVER];
  return started ?? read();
}
