import type { Handlers } from '../../messaging/server';
import type { PageRequestType } from '../../messaging/protocol';
import { NumPoolError } from '../../numpool/errors';
import { settingsSchema } from '../../state/schema';
import { cancelOrder } from '../orders/cancellation';
import type { EngineContext } from '../context';
import { EngineError } from '../errors';
import { updateOrder } from '../orders/orders';
import type { Poller } from '../polling/poller';
import type { Purchases } from '../orders/purchases';
import type { ServiceHealth } from '../page/service-health';
import { mergeRentals, refreshInbox } from '../rentals/rentals';
import { createRental } from '../rentals/rental-purchases';
import { hostOf } from '../page/site-service';
import type { ContextTargets } from '../gestures/context-targets';
import { fillTargetFor, schemeOf, siteOf, type Scheme } from '../page/page-site';
import { chooseServiceForSite } from '../page/page-service';
import type { FillTarget } from '../../state/schema';

type PopupHandlers = Omit<Handlers, PageRequestType | 'confirm.get' | 'confirm.answer'>;

/** What the popup and the options page may ask: everything about the user's own account. */
export function popupHandlers(
  ctx: EngineContext,
  purchases: Purchases,
  poller: Poller,
  targets: ContextTargets,
  health: ServiceHealth,
  onKeyChanged: () => void,
): PopupHandlers {
  async function refreshBalance() {
    const { balance, currency } = await (await ctx.account.client()).balance({ priority: 'user' });
    const snapshot = { amount: balance, currency, at: ctx.now() };
    await ctx.store.update((s) => ({ ...s, balance: snapshot }));
    return snapshot;
  }

  /** Known charges and refunds move the shown balance without spending a request on it. */
  async function adjustBalance(delta: number) {
    await ctx.store.update((s) =>
      s.balance ? { ...s, balance: { ...s.balance, amount: Math.round((s.balance.amount + delta) * 100) / 100 } } : s,
    );
  }

  /** The page the popup acts for in a tab: the recently right-clicked frame, else the top page. */
  async function popupPage(tabId: number): Promise<{ frameId: number; host: string | null; scheme: Scheme | null }> {
    const target = await targets.targetFor(tabId);
    if (target) return target;
    const url = await ctx.platform.tabUrl(tabId).catch(() => undefined);
    return { frameId: 0, host: hostOf(url), scheme: schemeOf(url) };
  }

  /** A purchase made in the popup fills the tab it was opened on: the right-clicked frame, else the top page. */
  async function popupFillTarget(tabId: number): Promise<FillTarget | null> {
    const page = await popupPage(tabId);
    if (!page.host) return null;
    return fillTargetFor({ tabId, frameId: page.frameId, host: page.host, topHost: null, scheme: page.scheme, topScheme: null });
  }

  return {
    async 'snapshot.get'() {
      const state = await ctx.store.read();
      // The user is looking: the badge has done its job.
      await ctx.platform.setBadge('', null);
      const keyHint = await ctx.account.keyHint();
      return {
        hasKey: keyHint !== null,
        keyHint,
        balance: state.balance,
        orders: state.orders,
        rentals: state.rentals,
        settings: await ctx.settings(),
        pageProblem: keyHint === null ? null : await health.problem(),
      };
    },

    async 'key.set'({ apiKey }) {
      // Checked with GET /balance before it is stored: a wrong key is refused, the old one kept.
      const { client } = await ctx.account.clientFor(apiKey);
      let balance;
      try {
        balance = await client.balance({ priority: 'user' });
      } catch (error) {
        if (error instanceof NumPoolError && error.kind === 'unauthorized') {
          throw new EngineError('not-allowed', 'errorKeyRejected', [], 'https://numpool.com');
        }
        throw error;
      }
      await ctx.account.setKey(apiKey);
      await health.clear();
      const snapshot = { amount: balance.balance, currency: balance.currency, at: ctx.now() };
      await ctx.store.update((s) => ({ ...s, balance: snapshot }));
      onKeyChanged();
      return snapshot;
    },

    async 'key.remove'() {
      await ctx.account.removeKey();
      await health.clear();
      await ctx.store.update((s) => ({ ...s, balance: null }));
      return {};
    },

    'balance.refresh': () => refreshBalance(),

    'settings.update': (patch) => ctx.updateSettings((settings) => settingsSchema.parse({ ...settings, ...patch })),

    async 'services.list'() {
      return ctx.catalog.services(await ctx.account.client());
    },

    async 'countries.list'({ service }) {
      return ctx.catalog.offers(await ctx.account.client(), service, { fresh: true });
    },

    async 'order.buy'({ service, country, operator, fillTabId }) {
      const fillTarget = fillTabId === undefined ? null : await popupFillTarget(fillTabId);
      const order = await purchases.buy({ service, country, operator, fillTarget });
      if (fillTarget) {
        // The page asks for the number itself: the answer goes only to a page of this site. The tab
        // may be gone or its page changed: the number is bought and shown in the popup anyway.
        const event = { np: 1, event: 'number.ready', orderId: order.orderId } as const;
        await ctx.platform
          .sendToTab(fillTarget.tabId, { frameId: fillTarget.frameId }, event)
          .catch(ctx.diagnostics.catcher('telling the tab its number is ready'));
      }
      await adjustBalance(-order.cost);
      return order;
    },

    async 'order.cancel'({ orderId }) {
      const before = (await ctx.store.read()).orders.find((o) => o.orderId === orderId)?.refunded ?? null;
      const order = await cancelOrder(ctx, poller, orderId, 'user');
      if (before === null && order.refunded !== null) await adjustBalance(order.refunded);
      return order;
    },

    async 'order.dismiss'({ orderId }) {
      await ctx.store.update((s) => updateOrder(s, orderId, (o) => ({ ...o, dismissed: true })));
      return {};
    },

    async 'history.page'({ limit, offset }) {
      const page = await (await ctx.account.client()).orders({ limit, offset }, { priority: 'user' });
      return { items: page.items, total: page.total };
    },

    async 'rentals.services'() {
      return (await ctx.account.client()).rentalServices({ priority: 'user' });
    },

    async 'rentals.prices'({ service }) {
      return (await ctx.account.client()).rentalPrices(service, { priority: 'user' });
    },

    async 'rental.create'(request) {
      const rental = await createRental(ctx, request);
      // Its inbox is watched from the alarm: a round of the poller makes sure the alarm is there.
      poller.wake();
      await adjustBalance(-rental.cost);
      return rental;
    },

    async 'rentals.refresh'() {
      const list = await (await ctx.account.client()).rentals({ priority: 'user' });
      await ctx.store.update((s) => mergeRentals(s, list, ctx.now()));
      poller.wake();
      return (await ctx.store.read()).rentals;
    },

    async 'rental.open'({ rentalId }) {
      if (!(await ctx.store.read()).rentals.some((r) => r.rentalId === rentalId)) throw new EngineError('not-found', 'errorRentalGone');
      await refreshInbox(ctx, rentalId, 'user');
      await ctx.store.update((s) => ({
        ...s,
        rentals: s.rentals.map((r) => (r.rentalId === rentalId ? { ...r, seen: r.messages.length } : r)),
      }));
      return (await ctx.store.read()).rentals.find((r) => r.rentalId === rentalId)!;
    },

    async 'diagnostics.get'() {
      return { entries: await ctx.diagnostics.list() };
    },

    async 'diagnostics.clear'() {
      await ctx.diagnostics.clear();
      return {};
    },

    async 'tab.service'({ tabId }) {
      const page = await popupPage(tabId);
      const site = siteOf(page.scheme, page.host);
      if (!page.host || !(await ctx.account.hasKey())) return { service: null, host: page.host, site };
      return {
        service: await ctx.catalog.lookUpServiceForPage(await ctx.account.client(), page, (await ctx.settings()).siteServices),
        host: page.host,
        site,
      };
    },

    async 'site.useService'({ tabId, service }) {
      const page = await popupPage(tabId);
      const site = siteOf(page.scheme, page.host);
      if (!site) throw new EngineError('invalid-input', 'errorNoSiteInTab');
      if (!(await ctx.catalog.services(await ctx.account.client())).some((s) => s.id === service))
        throw new EngineError('invalid-input', 'errorUnknownService');
      await ctx.updateSettings((settings) => ({ ...settings, siteServices: chooseServiceForSite(settings.siteServices, site, service) }));
      return { site };
    },
  };
}
