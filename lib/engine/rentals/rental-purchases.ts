import type { CreatedRental, NumPoolClient, RentalDuration, RentalSummary } from '../../numpool/client';
import { NumPoolError } from '../../numpool/errors';
import type { EngineState, Rental, UncertainRental } from '../../state/schema';
import type { EngineContext } from '../context';
import { EngineError } from '../errors';
import { guardRefusal, moneyText, spentToday } from '../orders/guards';
import { SKEW_MS } from '../orders/reconcile';
import { BROWSER_COPY_WINDOW_MS } from '../orders/purchases';
import { adoptRental, mergeRentals, rentalChargedAt, rentalFromSummary } from './rentals';

/**
 * Renting a number under the money rules of numbers: the price checked against what the user
 * confirmed and the daily cap, written down as uncertain before `POST /rentals`, sent once (never
 * retried), and an answer lost on the way looked up in `GET /rentals` before anything is said or
 * another rental is sent. Every rental is counted once in the day's spending (`adoptRental`).
 */
export async function createRental(
  ctx: EngineContext,
  request: { service: string; duration: RentalDuration; confirmedPrice: number },
): Promise<Rental> {
  const client = await ctx.account.client();
  await resolveEarlierUncertainty(ctx, client);
  const prices = await client.rentalPrices(request.service, { priority: 'user' });
  const price = prices.durations.find((d) => d.duration === request.duration)?.price;
  if (price === undefined) throw new EngineError('invalid-input', 'errorRentalDuration');
  // Rental prices come without a currency: the wallet's.
  const currency = (await ctx.store.read()).balance?.currency ?? 'USD';
  if (Math.abs(price - request.confirmedPrice) > 1e-9)
    throw new EngineError('guard', 'errorRentalPriceChanged', [moneyText(price, currency)]);
  // The per-number maximum is about one-code numbers; the daily cap covers every spend.
  const refusal = guardRefusal(
    price,
    currency,
    { maxPricePerNumber: null, dailySpendCap: (await ctx.settings()).dailySpendCap },
    spentToday((await ctx.store.read()).spending, ctx.now()),
  );
  if (refusal) throw new EngineError('guard', refusal.key, refusal.params, 'options');

  // Written down first: a worker stopped mid-request still looks for this rental at its next start.
  const sentAt = ctx.now();
  await ctx.store.update((s) => ({
    ...s,
    uncertainRentals: [
      ...s.uncertainRentals,
      { service: request.service, duration: request.duration, sentAt, knownIds: s.rentals.map((r) => r.rentalId) },
    ],
  }));
  let created: CreatedRental;
  try {
    created = await client.createRental({ service: request.service, duration: request.duration }, { priority: 'user' });
  } catch (error) {
    if (error instanceof NumPoolError && error.outcomeUnknown) return afterAmbiguousFailure(ctx, client, sentAt);
    // A clear refusal: nothing was charged.
    await ctx.store.update((s) => forget(s, sentAt));
    throw error;
  }
  const rental: Rental = {
    rentalId: created.rentalId,
    service: request.service,
    number: created.number,
    days: created.days,
    cost: created.cost,
    endsAt: created.endsAt,
    messages: [],
    seen: 0,
  };
  const sent = (await ctx.store.read()).uncertainRentals.find((u) => u.sentAt === sentAt);
  const stored = await ctx.store.update((s) => {
    const next = adoptRental(forget(s, sentAt), rental, ctx.now());
    return [next, next.rentals.find((r) => r.rentalId === rental.rentalId) ?? rental] as const;
  });
  if (sent) await adoptBrowserCopies(ctx, client, sent, rental.rentalId);
  return stored;
}

/**
 * Chromium re-sends a POST by itself when a reused connection closes before any answer (see
 * `Purchases.checkForBrowserCopies`); the first copy may already have charged. A number's copy
 * is cancelled for its refund; a rental cannot be refunded, so its copy is at least adopted and
 * counted (the popup lists it, the daily cap sees it) and logged, never hidden. One `GET /rentals`
 * per rental made.
 */
