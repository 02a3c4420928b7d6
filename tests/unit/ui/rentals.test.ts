import { describe, expect, it } from 'vitest';
import { hasEnded, inboxEntries, isKnownDuration, sortRentals, unseenCount } from '../../../lib/ui/rentals';

const msg = (body: string, at: string | null) => ({ from: 'Discord', body, code: null, at });

describe('unseenCount', () => {
  it('counts the messages past what the user has seen', () => {
    expect(unseenCount({ messages: [msg('a', null), msg('b', null), msg('c', null)], seen: 1 })).toBe(2);
    expect(unseenCount({ messages: [], seen: 3 })).toBe(0);
  });
});

describe('inboxEntries', () => {
  it('lists newest first and marks what came after the last opening', () => {
    const entries = inboxEntries(
      [msg('first', '2026-06-13T10:00:00Z'), msg('second', '2026-06-13T11:00:00Z'), msg('third', '2026-06-13T12:00:00Z')],
      1,
    );
    expect(entries.map((e) => [e.message.body, e.isNew])).toEqual([
      ['third', true],
      ['second', true],
      ['first', false],
    ]);
  });
  it('falls back to arrival order when times are missing', () => {
    const entries = inboxEntries([msg('first', null), msg('second', null)], 2);
    expect(entries.map((e) => [e.message.body, e.isNew])).toEqual([
      ['second', false],
      ['first', false],
    ]);
  });
});

describe('rental order and end', () => {
  const now = Date.parse('2026-06-15T00:00:00Z');
  const r = (id: string, endsAt: string) => ({ id, endsAt });
  it('knows when a rental has ended', () => {
    expect(hasEnded(r('a', '2026-06-14T00:00:00Z'), now)).toBe(true);
    expect(hasEnded(r('a', '2026-06-16T00:00:00Z'), now)).toBe(false);
    expect(hasEnded(r('a', 'not a date'), now)).toBe(false);
  });
  it('lists running rentals ending soonest first, then ended ones, latest first', () => {
    const sorted = sortRentals(
      [
        r('old', '2026-06-01T00:00:00Z'),
        r('later', '2026-06-30T00:00:00Z'),
        r('recent', '2026-06-14T00:00:00Z'),
        r('soon', '2026-06-16T00:00:00Z'),
      ],
      now,
    );
    expect(sorted.map((x) => x.id)).toEqual(['soon', 'later', 'recent', 'old']);
  });
});

it('accepts only the durations the API takes', () => {
  expect(isKnownDuration('sevenDay')).toBe(true);
  expect(isKnownDuration('ninetyDay')).toBe(false);
});
