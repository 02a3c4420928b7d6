/**
 * When the confirmation window's Buy may act: pure rules over the times of what happened in the
 * window, so they are tested without a browser.
 *
 * Buy is armed ARM_MS after the question is on screen and the window has the focus, and that wait
 * restarts with every key pressed and every loss of focus. So the click that opened the window,
 * keys pressed before it was shown or held down, and a user typing elsewhere who finds themselves
 * in this window (Shift+Tab, then Space) cannot press it. A press must itself begin while armed:
 * a mouse button held down from before, or a key's auto-repeat, never counts.
 */
export const ARM_MS = 800;
/** A key activates the button at once (Enter) or on release (Space): well within this. */
const KEY_CLICK_MS = 2_000;

export interface Arming {
  /** When the question was first painted, null before. */
  shownAt: number | null;
  /** Since when the window has had the focus and been visible; null while it has not. */
  focusedAt: number | null;
  lastKeyAt: number | null;
  /** The last key went down while armed, and was not an auto-repeat. */
  keyArmed: boolean;
  /** The last pointer press began while armed. */
  pressArmed: boolean;
}

export const NOT_ARMED: Arming = { shownAt: null, focusedAt: null, lastKeyAt: null, keyArmed: false, pressArmed: false };

/** When Buy becomes armed if nothing else happens; null while the question is not shown or the window has no focus. */
export function armedAt(a: Arming): number | null {
  if (a.shownAt === null || a.focusedAt === null) return null;
  return Math.max(a.shownAt, a.focusedAt, a.lastKeyAt ?? -Infinity) + ARM_MS;
}

export function isArmed(a: Arming, now: number): boolean {
  const at = armedAt(a);
  return at !== null && now >= at;
}

export const shown = (a: Arming, now: number): Arming => (a.shownAt === null ? { ...a, shownAt: now } : a);

/** Focus gained (with the window visible) or lost; gaining it again starts the wait again. */
export const focusChanged = (a: Arming, now: number, focused: boolean): Arming => ({
  ...a,
  focusedAt: focused ? (a.focusedAt ?? now) : null,
  pressArmed: false,
  keyArmed: false,
});

export const keyDown = (a: Arming, now: number, repeat: boolean): Arming => ({
  ...a,
  lastKeyAt: now,
  keyArmed: !repeat && isArmed(a, now),
});

export const pointerDown = (a: Arming, now: number): Arming => ({ ...a, pressArmed: isArmed(a, now) });

/**
 * Whether a click on Buy buys. A keyboard click (Enter, Space: `detail` 0) needs the key that made
 * it to have gone down armed; a pointer click needs its press to have begun armed, and still be.
 */
export function mayBuy(a: Arming, now: number, byKeyboard: boolean): boolean {
  if (a.focusedAt === null) return false;
  if (byKeyboard) return a.keyArmed && a.lastKeyAt !== null && now - a.lastKeyAt <= KEY_CLICK_MS;
  return a.pressArmed && isArmed(a, now);
}