async function adoptBrowserCopies(ctx: EngineContext, client: NumPoolClient, sent: UncertainRental, ours: string): Promise<void> {
  try {
    const items = await client.rentals({ priority: 'user' });
    const copies = items.filter(
      (r) =>
        r.rentalId !== ours &&
        matchUncertainRental(sent, [r], new Set()) !== null &&
        (r.createdAt === null || Date.parse(r.createdAt) - sent.sentAt < BROWSER_COPY_WINDOW_MS),
    );
    if (copies.length > 0)
      ctx.diagnostics.error('a rental the browser sent twice (not refundable: adopted)', new Error(`${copies.length} copy`));
    await ctx.store.update((s) => mergeRentals(s, items, ctx.now()));
  } catch (error) {
    ctx.diagnostics.error('checking for a copy of a rental', error);
  }
}

/** The request may have charged: look before saying anything. */
async function afterAmbiguousFailure(ctx: EngineContext, client: NumPoolClient, sentAt: number): Promise<Rental> {
  const outcome = (await resolveUncertainRentals(ctx, client)).get(sentAt);
  if (outcome?.kind === 'found') return outcome.rental;
  if (outcome?.kind === 'absent') throw new EngineError('not-found', 'errorRentalAbsent');
  throw new EngineError('uncertain', 'errorRentalUncertain');
}

/** No rental is sent while an earlier one may exist unseen. */
async function resolveEarlierUncertainty(ctx: EngineContext, client: NumPoolClient): Promise<void> {
  if ((await ctx.store.read()).uncertainRentals.length === 0) return;
  const outcomes = await resolveUncertainRentals(ctx, client);
  if ([...outcomes.values()].some((o) => o.kind === 'unknown')) throw new EngineError('uncertain', 'errorEarlierUncertain');
}

function forget(state: EngineState, sentAt: number): EngineState {
  return { ...state, uncertainRentals: state.uncertainRentals.filter((u) => u.sentAt !== sentAt) };
}

/**
 * The rental an uncertain request produced, if any: one the extension did not know when it was
 * sent (nor took for an earlier one), of the same service, created after it was sent.
 */
export function matchUncertainRental(
  sent: UncertainRental,
  items: readonly RentalSummary[],
  taken: ReadonlySet<string>,
): RentalSummary | null {
  const known = new Set(sent.knownIds);
  return (
    items.find(
      (r) =>
        !known.has(r.rentalId) &&
        !taken.has(r.rentalId) &&
        (r.service === null || r.service === sent.service) &&
        (r.createdAt === null || Date.parse(r.createdAt) >= sent.sentAt - SKEW_MS),
    ) ?? null
  );
}

export type UncertainRentalOutcome = { kind: 'found'; rental: Rental } | { kind: 'absent' } | { kind: 'unknown' };

/**
 * Settles uncertain rentals against `GET /rentals` (`fetched` when the caller has the list): a
 * found rental is adopted and counted once, an absent one forgotten (nothing was charged), and
 * when the list cannot be had the uncertainty stays for the next try.
 */
export async function resolveUncertainRentals(
  ctx: EngineContext,
  client: NumPoolClient,
  fetched?: readonly RentalSummary[],
): Promise<Map<number, UncertainRentalOutcome>> {
  const outcomes = new Map<number, UncertainRentalOutcome>();
  const pending = (await ctx.store.read()).uncertainRentals;
  if (pending.length === 0) return outcomes;
  let items: readonly RentalSummary[];
  try {
    items = fetched ?? (await client.rentals({ priority: 'user' }));
  } catch (error) {
    ctx.diagnostics.error('checking an uncertain rental', error);
    for (const p of pending) outcomes.set(p.sentAt, { kind: 'unknown' });
    return outcomes;
  }
  const taken = new Set<string>();
  const adopted: { rental: Rental; chargedAt: number }[] = [];
  for (const sent of pending) {
    const match = matchUncertainRental(sent, items, taken);
    if (!match) {
      outcomes.set(sent.sentAt, { kind: 'absent' });
      continue;
    }
    const rental = rentalFromSummary(match, sent.service);
    // It exists (and was charged) but the list does not give its number: ask again later.
    if (!rental) {
      outcomes.set(sent.sentAt, { kind: 'unknown' });
      continue;
    }
    taken.add(rental.rentalId);
    adopted.push({ rental, chargedAt: rentalChargedAt(match, ctx.now()) });
    outcomes.set(sent.sentAt, { kind: 'found', rental });
  }
  await ctx.store.update((state) =>
    adopted.reduce((next, { rental, chargedAt }) => adoptRental(next, rental, chargedAt), {
      ...state,
      uncertainRentals: state.uncertainRentals.filter((u) => (outcomes.get(u.sentAt)?.kind ?? 'unknown') === 'unknown'),
    }),
  );
  return outcomes;
}
