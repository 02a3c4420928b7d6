import { DiagnosticsLog } from '../diagnostics/log';
import type { FetchLike, RetryPolicy } from '../numpool/http';
import type { BudgetTimers } from '../budget/rate-budget';
import type { Handlers } from '../messaging/server';
import { Account } from './account/account';
import { Catalog } from './account/catalog';
import { SettingsStore } from './account/settings';
import { EngineStore } from './account/store';
import type { EngineContext } from './context';
import { errorForUser, isExpectedError } from './errors';
import { contextMenuHandler } from './gestures/context-menu';
import { ContextTargets } from './gestures/context-targets';
import { shortcutHandler } from './gestures/shortcuts';
import { autoCancelDue, cancelOrder } from './orders/cancellation';
import { Purchases } from './orders/purchases';
import { reconcileAtStart } from './orders/reconcile-at-start';
import { PagePurchases, confirmHandlers, type PageDecision } from './page/page-purchases';
import { pageHandlers } from './page/page-requests';
import { PageSession } from './page/page-session';
import { ServiceHealth } from './page/service-health';
import type { Platform } from './platform';
import { Announcements } from './polling/announcements';
import { OrderReads } from './polling/order-reads';
import { POLL_ALARM, Poller } from './polling/poller';
import { popupHandlers } from './popup/popup-requests';
import { activeRentals, checkRentalInboxes } from './rentals/rentals';
import { ITEMS } from './stored-items';
import type { StorageItem } from '../state/item';

/** Builds the engine from its parts; the background entrypoint only connects it to the browser. */
export function createEngine(
  platform: Platform,
  options: {
    fetch?: FetchLike;
    retry?: RetryPolicy;
    now?: () => number;
    budgetTimers?: BudgetTimers;
    diagnostics?: DiagnosticsLog;
    onPageDecision?: (decision: PageDecision) => void;
  } = {},
) {
  const now = options.now ?? (() => Date.now());
  const diagnostics = options.diagnostics ?? new DiagnosticsLog(ITEMS.diagnostics.in(platform), now);
  // Each document in its area; one that had to fall back to its default is logged.
  const stored = <T>(item: StorageItem<T>) => item.in(platform, diagnostics.catcher(`reading the stored ${item.key}`));
  const health = new ServiceHealth(stored(ITEMS.pageProblem), now);
  const settings = new SettingsStore(stored(ITEMS.settings), (listener) => platform.onLocalChange(listener));
  const reconciled = stored(ITEMS.reconciled);
  const ctx: EngineContext = {
    platform,
    store: new EngineStore(stored(ITEMS.state), now),
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
    catalog: new Catalog(stored(ITEMS.catalog), now),
    now,
    settings: () => settings.read(),
    updateSettings: (change) => settings.update(change),
    diagnostics,
  };
  const announcements = new Announcements(ctx);
  const reads = new OrderReads(ctx, announcements, (items) => purchases.cancelBrowserCopies(items));
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
  const targets = new ContextTargets(stored(ITEMS.contextTargets), now);
  const pageSession = new PageSession(stored(ITEMS.pageSession), now);
  const pagePurchases = new PagePurchases(ctx, purchases, pageSession, () => poller.wake(), options.onPageDecision);
  const reconcile = (force = false) => reconcileAtStart(ctx, reconciled, () => announcements.announcePending(), force);
  const handlers: Handlers = {
    ...popupHandlers(
      ctx,
      purchases,
      poller,
      targets,
      health,
      () => void reconcile(true).catch(diagnostics.catcher('reconciling with the server')),
    ),
    ...pageHandlers(ctx, pagePurchases, pageSession, poller, health),
    ...confirmHandlers(ctx, pagePurchases),
  };

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

    onCommand: shortcutHandler({ ctx, targets, pageSession }),
    onContextMenu: contextMenuHandler({ ctx, targets, pageSession }),
  };
}

export type Engine = ReturnType<typeof createEngine>;
