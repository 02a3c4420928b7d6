import type { CountryOffer } from '../numpool/client';
import type { ConfirmReason, ConfirmationView, FieldShape, PageGesture } from '../messaging/protocol';
import type { Handlers } from '../messaging/server';
import { formatNumberForField } from '../phone/format-for-field';
import { offersForField } from '../phone/country-for-field';
import type { Order } from '../state/schema';
import { chooseOffer } from './catalog';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import { actsForTopPage, fillTargetFor, isAutofillOn, registrableDomain, type PageFrame } from './page-site';
import { CONFIRMATION_TTL_MS, type PageSession, type PurchaseIntent } from './page-session';
import { PRICE_MAX_AGE_MS, type Purchases } from './purchases';
import { serviceForPage } from './page-service';
import { noteRentalFill, rentalForService } from './rentals';

/** A second purchase from a page in the same tab this soon is asked about first (a "clicking game"). */
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
    private readonly session: PageSession,
    /** A rented number went into a page: its inbox is watched closely for the code. */
    private readonly onRentalFilled: () => void,
  ) {}

  async buy(frame: PageFrame, field: FieldShape, gesture: PageGesture, use?: 'rental' | 'new'): Promise<PageBuyResult> {
    const settings = await this.ctx.settings();
    if (gesture.kind === 'button' && !isAutofillOn(settings, frame.host)) throw new EngineError('not-allowed', 'errorAutofillOff');
    // The token proves the browser's own menu or shortcut was used on this tab, once.
    if (gesture.kind !== 'button' && !(await this.session.takeGestureToken(gesture.token, frame.tabId, frame.frameId))) {
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
    if (use !== 'new') {
      const rented = await this.fillRental(frame, field, service, actsForTop);
      if (rented) return rented;
      if (use === 'rental') throw new EngineError('not-found', 'errorRentalGone');
    }

    const offers = await this.ctx.catalog.offers(client, service.id, { maxAgeMs: PRICE_MAX_AGE_MS });
    // The country the page shows (or offers), else the default or cheapest. None: refuse rather
    // than buy a number of a country the field cannot take.
    const offer = chooseOffer(offersForField(offers, field), settings.defaultCountry);
    if (!offer) throw new EngineError('invalid-input', 'errorNoStockForField');
    const reason = confirmationReason({
      gesture,
      actsForTop,
      lastPagePurchaseAt: await this.session.lastPagePurchase(frame.tabId),
      now: this.ctx.now(),
      price: offer.price,
      usualPrice: chooseOffer(offers, settings.defaultCountry)?.price ?? null,
    });
    if (reason) return { status: 'confirming', requestId: await this.ask(frame, service, offer, reason) };

    const order = await this.purchases.buy({
      service: service.id,
      country: offer.id,
      fillTarget: fillTargetFor(frame),
      acceptedPrice: gesture.kind === 'button' ? gesture.shownPrice : offer.price,
    });
    await this.session.notePagePurchase(frame.tabId);
    return { status: 'bought', orderId: order.orderId, ...formatNumberForField(order.number, field) };
  }

  /**
   * The user's rented number for this service, if they have one: it costs nothing, so it goes in
   * at once; only a frame of another site never gets it (it is the user's own number).
   */
  private async fillRental(frame: PageFrame, field: FieldShape, service: { id: string; name: string }, actsForTop: boolean): Promise<PageBuyResult | null> {
    const rental = rentalForService(await this.ctx.store.read(), service, this.ctx.now());
    if (!rental || !actsForTop) return null;
    await this.ctx.store.update((s) => noteRentalFill(s, rental.rentalId, fillTargetFor(frame), this.ctx.now()));
    this.onRentalFilled();
    return { status: 'rented', rentalId: rental.rentalId, ...formatNumberForField(rental.number, field) };
  }

  /** What the confirmation window shows; null once answered or expired. */
  async describe(id: string): Promise<ConfirmationView | null> {
    const intent = await this.session.intent(id);
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
      expiresAt: intent.createdAt + CONFIRMATION_TTL_MS,
    };
  }

  /** The user's answer: yes buys at the price shown, and the page that asked is told to fetch the number. */
  async answer(id: string, accept: boolean): Promise<Order | null> {
    const intent = await this.session.takeIntent(id);
    if (!intent) throw new EngineError('not-found', 'errorConfirmExpired');
    if (!accept) return null;
    const frame: PageFrame = { tabId: intent.tabId, frameId: intent.frameId, documentId: intent.documentId, host: intent.host, topHost: intent.topHost, scheme: intent.scheme, topScheme: intent.topScheme };
    const order = await this.purchases.buy({ service: intent.service, country: intent.country, fillTarget: fillTargetFor(frame), acceptedPrice: intent.price });
    await this.session.notePagePurchase(intent.tabId);
    await this.ctx.platform
      .sendToTab(intent.tabId, { frameId: intent.frameId, documentId: intent.documentId }, { np: 1, event: 'number.ready', orderId: order.orderId, requestId: id })
      .catch(() => undefined); // the page went away: the number is in the popup
    return order;
  }

  private async ask(frame: PageFrame, service: { id: string; name: string }, offer: CountryOffer, reason: ConfirmReason): Promise<string> {
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
      country: offer.id,
      countryName: offer.name,
      price: offer.price,
      currency: offer.currency,
      reason,
      createdAt: this.ctx.now(),
    };
    const id = await this.session.addIntent(intent);
    await this.ctx.platform.openWindow(`/confirm.html?id=${id}`);
    return id;
  }
}

/** What the confirmation window asks of the background. */
export function confirmHandlers(pagePurchases: PagePurchases): Pick<Handlers, 'confirm.get' | 'confirm.answer'> {
  return {
    async 'confirm.get'({ id }) {
      const view = await pagePurchases.describe(id);
      if (!view) throw new EngineError('not-found', 'errorConfirmExpired');
      return view;
    },
    async 'confirm.answer'({ id, accept }) {
      return { order: await pagePurchases.answer(id, accept) };
    },
  };
}
