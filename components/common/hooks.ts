import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { browser } from 'wxt/browser';
import { settingsItem, stateItem } from '../../lib/state/store';
import { takeStoredRead } from '../../lib/ui/early-read';
import type { EngineState, Settings } from '../../lib/state/schema';
import type { UserError } from '../../lib/messaging/protocol';
import { toUserError } from '../../lib/ui/errors';

export interface StoredData {
  state: EngineState;
  settings: Settings;
}

const parseStored = (raw: Record<string, unknown>): StoredData => ({
  state: stateItem.parse(raw[stateItem.key]),
  settings: settingsItem.parse(raw[settingsItem.key]),
});

/** The stored state and settings, validated; null when storage cannot be read (the hook tries again). */
export async function readStoredData(): Promise<StoredData | null> {
  try {
    return parseStored(await takeStoredRead());
  } catch {
    return null;
  }
}

/**
 * The last known state and settings, read straight from storage (no round trip to the background,
 * so the popup paints at once) and kept live from `storage.onChanged`. Starts from `initial` when
 * the page read it before rendering; null until the first read otherwise.
 */
export function useStoredData(initial: StoredData | null = null, enabled = true): StoredData | null {
  const [data, setData] = useState<StoredData | null>(initial);
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    // A change that lands before this read finishes is newer than the read. The read also catches
    // any change between an early `initial` read and this subscription.
    const changed = { state: false, settings: false };
    const keys = [stateItem.key, settingsItem.key];
    void browser.storage.local.get(keys).then((raw) => {
      if (!alive) return;
      const read = parseStored(raw);
      setData((prev) => ({
        state: changed.state && prev ? prev.state : read.state,
        settings: changed.settings && prev ? prev.settings : read.settings,
      }));
    });
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local') return;
      const state = changes[stateItem.key];
      const settings = changes[settingsItem.key];
      if (!state && !settings) return;
      if (state) changed.state = true;
      if (settings) changed.settings = true;
      setData((prev) => ({
        state: state ? stateItem.parse(state.newValue) : (prev?.state ?? stateItem.fallback),
        settings: settings ? settingsItem.parse(settings.newValue) : (prev?.settings ?? settingsItem.fallback),
      }));
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, [enabled]);
  return data;
}

/** How long to wait for a paint report before going on anyway (a hidden page never paints). */
const FIRST_FRAME_FALLBACK_MS = 1000;

/** Whether the page's first frame is on screen: one watch for the whole page, however many ask. */
let firstFrameShown = false;
let watchingFirstFrame = false;
const firstFrameListeners = new Set<() => void>();

function watchFirstFrame(): void {
  if (watchingFirstFrame) return;
  watchingFirstFrame = true;
  const canObserve = typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('paint');
  const observer = canObserve ? new PerformanceObserver(() => done()) : null;
  observer?.observe({ type: 'paint', buffered: true });
  const timer = setTimeout(() => done(), observer ? FIRST_FRAME_FALLBACK_MS : 0);
  function done() {
    observer?.disconnect();
    clearTimeout(timer);
    if (firstFrameShown) return;
    firstFrameShown = true;
    for (const listener of firstFrameListeners) listener();
  }
}

function subscribeFirstFrame(listener: () => void): () => void {
  firstFrameListeners.add(listener);
  watchFirstFrame();
  return () => firstFrameListeners.delete(listener);
}

/**
 * False until the page's first frame with content is on screen, as the browser reports it (or
 * `FIRST_FRAME_FALLBACK_MS` passed without a report). Work that the first frame does not show
 * waits for this, so it cannot delay that frame. Rendered to HTML ahead (no screen): true.
 */
export function useFirstFrameShown(): boolean {
  return useSyncExternalStore(
    subscribeFirstFrame,
    () => firstFrameShown,
    () => true,
  );
}

/** The current time, ticking every second while `enabled` (countdowns); still otherwise. */
export function useNow(enabled: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    // Stale after a still spell; just read at mount it is not, and setting it would draw the
    // popup's orders a second time before its first frame is painted.
    setNow((last) => {
      const time = Date.now();
      return time - last >= intervalMs ? time : last;
    });
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [enabled, intervalMs]);
  return now;
}

/**
 * Milliseconds until NumPool accepts requests again after it asked to wait (429 with
 * Retry-After), counting down each second; 0 when there is nothing to wait for.
 */
export function useRetryWait(error: UserError | null): number {
  const until = useMemo(() => (error?.retryAfterMs ? Date.now() + error.retryAfterMs : 0), [error]);
  // Re-renders each second while waiting; the clock is read here, not kept, so the first render
  // after the error already counts from now.
  useNow(until > Date.now());
  return Math.max(0, until - Date.now());
}

export interface Action<A extends unknown[], R> {
  run: (...args: A) => Promise<R | undefined>;
  pending: boolean;
  error: UserError | null;
  clearError: () => void;
}

/**
 * A user action that talks to the background: one at a time, its error kept as the sentence to
 * show. Resolves to undefined when it failed (the error is in `error`).
 */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>): Action<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UserError | null>(null);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const busy = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async (...args: A) => {
    if (busy.current) return undefined;
    busy.current = true;
    setPending(true);
    setError(null);
    try {
      return await fnRef.current(...args);
    } catch (e) {
      if (mounted.current) setError(toUserError(e, 'errorUnexpected'));
      return undefined;
    } finally {
      busy.current = false;
      if (mounted.current) setPending(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: UserError | null;
  reload: () => void;
}

/** Data loaded from the background when a screen opens, with retry; keeps the last value while reloading. */
export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  options: { keepPrevious?: boolean; enabled?: boolean } = {},
): Loaded<T> {
  const { keepPrevious = false, enabled = true } = options;
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<UserError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    setLoading(true);
    setError(null);
    if (!keepPrevious) setData(null);
    loadRef.current().then(
      (value) => {
        if (!alive) return;
        setData(value);
        setLoading(false);
      },
      (e: unknown) => {
        if (!alive) return;
        setError(toUserError(e, 'errorUnexpected'));
        setLoading(false);
      },
    );
    return () => {
      alive = false;
    };
    // The caller lists what the load depends on, like an effect's dependencies.
  }, [...deps, attempt, enabled]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { data, loading, error, reload };
}
