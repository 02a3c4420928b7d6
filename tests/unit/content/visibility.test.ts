import { describe, expect, it } from 'vitest';
import { MIN_SEEN_MS, SeenClock } from '../../../lib/content/visibility';
import { buttonPlace } from '../../../lib/content/field-button';

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
  const field = (left: number, top: number, width: number, height: number) => ({ left, top, width, height, right: left + width, bottom: top + height });
  const viewport = { width: 1000, height: 800 };
  it('inside the field, at its right edge, vertically centred', () => {
    expect(buttonPlace(field(100, 200, 300, 40), 90, viewport, true)).toEqual({ left: 306, top: 209 });
  });
  it('nowhere when the field is shrunk, off screen, clipped or hidden', () => {
    expect(buttonPlace(field(100, 200, 2, 2), 90, viewport, true)).toBeNull();
    expect(buttonPlace(field(100, 200, 300, 1), 90, viewport, true)).toBeNull();
    expect(buttonPlace(field(-5000, 200, 300, 40), 90, viewport, true)).toBeNull();
    expect(buttonPlace(field(800, 200, 300, 40), 90, viewport, true)).toBeNull();
    expect(buttonPlace(field(100, 790, 300, 40), 90, viewport, true)).toBeNull();
    expect(buttonPlace(field(100, 200, 300, 40), 90, viewport, false)).toBeNull();
  });
});
