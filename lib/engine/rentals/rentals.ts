import type { RentalSummary } from '../../numpool/client';
import type { EngineState, FillTarget, Rental } from '../../state/schema';
import type { EngineContext } from '../context';
import { recordSpend } from '../orders/orders';
import { announceRentalMessage } from '../polling/announce';
import { notify } from '../notify';
import { text } from '../../i18n/i18n';
import { ITEMS } from '../stored-items';

/** A rental as the extension keeps it, from what `GET /rentals` says (null: too little to use). */
export function rentalFromSummary(r: RentalSummary, service: string | null = null): Rental | null {
  if (!r.number || !r.endsAt) return null;
  return {
    rentalId: r.rentalId,
    service: r.service ?? service ?? '',
    number: r.number,
    days: r.days ?? 1,
    cost: r.cost ?? 0,
    endsAt: r.endsAt,
    messages: [],
    seen: 0,
  };
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * When a listed rental was charged, for the daily cap: its creation time, else its end less its
 * days, else now. A rental bought days ago must not count against today.
 */
export function rentalChargedAt(r: RentalSummary, now: number): number {
  const created = r.createdAt ? Date.parse(r.createdAt) : NaN;
  if (!Number.isNaN(created)) return created;
  const ends = r.endsAt ? Date.parse(r.endsAt) : NaN;
  if (!Number.isNaN(ends) && r.days) return ends - r.days * DAY_MS;
  return now;
}

export function isActive(rental: Rental, now: number): boolean {
  return Date.parse(rental.endsAt) > now;
}

/**
 * The one way a rental joins the state: added and charged to the day's spending together, once.
 * A rental already known is left as it is (whichever path saw it first counted it).
 */
export function adoptRental(state: EngineState, rental: Rental, chargedAt: number): EngineState {
  if (state.rentals.some((r) => r.rentalId === rental.rentalId)) return state;
  return recordSpend({ ...state, rentals: [rental, ...state.rentals] }, rental.cost, chargedAt);
}

/**
 * Adds rentals the server has and we do not (bought elsewhere, or before an uncertain answer),
 * each counted in the spending of the day it was charged, so the daily cap sees every rental.
 */
export function mergeRentals(state: EngineState, summaries: readonly RentalSummary[], now: number): EngineState {
  return summaries.reduce((next, summary) => {
    const rental = rentalFromSummary(summary);
    return rental ? adoptRental(next, rental, rentalChargedAt(summary, now)) : next;
  }, state);
}

/** Reads one inbox and stores it; returns how many messages are new since the last read. */
export async function refreshInbox(ctx: EngineContext, rentalId: string, priority: 'user' | 'background'): Promise<number> {
  const client = await ctx.account.client();
  const inbox = await client.rentalInbox(rentalId, { priority });
  let added = 0;
  let latest: Rental | undefined;
  let fillAnswered = false;
  await ctx.store.update((s) => ({
    ...s,
    rentals: s.rentals.map((r) => {
      if (r.rentalId !== rentalId) return r;
      added = Math.max(0, inbox.messages.length - r.messages.length);
      latest = {
        ...r,
        messages: inbox.messages.map((m) => ({ from: m.from ?? null, body: m.body, code: m.code ?? null, at: m.at ?? null })),
      };
      // The first message after the number was filled into a page goes into that page's code field.
      if (added > 0 && isFillOpen(r, ctx.now()) && latest.messages[0]?.code) {
        latest = { ...latest, fill: { ...r.fill!, codeAt: ctx.now() } };
        fillAnswered = true;
      }
      return latest;
    }),
  }));
  if (fillAnswered && latest?.fill) {
    const { tabId, frameId } = latest.fill.target;
    await ctx.platform
      .sendToTab(tabId, { frameId }, { np: 1, event: 'rentalCode.ready', rentalId })
      .catch(ctx.diagnostics.catcher('telling the tab a rental code came'));
  }
  if (added > 0 && latest && (priority === 'background' || fillAnswered))
    await announceRentalMessage(ctx, latest.number, latest.messages[0]?.body ?? '');
  return added;
}

/** After its number was filled into a page, a rental's inbox is watched this closely for the code. */
export const RENTAL_FILL_WATCH_MS = 10 * 60_000;

/** The rental's number went into a page and no code has come back for it yet (for a while). */
export function isFillOpen(rental: Rental, now: number): boolean {
  return (
    rental.fill !== undefined && rental.fill.codeAt === undefined && now - rental.fill.since < RENTAL_FILL_WATCH_MS && isActive(rental, now)
  );
}

/** Rentals whose inbox is watched closely now: their number was just filled into a page. */
export function rentalsAwaitingCode(state: EngineState, now: number): Rental[] {
  return state.rentals.filter((r) => isFillOpen(r, now));
}

/**
 * The user's active rental for a verification service, if any: rental services are named by
 * their own ids (`discord`), verification services by id and name (`ds`, "Discord").
 */
export function rentalForService(state: EngineState, service: { id: string; name: string }, now: number): Rental | null {
  const key = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  const names = new Set([key(service.id), key(service.name)]);
  return state.rentals.find((r) => isActive(r, now) && names.has(key(r.service))) ?? null;
}

/** A rental's number was filled into this page: its next message is this page's code. */
export function noteRentalFill(state: EngineState, rentalId: string, target: FillTarget, now: number): EngineState {
  return { ...state, rentals: state.rentals.map((r) => (r.rentalId === rentalId ? { ...r, fill: { target, since: now } } : r)) };
}

/** Rentals whose inbox is watched: every active one (with a key to read it). */
export async function activeRentals(ctx: EngineContext): Promise<Rental[]> {
  if (!(await ctx.account.hasKey())) return [];
  const now = ctx.now();
  return (await ctx.store.read()).rentals.filter((r) => isActive(r, now));
}

/** Rentals change rarely and cost the same requests: an active inbox is checked once a minute. */
export const RENTAL_CHECK_MS = 60_000;

/**
 * The slow cadence for rental inboxes, run from the 30 s alarm (no timer chain): each active
 * rental is read about once a minute; the last check time lives in session storage.
 */
export async function checkRentalInboxes(ctx: EngineContext): Promise<void> {
  const now = ctx.now();
  const checks = ITEMS.rentalChecks.in(ctx.platform);
  const stamps = { ...(await checks.getValue()) };
  for (const rental of await activeRentals(ctx)) {
    if (now - (stamps[rental.rentalId] ?? 0) < RENTAL_CHECK_MS - 5_000) continue;
    stamps[rental.rentalId] = now;
    await refreshInbox(ctx, rental.rentalId, 'background').catch(ctx.diagnostics.catcher('reading a rental inbox'));
  }
  await checks.setValue(stamps);
  await warnOfEndingRentals(ctx);
}

/** A rental that ends within this long is announced once. */
export const RENTAL_ENDING_NOTICE_MS = 24 * 60 * 60_000;

/** A day before a rental ends, a notification says so (once per rental). */
async function warnOfEndingRentals(ctx: EngineContext): Promise<void> {
  const now = ctx.now();
  const ending = (await ctx.store.read()).rentals.filter(
    (r) => isActive(r, now) && !r.endingNotified && Date.parse(r.endsAt) - now <= RENTAL_ENDING_NOTICE_MS,
  );
  if (ending.length === 0) return;
  const ids = new Set(ending.map((r) => r.rentalId));
  await ctx.store.update((s) => ({ ...s, rentals: s.rentals.map((r) => (ids.has(r.rentalId) ? { ...r, endingNotified: true } : r)) }));
  if (!(await ctx.settings()).notifications) return;
  for (const rental of ending) {
    const hours = Math.max(1, Math.round((Date.parse(rental.endsAt) - now) / 3_600_000));
    await notify(
      ctx,
      `rental-ending-${rental.rentalId}`,
      text('notifyRentalEndingTitle', rental.number),
      text('notifyRentalEndingBody', hours),
    );
  }
}
