import type { Handlers, Sender } from '../../messaging/server';
import type { PageRequestType } from '../../messaging/protocol';
import { formatNumberForField } from '../../phone/format-for-field';
import { offersForField } from '../../phone/country-for-field';
import type { EngineState, Order } from '../../state/schema';
import { chooseOffer } from '../account/catalog';
import type { EngineContext } from '../context';
import { EngineError, errorForUser, errorText } from '../errors';
import { text } from '../../i18n/i18n';
import { updateOrder } from '../orders/orders';
import { notify } from '../notify';
import type { PagePurchases } from './page-purchases';
import type { PageSession } from './page-session';
import { actsForTopPage, isAutofillOn, orderServesFrame, pageFrameOf, type PageFrame } from './page-site';
import { rentalForService } from '../rentals/rentals';
import type { Poller } from '../polling/poller';
import type { ServiceWithDomain } from './site-service';
import { serviceForPage } from './page-service';
import type { ServiceHealth } from './service-health';
import type { CountryOffer } from '../../numpool/client';

type PageHandlers = Pick<Handlers, PageRequestType>;

/** The autofill part of the content script, loaded only into frames that have a likely field. */
export const AUTOFILL_SCRIPT = '/autofill.js';

/** After a page's lookup failed, pages get only what is cached for this long (then NumPool is asked again). */
export const LOOKUP_BACKOFF_MS = 30_000;

/** The sender's own tab and frame: a content script can only ever act on these. */
function frameOf(sender: Sender): PageFrame {
  const frame = pageFrameOf(sender);
  if (!frame) throw new EngineError('not-allowed', 'errorNotAllowed');
  return frame;
}

/** The newest order bought for this tab and this page's site: the only one a page may hear of. */
export function orderForFrame(state: EngineState, frame: PageFrame): Order | undefined {
  return state.orders.find((o) => !o.dismissed && orderServesFrame(o.fillTarget, frame));
}

/**
 * The code for this page: of the order bought for it or the rented number filled into it, the one
 * that came to the page last. A rental's code counts only once a message came after the fill.
 */
export function codeForFrame(
  state: EngineState,
  frame: PageFrame,
): { orderId: string; code: string } | { rentalId: string; code: string } | null {
  const order = orderForFrame(state, frame);
  const rental = state.rentals
    .filter((r) => r.fill && orderServesFrame(r.fill.target, frame))
    .sort((a, b) => b.fill!.since - a.fill!.since)[0];
  if (rental && (!order || rental.fill!.since > order.createdAt)) {
    const code = rental.fill!.codeAt !== undefined ? rental.messages[0]?.code : null;
    return code ? { rentalId: rental.rentalId, code } : null;
  }
  const code = order?.messages[0]?.code;
  return order && code ? { orderId: order.orderId, code } : null;
}

/**
 * What a failure may say inside a page. The page can read our in-page text (Chromium's
 * `window.find` searches closed shadow roots), so nothing about the wallet, the limits or prices
 * paid is said there: those go to a notification and the popup.
 */
export function pageSafeError(error: unknown): EngineError {
  const { kind } = errorForUser(error);
  if (kind === 'invalid-input' || kind === 'not-allowed' || kind === 'no-key')
    return error instanceof EngineError ? error : new EngineError('not-allowed', 'errorPageNotHere');
  if (kind === 'uncertain') return new EngineError('uncertain', 'errorPageUncertain');
  if (kind === 'rate-limited' || kind === 'network' || kind === 'timeout' || kind === 'server')
    return new EngineError('not-allowed', 'errorPageUnreachable');
  return new EngineError('guard', 'errorPageNotBought');
}

/**
 * What content scripts may ask: whether this frame gets a button, a number for its field, the
 * number and code of an order bought for this very page. Never the key, the wallet, other tabs'
 * or other sites' orders, or the history. A frame of another site than the page in the address
 * bar gets nothing unless the user chose the browser's menu on it.
 */
