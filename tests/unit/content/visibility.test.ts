import { describe, expect, it } from 'vitest';
import { MIN_SEEN_MS, SeenClock } from '../../../lib/content/visibility';
import { around, besidePlace, buttonPlace, drawnPlace, pointerReplaced, pressKind } from '../../../lib/content/field-button';

/** A box at (left, top) of this size, as `getBoundingClientRect` gives it. */
const rect = (left: number, top: number, width: number, height: number) => ({
  left,
  top,
  width,
  height,
  right: left + width,
  bottom: top + height,
});

describe('a click counts only on a button seen, still, long enough', () => {
  it('counts after the button was visible in one place for the minimum time', () => {
    const clock = new SeenClock();
    clock.setPlace(0, '10,10');
    clock.setVisible(0, true);
    expect(clock.seenAt(MIN_SEEN_MS - 1)).toBe(false);
    expect(clock.seenAt(MIN_SEEN_MS)).toBe(true);
  });

  it('starts again when the button moves, and stops counting while it is hidden or covered', () => {
    const clock = new SeenClock();
    clock.setPlace(0, '10,10');
    clock.setVisible(0, true);
    clock.setPlace(900, '300,40'); // the page moved it (or its field) under something else
    expect(clock.seenAt(1_200)).toBe(false);
    expect(clock.seenAt(1_900)).toBe(true);
    clock.setVisible(2_000, false); // covered
    expect(clock.seenAt(2_100)).toBe(false);
    clock.setVisible(2_050, true); // uncovered just before the click
    expect(clock.seenAt(2_200)).toBe(false);
  });

  it('judges a click by what was true through it: covered right before, uncovered right after, is no', () => {
    const clock = new SeenClock();
    clock.setPlace(0, 'a');
    clock.setVisible(0, true);
    clock.setVisible(1_950, false); // a cover arrives 50 ms before the click at 2000 (reported late)
    clock.setVisible(2_030, true); // and is gone again
    expect(clock.seenAt(2_000)).toBe(false);
  });

  it('never counts before the browser said it is visible (no IntersectionObserver v2: never)', () => {
    const clock = new SeenClock();
    clock.setPlace(0, 'a');
    expect(clock.seenAt(10_000)).toBe(false);
  });
});

describe('where the button goes', () => {
  const viewport = { width: 1000, height: 800 };
  it('inside the field, at its right edge, vertically centred', () => {
    expect(buttonPlace(rect(100, 200, 300, 40), 90, viewport, true)).toEqual({ left: 306, top: 209 });
  });
  it('nowhere when the field is shrunk, off screen, clipped or hidden', () => {
    expect(buttonPlace(rect(100, 200, 2, 2), 90, viewport, true)).toBeNull();
    expect(buttonPlace(rect(100, 200, 300, 1), 90, viewport, true)).toBeNull();
    expect(buttonPlace(rect(-5000, 200, 300, 40), 90, viewport, true)).toBeNull();
    expect(buttonPlace(rect(800, 200, 300, 40), 90, viewport, true)).toBeNull();
    expect(buttonPlace(rect(100, 790, 300, 40), 90, viewport, true)).toBeNull();
    expect(buttonPlace(rect(100, 200, 300, 40), 90, viewport, false)).toBeNull();
  });
});

describe('the button beside a split number', () => {
  const viewport = { width: 1000, height: 800 };
  it('just right of the last box, level with it', () => {
    expect(besidePlace(rect(300, 200, 50, 30), 90, viewport, true)).toEqual({ left: 354, top: 204 });
  });
  it('beside all the boxes, so a right-to-left row (the last box leftmost) is not covered', () => {
    const rightToLeft = around([rect(400, 200, 40, 30), rect(350, 200, 40, 30), rect(300, 200, 50, 30)]);
    expect(besidePlace(rightToLeft, 90, viewport, true)).toEqual({ left: 444, top: 204 });
  });
  it('nowhere when a box is hidden, the boxes are off screen, or the button would leave the screen', () => {
    expect(besidePlace(rect(300, 200, 50, 30), 90, viewport, false)).toBeNull();
    expect(besidePlace(rect(300, 200, 50, 2), 90, viewport, true)).toBeNull();
    expect(besidePlace(rect(-60, 200, 50, 30), 90, viewport, true)).toBeNull();
    expect(besidePlace(rect(300, 790, 50, 30), 90, viewport, true)).toBeNull();
    expect(besidePlace(rect(880, 200, 50, 30), 90, viewport, true)).toBeNull();
  });
});

