import type { CountryOffer, NumPoolClient, OrderSummary } from '../../numpool/client';
import { NumPoolError } from '../../numpool/errors';
import { nextOrderState } from '../../numpool/status';
import type { FillTarget, Order, Settings } from '../../state/schema';
import { chooseOffer } from '../account/catalog';
import type { EngineContext } from '../context';
import { EngineError } from '../errors';
import { guardRefusal, moneyText, spentToday } from './guards';
import { addOrder, findOrder, newOrder, recordSpend } from './orders';
import { resolveUncertainOrders } from './reconcile';

export interface BuyRequest {
  service: string;
  /** Null: the default country if in stock, else the cheapest. */
  country: number | null;
  operator?: string;
  fillTarget: FillTarget | null;
  /** The price the user agreed to: the most this purchase may cost (a page button shows the price first; the window asks at it). */
  confirmedPrice?: number;
}

/** Prices this recent are used for the guards without asking again (a buy costs no extra request). */
export const PRICE_MAX_AGE_MS = 60_000;

/**
 * A second identical buy this soon after the first finished gets the first's order: a double click
 * whose first request was quick. Longer, and a deliberate second purchase would be swallowed.
 */
export const DEDUPE_WINDOW_MS = 1_500;

/**
 * Buying a number without ever paying twice: identical purchases in flight share one request,
 * a repeat right after gets the same order, and an ambiguous failure is looked up in
 * `GET /orders` before the user is told anything or anything is bought again.
 */
