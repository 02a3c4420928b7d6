import { describe, expect, it } from 'vitest';
import {
  ARM_MS,
  focusChanged,
  isArmed,
  keyDown,
  mayBuy,
  NOT_ARMED,
  pointerDown,
  shown,
  type Arming,
} from '../../../components/confirm/arming';

/**
 * The confirmation window's Buy: armed ARM_MS after the question is on screen in a focused window,
 * and after the last key; a press counts only if it began armed. Times in ms from the window's start.
 */
const focusedAt = (t: number): Arming => focusChanged(NOT_ARMED, t, true);
/** A mouse click: press, then release 60 ms later. */
const clickAt = (a: Arming, t: number) => mayBuy(pointerDown(a, t), t + 60, false);

describe("arming the confirmation window's Buy", () => {
  it('waits for the question on screen, not for the window: a slow answer does not shorten the wait', async () => {
    const a = shown(focusedAt(0), 700); // the window had the focus at 0, the details came at 700
    expect(isArmed(a, ARM_MS)).toBe(false);
    expect(clickAt(a, 1_000)).toBe(false);
    expect(clickAt(a, 700 + ARM_MS)).toBe(true);
  });

  it('is never armed while the window has no focus, and losing it starts the wait again', () => {
    const hidden = shown(NOT_ARMED, 0);
    expect(clickAt(hidden, 5_000)).toBe(false);
    let a = shown(focusedAt(0), 0);
    a = focusChanged(a, 1_000, false);
    a = focusChanged(a, 1_100, true);
    expect(clickAt(a, 1_500)).toBe(false);
    expect(clickAt(a, 1_100 + ARM_MS)).toBe(true);
  });

  it('a mouse button held from before it was armed does not buy on release', () => {
    const a = pointerDown(shown(focusedAt(0), 0), 100);
    expect(mayBuy(a, 2_000, false)).toBe(false);
  });

  it('keys pressed before it was shown, or held (auto-repeat), never reach Buy', () => {
    let a = keyDown(focusedAt(0), 100, false); // typed before the question was painted
    a = shown(a, 200);
    expect(mayBuy(a, 250, true)).toBe(false);
    // Enter held down: every repeat restarts the wait and none counts.
    let held = shown(focusedAt(0), 0);
    for (let t = 1_000; t < 3_000; t += 33) held = keyDown(held, t, t > 1_000);
    expect(mayBuy(held, 3_000, true)).toBe(false);
    expect(clickAt(held, 3_000)).toBe(false); // nor a click right after the keys
  });

  it('a user typing elsewhere: Shift+Tab then Space after the window came up does not buy', () => {
    let a = shown(focusedAt(0), 0);
    for (const t of [300, 450, 620, 790, 950]) a = keyDown(a, t, false); // still typing
    a = keyDown(a, 1_100, false); // Shift
    a = keyDown(a, 1_150, false); // Tab: the focus on Buy
    a = keyDown(a, 1_300, false); // Space
    expect(mayBuy(a, 1_380, true)).toBe(false); // released: the click
  });

  it('one deliberate key after a pause buys, as a click does', () => {
    let a = shown(focusedAt(0), 0);
    a = keyDown(a, 200, false); // Tab to Buy
    a = keyDown(a, 200 + ARM_MS + 100, false); // Enter, after a pause
    expect(mayBuy(a, 200 + ARM_MS + 100, true)).toBe(true);
    // A keyboard click long after its key is not that key's.
    expect(mayBuy(a, 200 + ARM_MS + 100 + 5_000, true)).toBe(false);
    // A mouse click needs the arm delay after the last key too.
    expect(clickAt(a, 200 + ARM_MS + 200)).toBe(false);
  });
});
