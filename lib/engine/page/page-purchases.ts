import type { CountryOffer } from '../../numpool/client';
import type { ConfirmReason, ConfirmationView, FieldShape, PageGesture, TabEvent, UsualOffer } from '../../messaging/protocol';
import type { Handlers } from '../../messaging/server';
import { formatNumberForField } from '../../phone/format-for-field';
import { offersForField } from '../../phone/country-for-field';
import type { Order } from '../../state/schema';
import { chooseOffer } from '../account/catalog';
import type { EngineContext } from '../context';
import { EngineError, errorText } from '../errors';
import { text } from '../../i18n/i18n';
import { actsForTopPage, fillTargetFor, isAutofillOn, registrableDomain, siteOf, type PageFrame } from './page-site';
import { CONFIRMATION_TTL_MS, type PageSession, type PurchaseIntent } from './page-session';
import { serial } from '../serial';
import { PRICE_MAX_AGE_MS, type Purchases } from '../orders/purchases';
import { serviceForPage } from './page-service';
import { noteRentalFill, rentalForService } from '../rentals/rentals';

/**
 * A second purchase asked for by the pages of one site (any tab, any frame) this soon is asked
 * about first (a "clicking game"); counted from the ask, not from the purchase's end.
 */
export const REPEAT_WINDOW_MS = 5 * 60_000;
/**
 * A page picks the country through its country control, so it picks the price. A choice dearer
 * than the user's usual one (default country, else the cheapest) by more than this is asked
 * about first. In the API's currency; prices are cents to about 2 in practice.
 */
export const PAGE_PRICE_MARGIN = 0.5;

/**
 * Why an in-page purchase must be confirmed in an extension window (which a page can neither
 * draw over nor read) instead of going ahead on the click; null when the click is enough.
 */
export function confirmationReason(input: {
  gesture: PageGesture;
  actsForTop: boolean;
  lastPagePurchaseAt: number | null;
  now: number;
  price: number;
  usualPrice: number | null;
}): ConfirmReason | null {
  const { gesture } = input;
  if (!input.actsForTop) return 'other-site-frame';
  // The button and the shortcut act on what the page shows; the menu on what the user right-clicked.
  if (gesture.kind !== 'menu') {
    if (!gesture.seen) return 'not-seen';
    if (input.lastPagePurchaseAt !== null && input.now - input.lastPagePurchaseAt < REPEAT_WINDOW_MS) return 'repeat';
  }
  // The price rose since the button showed it: the user agreed to another price.
  if (gesture.kind === 'button' && input.price > gesture.shownPrice + 1e-9) return 'price';
  if (input.usualPrice !== null && input.price > input.usualPrice + PAGE_PRICE_MARGIN + 1e-9) return 'price';
  return null;
}

/**
 * The usual number a page's choice is dearer than, for the confirmation window to name: null
 * unless the page's offer costs more than the usual one by more than the margin.
 */
export function usualComparison(
  offer: { price: number },
  usual: { id: number; name: string; price: number } | null,
  defaultCountry: number | null,
): UsualOffer | null {
  if (!usual || offer.price <= usual.price + PAGE_PRICE_MARGIN + 1e-9) return null;
  return { countryName: usual.name, price: usual.price, isDefault: usual.id === defaultCountry };
}

/**
 * What one page purchase came to: bought (or a rented number filled) on the gesture, asked in the
 * window (with the rule that asked), refused (with the error's key), or the window's answer. The
 * e2e build records these so tests wait for the decision instead of sleeping; no secret in it.
 */
export interface PageDecision {
  outcome: 'bought' | 'rented' | 'asked' | 'refused' | 'declined';
  /** Why it asked (a ConfirmReason) or refused (the error's key or kind); null otherwise. */
  reason: string | null;
  gesture: PageGesture['kind'] | 'window';
  tabId: number;
  frameId: number;
  host: string | null;
}

