import { RENTAL_DURATIONS } from '../numpool/constants';
import type { Rental } from '../state/schema';

export type RentalDurationKey = (typeof RENTAL_DURATIONS)[number];

export function isKnownDuration(duration: string): duration is RentalDurationKey {
  return (RENTAL_DURATIONS as readonly string[]).includes(duration);
}

/** Messages the user has not seen yet (those past `seen`). */
export function unseenCount(rental: Pick<Rental, 'messages' | 'seen'>): number {
  return Math.max(0, rental.messages.length - rental.seen);
}

export function hasEnded(rental: Pick<Rental, 'endsAt'>, now: number): boolean {
  const end = Date.parse(rental.endsAt);
  return !Number.isNaN(end) && end <= now;
}

/** Running rentals first (ending soonest first), then ended ones (most recent first). */
export function sortRentals<T extends Pick<Rental, 'endsAt'>>(rentals: readonly T[], now: number): T[] {
  const end = (r: T) => {
    const t = Date.parse(r.endsAt);
    return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  };
  return [...rentals].sort((a, b) => {
    const ea = hasEnded(a, now) ? 1 : 0;
    const eb = hasEnded(b, now) ? 1 : 0;
    if (ea !== eb) return ea - eb;
    return ea === 0 ? end(a) - end(b) : end(b) - end(a);
  });
}

export interface InboxEntry<M> {
  message: M;
  /** Not seen before the inbox was opened this time. */
  isNew: boolean;
}

/**
 * The inbox newest first, marking as new every message past `seenBefore` (the count the user had
 * seen before opening it). Messages are stored in arrival order; the `at` time, when present,
 * decides instead.
 */
export function inboxEntries<M extends { at: string | null }>(messages: readonly M[], seenBefore: number): InboxEntry<M>[] {
  const indexed = messages.map((message, index) => ({ message, index, isNew: index >= seenBefore }));
  const time = (m: M) => (m.at ? Date.parse(m.at) : Number.NaN);
  indexed.sort((a, b) => {
    const ta = time(a.message);
    const tb = time(b.message);
    if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return tb - ta;
    return b.index - a.index;
  });
  return indexed.map(({ message, isNew }) => ({ message, isNew }));
}