export function pageHandlers(
  ctx: EngineContext,
  pagePurchases: PagePurchases,
  pageSession: PageSession,
  poller: Poller,
  health: ServiceHealth,
): PageHandlers {
  /**
   * A lookup for a page (the services, the offers). To the page a failure is only "no button"; the
   * diagnostics log and the popup say why (the key refused, NumPool unreachable), since the button
   * is then gone from every site. After a failure, pages use only what is cached for a while: a
   * page asking again and again cannot make the background hammer NumPool, spend the minute's
   * requests, or push everything else out of the log.
   */
  async function lookup<T>(where: string, fallback: T, ask: (cachedOnly: boolean) => Promise<T>): Promise<T> {
    const backingOff = await health.failedWithin(LOOKUP_BACKOFF_MS);
    try {
      return await ask(backingOff);
    } catch (error) {
      if (!backingOff) {
        ctx.diagnostics.error(where, error);
        await health.failed(error).catch(ctx.diagnostics.catcher('noting why pages have no button'));
      }
      return fallback;
    }
  }

  /** The services, when a key is saved (from the catalog's cache, usually no request). */
  async function knownServices(): Promise<ServiceWithDomain[]> {
    if (!(await ctx.account.hasKey())) return [];
    const client = await ctx.account.client();
    return lookup<ServiceWithDomain[]>('the page button: services', [], (cachedOnly) =>
      ctx.catalog.services(client, 'page', { cachedOnly }),
    );
  }

  return {
    async 'page.context'({ field }, sender) {
      const frame = frameOf(sender);
      const none = { button: false, rental: false, service: null, quote: null };
      const settings = await ctx.settings();
      if (!settings.fieldButton || !isAutofillOn(settings, frame.host)) return none;
      // No key: no services, so no button.
      const services = await knownServices();
      const service = serviceForPage(frame, services, settings.siteServices);
      // No service, no button: a site that matches none never learns the extension is here.
      if (!service || !actsForTopPage(frame, services)) return none;
      const client = await ctx.account.client();
      const offers = await lookup<CountryOffer[]>('the page button: offers', [], (cachedOnly) =>
        ctx.catalog.offers(client, service.id, { priority: 'page', cachedOnly }),
      );
      const offer = chooseOffer(offersForField(offers, field ?? {}), settings.defaultCountry);
      // The price is on the button before any click; without one there is no button.
      if (!offer) return none;
      const rental = rentalForService(await ctx.store.read(), service, ctx.now()) !== null;
      return {
        button: true,
        rental,
        service,
        quote: { price: offer.price, currency: offer.currency, country: offer.id, countryName: offer.name },
      };
    },

    async 'page.buy'({ field, gesture, use }, sender) {
      const frame = frameOf(sender);
      try {
        return await pagePurchases.buy(frame, field, gesture, use);
      } catch (error) {
        // The full reason goes where the page cannot read it.
        await notify(ctx, 'buy-failed', text('notifyBuyFailedTitle'), errorText(error));
        throw pageSafeError(error);
      }
    },

    async 'page.number'(request, sender) {
      const frame = frameOf(sender);
      const state = await ctx.store.read();
      const { field } = request;
      if ('rentalId' in request) return rentedNumberFor(state, request.rentalId, frame, ctx.now(), field);
      const { orderId } = request;
      const order = state.orders.find((o) => o.orderId === orderId);
      if (!order || !orderServesFrame(order.fillTarget, frame)) return null;
      const bound = order.fillTarget!.documentId;
      // A number goes to the document it was bought for; a popup purchase binds the first that asks.
      if (bound && frame.documentId && bound !== frame.documentId) return null;
      if (!bound && frame.documentId) {
        await ctx.store.update((s) =>
          updateOrder(s, orderId, (o) => (o.fillTarget ? { ...o, fillTarget: { ...o.fillTarget, documentId: frame.documentId } } : o)),
        );
      }
      return formatNumberForField(order.number, field);
    },

    async 'page.code'(_payload, sender) {
      return codeForFrame(await ctx.store.read(), frameOf(sender));
    },

    async 'page.load'(_payload, sender) {
      const frame = frameOf(sender);
      // Frames of another site get nothing loaded, unless the user chose the menu or shortcut on them.
      if (!actsForTopPage(frame, await knownServices()) && !(await pageSession.hasGestureToken(frame.tabId, frame.frameId))) {
        throw new EngineError('not-allowed', 'errorNotAllowed');
      }
      await ctx.platform.injectScript(frame.tabId, frame.frameId, AUTOFILL_SCRIPT);
      return {};
    },

    async 'page.codeFocus'({ focused }, sender) {
      const frame = frameOf(sender);
      const order = orderForFrame(await ctx.store.read(), frame);
      poller.focus(frame.tabId, focused && order?.state === 'waiting' ? order.orderId : null);
      return {};
    },

    async 'page.sent'(_payload, sender) {
      const frame = frameOf(sender);
      const order = orderForFrame(await ctx.store.read(), frame);
      // Only this frame's own waiting order, whose number went to this very frame and document;
      // the poller bounds how often (a page can repeat this at will).
      if (order?.state === 'waiting' && numberWentTo(order, frame)) await poller.burst(order.orderId);
      return {};
    },
  };
}

/** Whether the order's number was given to this frame (its document, where both are known). */
function numberWentTo(order: Order, frame: PageFrame): boolean {
  const target = order.fillTarget;
  if (!target || target.frameId !== frame.frameId) return false;
  return !target.documentId || !frame.documentId || target.documentId === frame.documentId;
}

/** A rented number confirmed in the window goes to the frame it was confirmed for, shortly after. */
const RENTAL_NUMBER_TTL_MS = 60_000;

function rentedNumberFor(
  state: EngineState,
  rentalId: string,
  frame: PageFrame,
  now: number,
  field: Parameters<typeof formatNumberForField>[1],
) {
  const rental = state.rentals.find((r) => r.rentalId === rentalId);
  const fill = rental?.fill;
  if (!rental || !fill || now - fill.since > RENTAL_NUMBER_TTL_MS || !orderServesFrame(fill.target, frame)) return null;
  if (fill.target.frameId !== frame.frameId) return null;
  if (fill.target.documentId && frame.documentId && fill.target.documentId !== frame.documentId) return null;
  return formatNumberForField(rental.number, field);
}