/** The reason a refusal records: the locale key of an engine refusal, the kind of an API error. */
function refusalReason(error: unknown): string {
  if (error instanceof EngineError) return error.key;
  const kind = (error as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' ? kind : 'error';
}

export type PageBuyResult =
  | { status: 'bought'; orderId: string; value: string; countryOption?: string }
  | { status: 'rented'; rentalId: string; value: string; countryOption?: string }
  | { status: 'confirming'; requestId: string };

/**
 * Purchases asked for by a page: after a trusted click on the in-field button, the browser's
 * context menu or the keyboard shortcut. Each goes ahead at once only when nothing is in doubt; otherwise the user answers
 * in an extension window. The order remembers the frame, document and site it was bought for.
 */
export class PagePurchases {
  constructor(
    private readonly ctx: EngineContext,
    private readonly purchases: Purchases,
    private readonly pageSession: PageSession,
    /** A rented number went into a page: its inbox is watched closely for the code. */
    private readonly onRentalFilled: () => void,
    /** Each decision, for the e2e build's record; nothing in the build users install. */
    private readonly onDecision: (decision: PageDecision) => void = () => undefined,
  ) {}

  private readonly windowOpenings = serial();

  private decided(
    frame: { tabId: number; frameId: number; host: string | null },
    gesture: PageDecision['gesture'],
    outcome: PageDecision['outcome'],
    reason: string | null = null,
  ): void {
    this.onDecision({ outcome, reason, gesture, tabId: frame.tabId, frameId: frame.frameId, host: frame.host });
  }

  async buy(frame: PageFrame, field: FieldShape, gesture: PageGesture, use?: 'rental' | 'new'): Promise<PageBuyResult> {
    try {
      const result = await this.decideBuy(frame, field, gesture, use);
      // An ask is recorded where it is made, with its reason.
      if (result.status !== 'confirming') this.decided(frame, gesture.kind, result.status);
      return result;
    } catch (error) {
      this.decided(frame, gesture.kind, 'refused', refusalReason(error));
      throw error;
    }
  }

  private async decideBuy(frame: PageFrame, field: FieldShape, gesture: PageGesture, use?: 'rental' | 'new'): Promise<PageBuyResult> {
    const settings = await this.ctx.settings();
    if (gesture.kind === 'button' && !isAutofillOn(settings, frame.host)) throw new EngineError('not-allowed', 'errorAutofillOff');
    // The token proves the browser's own menu or shortcut was used on this tab, once.
    if (gesture.kind !== 'button' && !(await this.pageSession.takeGestureToken(gesture.token, frame.tabId, frame.frameId))) {
      throw new EngineError('not-allowed', 'errorNotAllowed');
    }
    const client = await this.ctx.account.client();
    const services = await this.ctx.catalog.services(client);
    const actsForTop = actsForTopPage(frame, services);
    // Frames of another site never get a button, so a button click cannot come from one.
    if (gesture.kind === 'button' && !actsForTop) throw new EngineError('not-allowed', 'errorNotAllowed');
    // The service of the frame that asks, never of the page around it.
    const service = serviceForPage(frame, services, settings.siteServices);
    if (!service) throw new EngineError('invalid-input', 'errorNoServiceForSite');
    const decide = (price: number, usualPrice: number | null) => (lastPagePurchaseAt: number | null) =>
      confirmationReason({ gesture, actsForTop, lastPagePurchaseAt, now: this.ctx.now(), price, usualPrice });

    if (use !== 'new') {
      const rental = rentalForService(await this.ctx.store.read(), service, this.ctx.now());
      if (rental) {
        // The rented number is free but it is the user's own, with its next code: it follows
        // every rule of a purchase except the price ones.
        const reason = await this.pageSession.notePageAttempt(attemptSites(frame), decide(0, null));
        if (reason)
          return { status: 'confirming', requestId: await this.ask(frame, gesture, service, { rentalId: rental.rentalId }, reason) };
        return this.fillRental(frame, field, rental.rentalId, rental.number);
      }
      if (use === 'rental') throw new EngineError('not-found', 'errorRentalGone');
    }

    const offers = await this.ctx.catalog.offers(client, service.id, { maxAgeMs: PRICE_MAX_AGE_MS });
    // The country the page shows (or offers), else the default or cheapest. None: refuse rather
    // than buy a number of a country the field cannot take.
    const offer = chooseOffer(offersForField(offers, field), settings.defaultCountry);
    if (!offer) throw new EngineError('invalid-input', 'errorNoStockForField');
    // Written down before anything is sent, whatever the answer: a second ask from the site's
    // pages within minutes (another tab, another frame, a purchase still in flight) asks the user.
    const usual = chooseOffer(offers, settings.defaultCountry);
    const reason = await this.pageSession.notePageAttempt(attemptSites(frame), decide(offer.price, usual?.price ?? null));
    if (reason)
      return {
        status: 'confirming',
        requestId: await this.ask(
          frame,
          gesture,
          service,
          { offer, usual: usualComparison(offer, usual, settings.defaultCountry) },
          reason,
        ),
      };

    const order = await this.purchases.buy({
      service: service.id,
      country: offer.id,
      fillTarget: fillTargetFor(frame),
      confirmedPrice: gesture.kind === 'button' ? gesture.shownPrice : offer.price,
    });
    return { status: 'bought', orderId: order.orderId, ...formatNumberForField(order.number, field) };
  }

  /** The user's rented number goes into this frame: its next message is this page's code. */
  private async fillRental(frame: PageFrame, field: FieldShape, rentalId: string, number: string): Promise<PageBuyResult> {
    await this.ctx.store.update((s) => noteRentalFill(s, rentalId, fillTargetFor(frame), this.ctx.now()));
    this.onRentalFilled();
    return { status: 'rented', rentalId, ...formatNumberForField(number, field) };
  }

  /** What the confirmation window shows; null once answered or expired. */
  async describe(id: string): Promise<ConfirmationView | null> {
    const intent = await this.pageSession.intent(id);
    if (!intent) return null;
    const topSite = registrableDomain(intent.topHost);
    const site = registrableDomain(intent.host) ?? intent.host;
    return {
      serviceName: intent.serviceName,
      countryName: intent.countryName,
      price: intent.price,
      currency: intent.currency,
      site,
      topSite: topSite && topSite !== site ? topSite : null,
      reason: intent.reason,
      rental: intent.rentalId !== undefined,
      ...(intent.reason === 'price' && intent.usual ? { usual: intent.usual } : {}),
      expiresAt: intent.createdAt + CONFIRMATION_TTL_MS,
    };
  }

  /**
   * The user's answer. Yes buys at the price shown (or fills the rented number), and the page that
   * asked is told to fetch the number. Either way the window closes as soon as the purchase is
   * under way: the background closes it, which works in every browser.
   */
  async answer(id: string, accept: boolean): Promise<Order | null> {
    const intent = await this.pageSession.intent(id);
    const frame = intent ? { tabId: intent.tabId, frameId: intent.frameId, host: intent.host } : { tabId: -1, frameId: -1, host: null };
    try {
      const order = await this.decideAnswer(id, accept);
      this.decided(frame, 'window', !accept ? 'declined' : intent?.rentalId !== undefined ? 'rented' : 'bought');
      return order;
    } catch (error) {
      this.decided(frame, 'window', 'refused', refusalReason(error));
      throw error;
    }
  }

  private async decideAnswer(id: string, accept: boolean): Promise<Order | null> {
    const intent = await this.pageSession.takeIntent(id);
    const windowId = await this.pageSession.takeConfirmWindow(id);
    const close = () => (windowId !== null ? this.ctx.platform.closeWindow(windowId).catch(() => undefined) : Promise.resolve());
    if (!intent) {
      await close();
      throw new EngineError('not-found', 'errorConfirmExpired');
    }
    if (!accept) {
      await close();
      return null;
    }
    const frame: PageFrame = {
      tabId: intent.tabId,
      frameId: intent.frameId,
      documentId: intent.documentId,
      host: intent.host,
      topHost: intent.topHost,
      scheme: intent.scheme,
      topScheme: intent.topScheme,
    };
    // A yes is an ask of its own: the next click of the site's pages asks again.
    await this.pageSession.notePageAttempt(attemptSites(frame), () => undefined);
    let event: TabEvent;
    let order: Order | null = null;
    if (intent.rentalId !== undefined) {
      await this.ctx.store.update((s) => noteRentalFill(s, intent.rentalId!, fillTargetFor(frame), this.ctx.now()));
      this.onRentalFilled();
      await close();
      event = { np: 1, event: 'rentedNumber.ready', rentalId: intent.rentalId, requestId: id };
    } else {
      const buying = this.purchases.buy({
        service: intent.service,
        country: intent.country,
        fillTarget: fillTargetFor(frame),
        confirmedPrice: intent.price,
      });
      buying.catch(() => undefined); // awaited below; a failure is notified by the handler
      // Under way: nothing is left to ask, so nothing is left to click.
      await close();
      order = await buying;
      event = { np: 1, event: 'number.ready', orderId: order.orderId, requestId: id };
    }
    await this.ctx.platform
      .sendToTab(intent.tabId, { frameId: intent.frameId, documentId: intent.documentId }, event)
      .catch(() => undefined); // the page went away: the number is in the popup
    return order;
  }

  /** Asks in the one confirmation window: reused (and brought to the front) while it is open. */
  private ask(
    frame: PageFrame,
    gesture: PageGesture,
    service: { id: string; name: string },
    what: { offer: CountryOffer; usual: UsualOffer | null } | { rentalId: string },
    reason: ConfirmReason,
  ): Promise<string> {
    const offer = 'offer' in what ? what.offer : null;
    const usual = 'offer' in what ? what.usual : null;
    const intent: PurchaseIntent = {
      tabId: frame.tabId,
      frameId: frame.frameId,
      ...(frame.documentId ? { documentId: frame.documentId } : {}),
      host: frame.host!,
      topHost: frame.topHost,
      scheme: frame.scheme!,
      topScheme: frame.topScheme,
      service: service.id,
      serviceName: service.name,
      country: offer?.id ?? 0,
      countryName: offer?.name ?? '',
      price: offer?.price ?? 0,
      currency: offer?.currency ?? '',
      reason,
      ...('rentalId' in what ? { rentalId: what.rentalId } : {}),
      ...(usual ? { usual } : {}),
      createdAt: this.ctx.now(),
    };
    // One at a time, so three quick clicks cannot each find no window and open three.
    const opened = this.windowOpenings.run(async () => {
      const { id, window } = await this.pageSession.addIntent(intent);
      const path = `/confirm.html?id=${id}`;
      if (window !== null && (await this.ctx.platform.showWindow(window.windowId, path))) return id;
      const windowId = await this.ctx.platform.openWindow(path);
      await this.pageSession.setConfirmWindow(windowId === null ? null : { windowId, intentId: id });
      return id;
    });
    // Recorded once the window shows the question: a test that sees the decision sees the window.
    return opened.then((id) => {
      this.decided(frame, gesture.kind, 'asked', reason);
      return id;
    });
  }
}

/** The sites (scheme + registrable domain) whose pages count as one for the repeat rule: the address bar's and the asking frame's. */
function attemptSites(frame: PageFrame): string[] {
  return [...new Set([siteOf(frame.topScheme, frame.topHost), siteOf(frame.scheme, frame.host)].filter((s): s is string => s !== null))];
}

/** What the confirmation window asks of the background. */
export function confirmHandlers(ctx: EngineContext, pagePurchases: PagePurchases): Pick<Handlers, 'confirm.get' | 'confirm.answer'> {
  return {
    async 'confirm.get'({ id }) {
      const view = await pagePurchases.describe(id);
      if (!view) throw new EngineError('not-found', 'errorConfirmExpired');
      return view;
    },
    async 'confirm.answer'({ id, accept }) {
      try {
        return { order: await pagePurchases.answer(id, accept) };
      } catch (error) {
        // The window may be closed by now: the reason goes to a notification too.
        if (accept) await ctx.platform.notify('buy-failed', text('notifyBuyFailedTitle'), errorText(error)).catch(() => undefined);
        throw error;
      }
    },
  };
}
