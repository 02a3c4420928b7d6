/**
 * Whether the user could see the in-field button when they clicked it. A page can hide or cover
 * our UI and still have the user's real, trusted click land on it (DOM-based clickjacking), so
 * a click counts only if the button was visible and unmoved for a while before it, and stayed so
 * through it. "Visible" is IntersectionObserver v2's `isVisible` (Chromium): false under any
 * opacity, filter, mask or transform on the button or an ancestor, and whenever anything covers it.
 */

/** The button must have been visible and still this long before a click: time to read it. */
export const MIN_SEEN_MS = 1_000;
/**
 * A click is judged after this much more: IntersectionObserver v2 reports changes up to its
 * `delay` (100 ms) late, so a cover laid over the button just before the click shows up by then.
 */
export const SETTLE_MS = 250;
const OBSERVER_DELAY_MS = 100;

/**
 * The pure part: a streak of moments when the button was visible at one place. Any moment hidden,
 * covered or elsewhere ends the streak.
 */
export class SeenClock {
  private since: number | null = null;
  private place = '';
  private visible = false;

  /** The observer's latest word on visibility. */
  setVisible(at: number, visible: boolean): void {
    this.visible = visible;
    this.update(at, this.place);
  }

  /** Where the button is drawn now (any change is a move). */
  setPlace(at: number, place: string): void {
    this.update(at, place);
  }

  /** Visible and unmoved since when; null when not visible now. */
  get visibleSince(): number | null {
    return this.since;
  }

  /** A click at `clickAt`, judged after the settle time: seen long enough before, and through it. */
  seenAt(clickAt: number): boolean {
    return this.since !== null && clickAt - this.since >= MIN_SEEN_MS;
  }

  private update(at: number, place: string): void {
    const moved = place !== this.place;
    this.place = place;
    if (!this.visible) this.since = null;
    else if (moved || this.since === null) this.since = at;
  }
}

/** Chromium's IntersectionObserver v2; Firefox has none, and then no click is ever "seen". */
export function canTrackVisibility(): boolean {
  return typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;
}

/**
 * Feeds `clock` with the observer's verdicts on `element` until `signal` aborts. Returns false
 * when the browser cannot tell (then the caller asks for a confirmation instead).
 */
export function trackVisibility(element: Element, clock: SeenClock, signal: AbortSignal): boolean {
  if (!canTrackVisibility()) return false;
  const observer = new IntersectionObserver(
    (entries) => {
      const entry = entries[entries.length - 1]!;
      const visible = (entry as IntersectionObserverEntry & { isVisible?: boolean }).isVisible === true && entry.intersectionRatio >= 0.999;
      clock.setVisible(performance.now(), visible);
    },
    { threshold: [0, 1], trackVisibility: true, delay: OBSERVER_DELAY_MS } as IntersectionObserverInit,
  );
  observer.observe(element);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  return true;
}
