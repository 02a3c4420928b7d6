/**
 * Whether the user could see the in-field button when they clicked it. A page can hide or cover
 * our UI and still have the user's real, trusted click land on it (DOM-based clickjacking), so
 * a click counts only if the button was visible and unmoved for a while before it, and stayed so
 * through it. "Visible" is IntersectionObserver v2's `isVisible` (Chromium): false under any
 * opacity, filter or mask on the button or an ancestor, and whenever anything covers it. It does
 * not see where the button is drawn or how large: the field button tracks its drawn rectangle
 * itself, every frame.
 */

/** The button must have been visible and still this long before a click: time to read it. */
export const MIN_SEEN_MS = 1_000;
/**
 * A click is judged after this much more: IntersectionObserver v2 reports changes up to its
 * `delay` (100 ms) late, so a cover laid over the button just before the click shows up by then.
 */
export const SETTLE_MS = 250;
const OBSERVER_DELAY_MS = 100;
/** A window focus this soon after a press in the same document came from that press. */
const PRESS_FOCUS_MS = 100;

/**
 * The pure part: a streak of moments when the button was visible, drawn as designed, at one place.
 * Any moment hidden, covered, elsewhere or distorted ends the streak.
 */
export class SeenClock {
  private since: number | null = null;
  private movedAt: number | null = null;
  private place: string | null = null;
  private visible = false;

  /** The observer's latest word on visibility. */
  setVisible(at: number, visible: boolean): void {
    this.visible = visible;
    this.update(at, this.place);
  }

  /**
   * Where the button is drawn on screen now (any change is a move); null when it is not drawn as
   * designed: scaled, zoomed or away from its field.
   */
  setPlace(at: number, place: string | null): void {
    this.update(at, place);
  }

  /**
   * The user's attention came back to the page (its window got the focus, its tab was shown, it
   * was restored): what is under the pointer now may not be what they were looking at.
   */
  restart(at: number): void {
    if (this.since !== null) this.since = at;
  }

  /** The user moved the pointer over the button (a trusted `pointermove` on it). */
  pointerMoved(at: number): void {
    this.movedAt = at;
  }

  /** Visible and unmoved since when; null when not visible now. */
  get visibleSince(): number | null {
    return this.since;
  }

  /** A click at `clickAt`, judged after the settle time: seen long enough before, and through it. */
  seenAt(clickAt: number): boolean {
    return this.since !== null && clickAt - this.since >= MIN_SEEN_MS;
  }

  /**
   * A pointer press at `clickAt`: seen long enough, and the user moved the pointer over the button
   * while it was in plain view. A press that arrives with no move on the button is what a window
   * closing under a still pointer produces (double-clickjacking): the pointer was over another
   * window until the first press.
   */
  pointedAt(clickAt: number): boolean {
    return this.seenAt(clickAt) && this.movedAt !== null && this.movedAt >= this.since!;
  }

  private update(at: number, place: string | null): void {
    const moved = place !== this.place;
    this.place = place;
    if (!this.visible || place === null) this.since = null;
    else if (moved || this.since === null) this.since = at;
  }
}

/**
 * Calls `listener` whenever this document comes back to the user: its window gets the focus, its
 * tab is shown, or it is restored from the back/forward cache. A press right after that may be
 * the second half of a double-click whose first half closed a window that was over the page
 * (double-clickjacking): the button under the pointer was never what the user was looking at.
 */
export function onAttentionBack(listener: (at: number) => void, signal: AbortSignal): void {
  const tell = (event: Event) => {
    if (event.isTrusted) listener(performance.now());
  };
  // A press inside this document focuses its window too (the first click into a frame): that
  // focus is the user's own press here, not a window going away over it.
  let pressedAt = -Infinity;
  window.addEventListener('pointerdown', (event) => event.isTrusted && (pressedAt = performance.now()), { capture: true, signal });
  window.addEventListener('focus', (event) => performance.now() - pressedAt > PRESS_FOCUS_MS && tell(event), { signal });
  window.addEventListener('pageshow', tell, { signal });
  document.addEventListener('visibilitychange', (event) => document.visibilityState === 'visible' && tell(event), { signal });
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