describe('the button as drawn, not as placed', () => {
  const intended = { left: 300, top: 100, width: 180, height: 22 };
  it('counts a button drawn where it was put, at its designed size', () => {
    expect(drawnPlace(rect(300, 100, 180, 22), intended)).toBe('300,100,180');
    expect(drawnPlace(rect(300.4, 100.3, 180.2, 22), intended)).not.toBeNull();
  });
  it('refuses one moved by a transform on <html> that the field does not share', () => {
    expect(drawnPlace(rect(340, 100, 180, 22), intended)).toBeNull();
    expect(drawnPlace(rect(300, 60, 180, 22), intended)).toBeNull();
  });
  it('refuses one drawn smaller or larger (zoom, scale): a 28x5 dot is not readable', () => {
    expect(drawnPlace(rect(300, 100, 28, 5), intended)).toBeNull();
    expect(drawnPlace(rect(300, 100, 180 * 1.25, 22 * 1.25), intended)).toBeNull();
    expect(drawnPlace(rect(300, 100, 180 * 0.9, 22), intended)).toBeNull();
  });
  it('a clock fed a distorted place stops counting until the button is drawn as designed again, for the full time', () => {
    const clock = new SeenClock();
    clock.setVisible(0, true);
    clock.setPlace(0, 'a');
    clock.setPlace(1_500, null);
    expect(clock.seenAt(1_600)).toBe(false);
    clock.setPlace(1_650, 'a');
    expect(clock.seenAt(2_000)).toBe(false);
    expect(clock.seenAt(2_650)).toBe(true);
  });
});

describe('the user coming back to the page', () => {
  it('restarts the time seen: a press right after a window closed over the page is not a look at the button', () => {
    const clock = new SeenClock();
    clock.setPlace(0, 'a');
    clock.setVisible(0, true);
    expect(clock.seenAt(5_000)).toBe(true);
    clock.restart(5_000);
    expect(clock.seenAt(5_200)).toBe(false);
    expect(clock.seenAt(6_000)).toBe(true);
  });
  it('does not make a hidden button count', () => {
    const clock = new SeenClock();
    clock.setPlace(0, 'a');
    clock.restart(100);
    expect(clock.seenAt(5_000)).toBe(false);
  });
});

describe('what a press is', () => {
  it('keyboard activation (no pointer, detail 0) is never a one-step purchase', () => {
    expect(pressKind({ detail: 0, pointerType: '' })).toBe('keyboard');
    expect(pressKind({ detail: 0 })).toBe('keyboard');
    expect(pressKind({ detail: 1, pointerType: '' })).toBe('keyboard');
  });
  it('the second press of a double-click repeats the first', () => {
    expect(pressKind({ detail: 1, pointerType: 'mouse' })).toBe('pointer');
    expect(pressKind({ detail: 2, pointerType: 'mouse' })).toBe('repeat');
    expect(pressKind({ detail: 3, pointerType: 'touch' })).toBe('repeat');
  });
  it('a hidden or replaced pointer anywhere around the field is doubt', () => {
    expect(pointerReplaced(['text', 'auto', 'auto'])).toBe(false);
    expect(pointerReplaced(['text', 'none', 'auto'])).toBe(true);
    expect(pointerReplaced(['auto', 'url("arrow.png") 0 0, auto'])).toBe(true);
  });
});

describe('a press needs the pointer to have come to the button', () => {
  it('counts a press after the user moved the pointer over the button while it was in view', () => {
    const clock = new SeenClock();
    clock.setPlace(0, 'a');
    clock.setVisible(0, true);
    clock.pointerMoved(800);
    expect(clock.pointedAt(1_500)).toBe(true);
  });
  it('not a press that arrives with no move on the button (a window closed under a still pointer)', () => {
    const clock = new SeenClock();
    clock.setPlace(0, 'a');
    clock.setVisible(0, true);
    expect(clock.seenAt(5_000)).toBe(true);
    expect(clock.pointedAt(5_000)).toBe(false);
  });
  it('not a move from before the button was in plain view, or before the page came back to the user', () => {
    const clock = new SeenClock();
    clock.setPlace(0, 'a');
    clock.pointerMoved(100);
    clock.setVisible(200, true);
    expect(clock.pointedAt(3_000)).toBe(false);
    clock.pointerMoved(300);
    expect(clock.pointedAt(3_000)).toBe(true);
    clock.restart(3_000);
    expect(clock.pointedAt(4_500)).toBe(false);
  });
});
