import type { Handlers, Sender } from '../messaging/server';
import { formatNumberForField } from '../phone/format-for-field';
import { chooseOffer } from './catalog';
import { offersForField } from '../phone/country-for-field';
import { PRICE_MAX_AGE_MS } from './purchases';
import type { EngineContext } from './context';
import { EngineError } from './errors';
import { latestOrderForTab } from './orders';
import type { Poller } from './poller';
import type { Purchases } from './purchases';
import { hostOf } from './site-service';

type PageHandlers = Pick<Handlers, 'page.context' | 'page.buy' | 'page.format' | 'page.code' | 'page.codeFocus' | 'page.load'>;

/** The autofill part of the content script, loaded only into frames that have a likely field. */
export const AUTOFILL_SCRIPT = '/autofill.js';

/** The sender's own tab and frame: a content script can only ever act on these. */
function origin(sender: Sender): { tabId: number; frameId: number; host: string | null } {
  const tabId = sender.tab?.id;
  if (tabId === undefined) throw new EngineError('not-allowed', 'This request is only for pages.');
  return { tabId, frameId: sender.frameId ?? 0, host: hostOf(sender.tab?.url ?? sender.url) };
}

export function isAutofillOn(settings: { autofill: boolean; autofillDisabledSites: string[] }, host: string | null): boolean {
  if (!settings.autofill || !host) return false;
  return !settings.autofillDisabledSites.some((site) => host === site || host.endsWith(`.${site}`));
}

/**
 * What content scripts may ask: which service this site is, a number for this field, the code of
 * this tab's order. Never the key, the wallet, other tabs' orders or the history.
 */
export function pageHandlers(ctx: EngineContext, purchases: Purchases, poller: Poller): PageHandlers {
  async function siteService(host: string | null) {
    if (!host || !(await ctx.account.hasKey())) return null;
    return ctx.catalog.serviceForHost(await ctx.account.client(), host, 'background');
  }

  return {
    async 'page.context'({ field }, sender) {
      const { host } = origin(sender);
      const settings = await ctx.settings();
      const hasKey = await ctx.account.hasKey();
      const autofill = isAutofillOn(settings, host);
      if (!autofill || !hasKey) return { autofill, service: null, quote: null, hasKey };
      const service = await siteService(host).catch(() => null);
      let quote = null;
      if (service) {
        const offers = await ctx.catalog.offers(await ctx.account.client(), service.id, { priority: 'background' }).catch(() => []);
        const offer = chooseOffer(offersForField(offers, field), settings.defaultCountry);
        if (offer) quote = { price: offer.price, currency: offer.currency, country: offer.id, countryName: offer.name };
      }
      return { autofill, service, quote, hasKey };
    },

    async 'page.buy'({ field, acceptedPrice }, sender) {
      const { tabId, frameId, host } = origin(sender);
      if (!isAutofillOn(await ctx.settings(), host)) throw new EngineError('not-allowed', 'Autofill is off for this site.');
      const service = await siteService(host);
      if (!service) throw new EngineError('invalid-input', 'This site does not match a NumPool service. Open the NumPool popup to choose one.');
      // The country the page shows (or offers), else the default or cheapest.
      const offers = await ctx.catalog.offers(await ctx.account.client(), service.id, { maxAgeMs: PRICE_MAX_AGE_MS });
      const offer = chooseOffer(offersForField(offers, field), (await ctx.settings()).defaultCountry);
      // Null here would mean "any country": refuse rather than buy a number the field's country cannot take.
      if (!offer) throw new EngineError('invalid-input', 'No numbers for the country this field shows are in stock right now.');
      const order = await purchases.buy({ service: service.id, country: offer?.id ?? null, fillTarget: { tabId, frameId }, acceptedPrice });
      const formatted = formatNumberForField(order.number, field);
      return { orderId: order.orderId, number: order.number, value: formatted.value, countryOption: formatted.countryOption, cost: order.cost };
    },

    async 'page.format'({ field }, sender) {
      const order = latestOrderForTab(await ctx.store.read(), origin(sender).tabId);
      return order ? formatNumberForField(order.number, field) : null;
    },

    async 'page.code'(_payload, sender) {
      const order = latestOrderForTab(await ctx.store.read(), origin(sender).tabId);
      if (!order) return null;
      return { orderId: order.orderId, code: order.messages[0]?.code ?? null, state: order.state };
    },

    async 'page.load'(_payload, sender) {
      const { tabId, frameId } = origin(sender);
      await ctx.platform.injectScript(tabId, frameId, AUTOFILL_SCRIPT);
      return {};
    },

    async 'page.codeFocus'({ focused }, sender) {
      const { tabId } = origin(sender);
      const order = latestOrderForTab(await ctx.store.read(), tabId);
      poller.focus(tabId, focused && order?.state === 'waiting' ? order.orderId : null);
      return {};
    },
  };
}
