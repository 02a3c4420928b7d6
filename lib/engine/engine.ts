import { DiagnosticsLog } from '../diagnostics/log';
import type { FetchLike, RetryPolicy } from '../numpool/http';
import type { BudgetTimers } from '../budget/rate-budget';
import type { Handlers } from '../messaging/server';
import { Account } from './account';
import { Announcements } from './announcements';
import { autoCancelDue, cancelOrder } from './cancellation';
import { Catalog } from './catalog';
import { ContextTargets } from './context-targets';
import type { EngineContext } from './context';
import { errorForUser, errorText, isExpectedError } from './errors';
import { text } from '../ui/i18n';
import { OrderReads } from './order-reads';
import { notify } from './notify';
import { pageHandlers } from './page-requests';
import { PagePurchases, confirmHandlers, type PageDecision } from './page-purchases';
import { PageSession } from './page-session';
import { COPY_CODE_COMMAND, GET_NUMBER_COMMAND, newestCode } from './shortcuts';
import type { Platform } from './platform';
import { POLL_ALARM, Poller } from './poller';
import { popupHandlers } from './popup-requests';
import { Purchases } from './purchases';
import { reconcileOrders } from './reconcile';
import { resolveUncertainRentals } from './rental-purchases';
import { activeRentals, checkRentalInboxes, mergeRentals } from './rentals';
import { ServiceHealth } from './service-health';
import { SettingsStore } from './settings';
import { hostOf } from './site-service';
import { schemeOf } from './page-site';
import { EngineStore } from './store';

export const CONTEXT_MENU_ID = 'numpool-get-number';

/** What the browser says of a menu click (Firefox adds the clicked element's id). */
export interface MenuClick {
  menuItemId: string | number;
  frameId?: number;
  frameUrl?: string;
  pageUrl?: string;
  targetElementId?: number;
}
const RECONCILED_KEY = 'reconciledThisSession';