export class Purchases {
  private readonly inFlight = new Map<string, Promise<Order>>();
  /** The last purchase of each kind, for a double click whose first request was quick. */
  private readonly justBought = new Map<string, { order: Order; at: number }>();
  /** Purchases not yet checked for a copy the browser sent (see `checkForBrowserCopies`). */
  private readonly unverified = new Map<string, Order>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly onBought: (order: Order) => void,
    /** Cancels an order for its refund (the auto-cancel path). */
    private readonly cancel: (orderId: string) => Promise<unknown>,
    /** Whether polling reads the order list (which then also serves the check for copies the browser re-sent). */
    private readonly pollsOrderList: () => boolean,
  ) {}

  buy(request: BuyRequest): Promise<Order> {
    const key = `${request.service}|${request.country ?? 'auto'}|${request.operator ?? ''}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const last = this.justBought.get(key);
    if (last && this.ctx.now() - last.at < DEDUPE_WINDOW_MS) return this.unlessUsed(last.order, request);
    const purchase = this.send(request)
      .then((order) => {
        this.justBought.set(key, { order, at: this.ctx.now() });
        this.onBought(order);
        return order;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, purchase);
    return purchase;
  }

  /** The order just bought again, unless it already has its code: then the user wants a new number. */
  private async unlessUsed(order: Order, request: BuyRequest): Promise<Order> {
    const current = findOrder(await this.ctx.store.read(), order.orderId);
    if (current && current.state === 'waiting') return current;
    this.justBought.clear();
    return this.buy(request);
  }

  /** One purchase, step by step. */
  private async send(request: BuyRequest): Promise<Order> {
    const client = await this.ctx.account.client();
    await this.resolveEarlierUncertainty(client);
    const settings = await this.ctx.settings();
    const offer = await this.quote(client, request, settings);
    await this.checkGuards(offer, request, settings);
    const order = await this.buyOnce(client, request, offer, settings);
    this.checkForBrowserCopies(order);
    await this.rememberService(request.service);
    await this.refundIfOverLimit(order, offer.currency, request, settings);
    return order;
  }

  /** Nothing new is bought while an earlier purchase may still exist unseen. */
  private async resolveEarlierUncertainty(client: NumPoolClient): Promise<void> {
    if ((await this.ctx.store.read()).uncertain.length === 0) return;
    const outcomes = await resolveUncertainOrders(this.ctx, client);
    if ([...outcomes.values()].some((o) => o.kind === 'unknown')) {
      throw new EngineError('uncertain', 'errorEarlierUncertain');
    }
  }

  /**
   * The offer to buy: the country asked for (0 is a country like any other), or the default
   * country if in stock, else the cheapest. A recent price is enough here: what was really
   * charged is checked again after the purchase.
   */
  private async quote(client: NumPoolClient, request: BuyRequest, settings: Settings): Promise<CountryOffer> {
    const offers = await this.ctx.catalog.offers(client, request.service, { maxAgeMs: PRICE_MAX_AGE_MS });
    const offer = request.country === null ? chooseOffer(offers, settings.defaultCountry) : offers.find((o) => o.id === request.country);
    if (!offer || offer.stock <= 0) throw new EngineError('invalid-input', 'errorNoStock');
    return offer;
  }

  /** The price the page showed, the maximum per number and the daily cap, before anything is spent. */
  private async checkGuards({ price, currency }: CountryOffer, request: BuyRequest, settings: Settings): Promise<void> {
    if (request.confirmedPrice !== undefined && price > request.confirmedPrice + 1e-9) {
      throw new EngineError('guard', 'errorPriceChanged', [moneyText(price, currency)]);
    }
    const refusal = guardRefusal(price, currency, settings, spentToday((await this.ctx.store.read()).spending, this.ctx.now()));
    if (refusal) throw new EngineError('guard', refusal.key, refusal.params, 'options');
  }

  /**
   * `POST /buy`, sent once. Written down as uncertain first: if the worker dies mid-request, the
   * next start still looks for this purchase. An answer lost on the way is looked up before
   * anything is said; a clear refusal forgets the uncertainty (nothing was charged).
   */
  private async buyOnce(client: NumPoolClient, request: BuyRequest, offer: CountryOffer, settings: Settings): Promise<Order> {
    const sentAt = this.ctx.now();
    const known = (await this.ctx.store.read()).orders.map((o) => o.orderId);
    await this.ctx.store.update((s) => ({
      ...s,
      uncertain: [...s.uncertain, { service: request.service, country: offer.id, sentAt, fillTarget: request.fillTarget, knownIds: known }],
    }));
    let bought;
    try {
      bought = await client.buy({ service: request.service, country: offer.id, operator: request.operator }, { priority: 'user' });
    } catch (error) {
      if (error instanceof NumPoolError && error.outcomeUnknown) return this.afterAmbiguousFailure(client, sentAt);
      await this.ctx.store.update((s) => ({ ...s, uncertain: s.uncertain.filter((u) => u.sentAt !== sentAt) }));
      throw error;
    }
    const order = newOrder({
      ...bought,
      // A word we do not know in the answer: the order was just bought, so it waits.
      state: nextOrderState('waiting', bought.state, false),
      service: request.service,
      country: offer.id,
      now: this.ctx.now(),
      autoCancelAfterMs: settings.autoCancel ? settings.autoCancelAfterMin * 60_000 : null,
      fillTarget: request.fillTarget,
    });
    await this.ctx.store.update((s) =>
      recordSpend(addOrder({ ...s, uncertain: s.uncertain.filter((u) => u.sentAt !== sentAt) }, order), order.cost, this.ctx.now()),
    );
    return order;
  }

  /** The request may have charged: look before saying anything. */
  private async afterAmbiguousFailure(client: NumPoolClient, sentAt: number): Promise<Order> {
    const outcome = (await resolveUncertainOrders(this.ctx, client)).get(sentAt);
    if (outcome?.kind === 'found') return outcome.order;
    if (outcome?.kind === 'absent') {
      throw new EngineError('not-found', 'errorPurchaseAbsent');
    }
    throw new EngineError('uncertain', 'errorPurchaseUncertain');
  }

  /**
   * Chromium re-sends a request by itself, POST included, when a reused keep-alive connection
   * closes before any answer; the first copy may already have charged. So each purchase is checked
   * once against the order list: the poll that follows reads it anyway, else one request of our own.
   */
  private checkForBrowserCopies(order: Order): void {
    this.unverified.set(order.orderId, order);
    if (this.pollsOrderList()) return;
    void (async () => {
      const client = await this.ctx.account.client();
      await this.cancelBrowserCopies((await client.orders({ limit: 10 }, { priority: 'user' })).items);
    })().catch(this.ctx.diagnostics.catcher('checking for copies the browser re-sent'));
  }

  /**
   * Looks for copies of recent purchases in an order list: one of the same service and country,
   * created within seconds of ours, unknown to us and still waiting, is cancelled for its refund
   * (auto-cancel's path, which also handles "too early").
   */
  async cancelBrowserCopies(items: readonly OrderSummary[]): Promise<void> {
    if (this.unverified.size === 0) return;
    const now = this.ctx.now();
    const known = new Set((await this.ctx.store.read()).orders.map((o) => o.orderId));
    // A copy is our order under another id: same service and country, its own number and cost.
    const copies: Order[] = [];
    for (const [orderId, order] of this.unverified) {
      if (!items.some((i) => i.orderId === orderId)) {
        // Not on this page of the list (yet): try the next one, for a while.
        if (now - order.createdAt > BROWSER_COPY_CHECK_MS) this.unverified.delete(orderId);
        continue;
      }
      this.unverified.delete(orderId);
      for (const d of findBrowserCopies(order, items, known)) {
        const copy = newOrder({
          ...order,
          orderId: d.orderId,
          number: d.number ?? order.number,
          cost: d.cost ?? order.cost,
          state: 'waiting',
          rawStatus: d.rawStatus ?? 'pending',
          now,
          autoCancelAfterMs: 0,
          fillTarget: null,
        });
        copies.push({ ...copy, dismissed: true });
      }
    }
    if (copies.length === 0) return;
    await this.ctx.store.update((s) => copies.reduce((next, copy) => recordSpend(addOrder(next, copy), copy.cost, now), s));
    for (const copy of copies) await this.cancel(copy.orderId);
  }

  /** The service goes first in the popup's "recent" list. Not worth failing a purchase over. */
  private async rememberService(service: string): Promise<void> {
    await this.ctx
      .updateSettings((s) => ({
        ...s,
        recentServices: [service, ...s.recentServices.filter((x) => x !== service)].slice(0, RECENT_SERVICES),
      }))
      .catch(this.ctx.diagnostics.catcher('remembering the service'));
  }

  /** The price rose between the quote and the purchase, past what the user allowed: the money goes back at once. */
  private async refundIfOverLimit(order: Order, currency: string, request: BuyRequest, settings: Settings): Promise<void> {
    const limit = Math.min(request.confirmedPrice ?? Infinity, settings.maxPricePerNumber ?? Infinity);
    if (order.cost <= limit + 1e-9) return;
    await this.cancel(order.orderId);
    throw new EngineError('guard', 'errorChargedMore', [moneyText(order.cost, currency), moneyText(limit, currency)]);
  }
}

/** How many services the popup's "recent" list keeps. */
export const RECENT_SERVICES = 8;

/** Two copies of one request reach the server within this time of each other. */
export const BROWSER_COPY_WINDOW_MS = 10_000;
/** A purchase not seen in any order list for this long is no longer checked. */
export const BROWSER_COPY_CHECK_MS = 60_000;

/**
 * Orders that are copies of `order` sent by the browser: listed right after it (the list is newest
 * first), same service and country, unknown to us, still waiting, and, when the server gives
 * times, created within seconds of it by the server's own clock.
 */
export function findBrowserCopies(order: Order, items: readonly OrderSummary[], known: ReadonlySet<string>): OrderSummary[] {
  const index = items.findIndex((o) => o.orderId === order.orderId);
  if (index < 0) return [];
  const ours = items[index]!;
  const oursAt = ours.createdAt ? Date.parse(ours.createdAt) : null;
  const copies: OrderSummary[] = [];
  for (const item of items.slice(index + 1)) {
    const itemAt = item.createdAt ? Date.parse(item.createdAt) : null;
    const close = oursAt === null || itemAt === null || Math.abs(oursAt - itemAt) <= BROWSER_COPY_WINDOW_MS;
    const same = item.service === order.service && (item.country === null || Number(item.country) === order.country);
    if (known.has(item.orderId) || !same || !close || item.state !== 'waiting') break;
    copies.push(item);
  }
  return copies;
}
