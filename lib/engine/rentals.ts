import type { CreatedRental, NumPoolClient, RentalDuration, RentalSummary } from '../numpool/client';
import { NumPoolError } from '../numpool/errors';
import type { EngineState, FillTarget, Rental } from '../state/schema';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import { guardRefusal, moneyText, spentToday } from './guards';
import { recordSpend } from './orders';
import { announceRentalMessage } from './announce';
import { text } from '../ui/i18n';

function rentalFrom(created: CreatedRental, service: string): Rental {
  return { rentalId: created.rentalId, service, number: created.number, days: created.days, cost: created.cost, endsAt: created.endsAt, messages: [], seen: 0 };
}

function rentalFromSummary(r: RentalSummary): Rental | null {
  if (!r.number || !r.endsAt) return null;
  return { rentalId: r.rentalId, service: r.service ?? '', number: r.number, days: r.days ?? 1, cost: r.cost ?? 0, endsAt: r.endsAt, messages: [], seen: 0 };
}

export function isActive(rental: Rental, now: number): boolean {
  return Date.parse(rental.endsAt) > now;
}

/** Adds rentals the server has and we do not (bought elsewhere, or before an uncertain answer). */
export function mergeRentals(state: EngineState, summaries: readonly RentalSummary[]): EngineState {
  const known = new Set(state.rentals.map((r) => r.rentalId));
  const added = summaries.filter((r) => !known.has(r.rentalId)).map(rentalFromSummary).filter((r): r is Rental => r !== null);
  return added.length === 0 ? state : { ...state, rentals: [...added, ...state.rentals] };
}

/**
 * Rents a number. Non-refundable, so: the price is checked against what the user confirmed, the
 * request is sent once, and an ambiguous failure is looked up in `GET /rentals` before anything else.
 */
export async function createRental(ctx: EngineContext, request: { service: string; duration: RentalDuration; confirmedPrice: number }): Promise<Rental> {
  const client = await ctx.account.client();
  const prices = await client.rentalPrices(request.service, { priority: 'user' });
  const price = prices.durations.find((d) => d.duration === request.duration)?.price;
  if (price === undefined) throw new EngineError('invalid-input', 'errorRentalDuration');
  // Rental prices come without a currency: the wallet's.
  const currency = (await ctx.store.read()).balance?.currency ?? 'USD';
  if (Math.abs(price - request.confirmedPrice) > 1e-9) throw new EngineError('guard', 'errorRentalPriceChanged', [moneyText(price, currency)]);
  const state = await ctx.store.read();
  // The per-number maximum is about one-code numbers; the daily cap covers every spend.
  const refusal = guardRefusal(price, currency, { maxPricePerNumber: null, dailySpendCap: (await ctx.settings()).dailySpendCap }, spentToday(state.spending, ctx.now()));
  if (refusal) throw new EngineError('guard', refusal.key, refusal.params, 'options');

  const knownIds = state.rentals.map((r) => r.rentalId);
  try {
    const created = await client.createRental({ service: request.service, duration: request.duration }, { priority: 'user' });
    const rental = rentalFrom(created, request.service);
    await ctx.store.update((s) => recordSpend({ ...s, rentals: [rental, ...s.rentals] }, rental.cost, ctx.now()));
    return rental;
  } catch (error) {
    if (!(error instanceof NumPoolError) || !error.outcomeUnknown) throw error;
    const found = await findNewRental(ctx, client, knownIds, request.service);
    if (found === 'unreachable') throw new EngineError('uncertain', 'errorRentalUncertain');
    if (!found) throw new EngineError('not-found', 'errorRentalAbsent');
    await ctx.store.update((s) => recordSpend({ ...s, rentals: [found, ...s.rentals] }, found.cost, ctx.now()));
    return found;
  }
}

async function findNewRental(ctx: EngineContext, client: NumPoolClient, knownIds: readonly string[], service: string): Promise<Rental | null | 'unreachable'> {
  try {
    const list = await client.rentals({ priority: 'user' });
    const fresh = list.find((r) => !knownIds.includes(r.rentalId) && (r.service === null || r.service === service));
    return fresh ? rentalFromSummary(fresh) : null;
  } catch (error) {
    ctx.diagnostics.error('looking for a rental', error);
    return 'unreachable';
  }
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
      latest = { ...r, messages: inbox.messages.map((m) => ({ from: m.from ?? null, body: m.body, code: m.code ?? null, at: m.at ?? null })) };
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
    await ctx.platform.sendToTab(tabId, { frameId }, { np: 1, event: 'code.ready', orderId: rentalId }).catch(ctx.diagnostics.catcher('telling the tab a rental code came'));
  }
  if (added > 0 && latest && (priority === 'background' || fillAnswered)) await announceRentalMessage(ctx, latest.number, latest.messages[0]?.body ?? '');
  return added;
}

/** After its number was filled into a page, a rental's inbox is watched this closely for the code. */
export const RENTAL_FILL_WATCH_MS = 10 * 60_000;

/** The rental's number went into a page and no code has come back for it yet (for a while). */
export function isFillOpen(rental: Rental, now: number): boolean {
  return rental.fill !== undefined && rental.fill.codeAt === undefined && now - rental.fill.since < RENTAL_FILL_WATCH_MS && isActive(rental, now);
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
  const stamps = ((await ctx.platform.session.get(RENTAL_CHECKS_KEY))[RENTAL_CHECKS_KEY] ?? {}) as Record<string, number>;
  for (const rental of await activeRentals(ctx)) {
    if (now - (stamps[rental.rentalId] ?? 0) < RENTAL_CHECK_MS - 5_000) continue;
    stamps[rental.rentalId] = now;
    await refreshInbox(ctx, rental.rentalId, 'background').catch(ctx.diagnostics.catcher('reading a rental inbox'));
  }
  await ctx.platform.session.set({ [RENTAL_CHECKS_KEY]: stamps });
  await warnOfEndingRentals(ctx);
}

/** A rental that ends within this long is announced once. */
export const RENTAL_ENDING_NOTICE_MS = 24 * 60 * 60_000;

/** A day before a rental ends, a notification says so (once per rental). */
async function warnOfEndingRentals(ctx: EngineContext): Promise<void> {
  const now = ctx.now();
  const ending = (await ctx.store.read()).rentals.filter((r) => isActive(r, now) && !r.endingNotified && Date.parse(r.endsAt) - now <= RENTAL_ENDING_NOTICE_MS);
  if (ending.length === 0) return;
  const ids = new Set(ending.map((r) => r.rentalId));
  await ctx.store.update((s) => ({ ...s, rentals: s.rentals.map((r) => (ids.has(r.rentalId) ? { ...r, endingNotified: true } : r)) }));
  if (!(await ctx.settings()).notifications) return;
  for (const rental of ending) {
    const hours = Math.max(1, Math.round((Date.parse(rental.endsAt) - now) / 3_600_000));
    await ctx.platform.notify(`rental-ending-${rental.rentalId}`, text('notifyRentalEndingTitle', rental.number), text('notifyRentalEndingBody', hours)).catch(ctx.diagnostics.catcher('announcing a rental ending'));
  }
}

const RENTAL_CHECKS_KEY = 'rentalChecks';