/** Builds the engine from its parts; the background entrypoint only connects it to the browser. */
export function createEngine(platform: Platform, options: { fetch?: FetchLike; retry?: RetryPolicy; now?: () => number; budgetTimers?: BudgetTimers; diagnostics?: DiagnosticsLog; onPageDecision?: (decision: PageDecision) => void } = {}) {
  const now = options.now ?? (() => Date.now());
  const diagnostics = options.diagnostics ?? new DiagnosticsLog(platform.session, now);
  const health = new ServiceHealth(platform.session, now);
  const settings = new SettingsStore(platform.local, (listener) => platform.onLocalChange(listener));
  const ctx: EngineContext = {
    platform,
    store: new EngineStore(platform.local, now),
    account: new Account({
      keys: platform.secrets,
      local: platform.local,
      session: platform.session,
      settings,
      onLocalChange: (listener) => platform.onLocalChange(listener),
      fetch: options.fetch,
      retry: options.retry,
      now,
      timers: options.budgetTimers,
      onRequest: (record) => {
        diagnostics.request(record);
        health.observe(record);
      },
    }),
    catalog: new Catalog(platform.local, now),
    now,
    settings: () => settings.read(),
    updateSettings: (change) => settings.update(change),
    diagnostics,
  };
  const announcements = new Announcements(ctx);
  const reads = new OrderReads(ctx, announcements, (items) => purchases.checkForDuplicates(items));
  const poller: Poller = new Poller(ctx, reads, {
    beforePoll: () => autoCancelDue(ctx, poller),
    alarmNeeded: async () => (await activeRentals(ctx)).length > 0,
  });
  const purchases: Purchases = new Purchases(
    ctx,
    () => poller.wake(),
    (orderId) => cancelOrder(ctx, poller, orderId, 'auto'),
    () => poller.pollsOrderList,
  );
  const targets = new ContextTargets(platform.session, now);
  const pageSession = new PageSession(platform.session, now);
  const pagePurchases = new PagePurchases(ctx, purchases, pageSession, () => poller.wake(), options.onPageDecision);
  const handlers: Handlers = {
    ...popupHandlers(ctx, purchases, poller, targets, health, () => void reconcile(true).catch(diagnostics.catcher('reconciling with the server'))),
    ...pageHandlers(ctx, pagePurchases, pageSession, poller, health),
    ...confirmHandlers(ctx, pagePurchases),
  };

  /**
   * Brings local orders and rentals in line with the server: once per browser session, and at
   * every worker start while something is waiting or a purchase or rental is uncertain. Otherwise,
   * no request here (active rentals' inboxes are read from the alarm).
   * Codes that came while the worker was stopped are stored here and announced like any other.
   */
  async function reconcile(force = false): Promise<void> {
    if (!(await ctx.account.hasKey())) return;
    const state = await ctx.store.read();
    const firstThisSession = !(await platform.session.get(RECONCILED_KEY))[RECONCILED_KEY];
    const needed = force || firstThisSession || state.uncertain.length > 0 || state.uncertainRentals.length > 0 || state.orders.some((o) => o.state === 'waiting');
    if (!needed) return;
    const client = await ctx.account.client();
    await reconcileOrders(ctx, client);
    await announcements.announcePending();
    if (force || firstThisSession || state.uncertainRentals.length > 0) {
      const rentals = await client.rentals({ priority: 'background' });
      // An uncertain rental first: found, it is adopted as the one sent (its service, counted once).
      await resolveUncertainRentals(ctx, client, rentals);
      await ctx.store.update((s) => mergeRentals(s, rentals, ctx.now()));
    }
    await platform.session.set({ [RECONCILED_KEY]: true });
  }

  /** A site that matches no service: the popup asks which (or, where it cannot open, a notification says so). */
  async function askForService(): Promise<void> {
    await platform.openPopup().catch(() => notify(ctx, 'pick-service', text('notifyPickServiceTitle'), text('notifyPickServiceBody')));
  }

  return {
    ctx,
    poller,
    purchases,
    handlers,
    /** For the message dispatcher: what a failed request tells its sender. A failure nobody meant is logged. */
    errorForUser(error: unknown) {
      if (!isExpectedError(error)) diagnostics.error('handling a request', error);
      return errorForUser(error);
    },

    /**
     * At every service-worker start: announce what a stopped worker could not, reconcile, then
     * resume polling (re-creating timers and the alarm). Polling resumes whatever reconciliation met.
     */
    async start(): Promise<void> {
      await announcements.announcePending();
      await reconcile().catch(diagnostics.catcher('reconciling with the server'));
      poller.wake();
    },

    async onAlarm(name: string): Promise<void> {
      if (name !== POLL_ALARM) return;
      await checkRentalInboxes(ctx).catch(diagnostics.catcher('reading rental inboxes'));
      poller.wake();
    },

    /** The keyboard shortcuts: a number for the focused field, and the newest code to the clipboard. */
    async onCommand(command: string, tab: { id?: number; url?: string } | undefined): Promise<void> {
      try {
        if (command === COPY_CODE_COMMAND) {
          const code = newestCode(await ctx.store.read());
          if (!code) return await notify(ctx, 'copy-code', text('notifyNoCodeTitle'), text('notifyNoCodeBody'));
          await platform.copyText(code);
          await notify(ctx, 'copy-code', text('notifyCodeCopiedTitle', code), text('notifyCodeCopiedBody'));
          return;
        }
        if (command !== GET_NUMBER_COMMAND || tab?.id === undefined) return;
        const tabId = tab.id;
        const url = tab.url ?? (await platform.tabUrl(tabId));
        const host = hostOf(url);
        // As the menu does: a site that matches no service asks in the popup.
        if (!(await ctx.catalog.serviceForPage(await ctx.account.client(), { host, scheme: schemeOf(url) }, (await ctx.settings()).siteServices))) {
          await targets.remember(tabId, 0, host, schemeOf(url));
          await askForService();
          return;
        }
        // The background cannot tell which frame has the focus: every frame hears it, only that one answers.
        const token = await pageSession.issueGestureToken(tabId, null);
        await platform.sendToTab(tabId, {}, { np: 1, event: 'shortcut.pressed', token });
      } catch (error) {
        if (!isExpectedError(error)) diagnostics.error('a keyboard shortcut', error);
        await notify(ctx, 'shortcut-failed', text('appTitle'), errorText(error));
      }
    },

    /**
     * "Get number here": the browser's own menu, which no page can draw over or click for the user.
     * The frame that was right-clicked gets a single-use token and asks for the purchase itself
     * (with its field, so the country is chosen as for the in-field button). A site that matches
     * no service opens the popup to ask; its purchase fills the same field.
     */
    async onContextMenu(info: MenuClick, tab: { id?: number; url?: string } | undefined): Promise<void> {
      if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined) return;
      const tabId = tab.id;
      const frameId = info.frameId ?? 0;
      try {
        // The service of the frame that was clicked, not of the page around it. Inside the try: the
        // tab may be gone by now, and nothing awaits this handler to catch its failure.
        const url = info.frameUrl ?? info.pageUrl ?? tab.url ?? (await platform.tabUrl(tabId));
        const host = hostOf(url);
        const service = await ctx.catalog.serviceForPage(await ctx.account.client(), { host, scheme: schemeOf(url) }, (await ctx.settings()).siteServices);
        if (!service) {
          await targets.remember(tabId, frameId, host, schemeOf(url));
          await askForService();
          return;
        }
        const token = await pageSession.issueGestureToken(tabId, frameId);
        const event = { np: 1, event: 'menu.clicked', token, ...(info.targetElementId !== undefined ? { targetElementId: info.targetElementId } : {}) } as const;
        await platform.sendToTab(tabId, { frameId }, event);
      } catch (error) {
        if (!isExpectedError(error)) diagnostics.error('the context menu', error);
        await notify(ctx, 'buy-failed', text('notifyBuyFailedTitle'), errorText(error));
      }
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
