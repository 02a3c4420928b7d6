import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { request } from '../../lib/messaging/client';
import type { PopupSnapshot, ResponseOf, UserError } from '../../lib/messaging/protocol';
import { DEFAULT_SETTINGS, type Order } from '../../lib/state/schema';
import { toUserError } from '../../lib/ui/errors';
import { t } from '../../lib/i18n/i18n';
import { activeOrders } from '../../lib/ui/orders';
import type { ServiceItem } from '../../lib/ui/services';
import { cache, type KnownCountries } from '../common/cache';
import { ErrorMessage } from '../common/ErrorMessage';
import { PageProblem } from './PageProblem';
import { useFirstFrameShown, useLoad, useStoredData, type StoredData } from '../common/hooks';
import { SkeletonList } from '../common/Placeholders';
import { TabPanel, Tabs } from '../common/Tabs';
import { ActiveOrders } from './ActiveOrders';
import { BalanceBar } from './BalanceBar';

// Loaded after the first frame, each behind its own Suspense (so the tabs stay put while one
// loads): that frame shows only the balance and the known orders, and all the popup evaluates
// before it delays them.
const BuyPanel = lazy(() => import('./BuyPanel').then((m) => ({ default: m.BuyPanel })));
const History = lazy(() => import('./History').then((m) => ({ default: m.History })));
const Onboarding = lazy(() => import('./Onboarding').then((m) => ({ default: m.Onboarding })));
const Rentals = lazy(() => import('./Rentals').then((m) => ({ default: m.Rentals })));

type TabId = 'numbers' | 'history' | 'rentals';
type Balance = NonNullable<PopupSnapshot['balance']>;

/** The most recent balance; on a tie the later argument wins (pass the stored one last: the engine adjusts it in place after a purchase). */
const newest = (...balances: (Balance | null | undefined)[]): Balance | null =>
  balances.reduce<Balance | null>((best, b) => (b && (!best || b.at >= best.at) ? b : best), null);

/** The active tab: its id (to fill the number in) and the service its page belongs to. */
function useActiveTab(enabled: boolean) {
  const [tab, setTab] = useState<{ id: number | null; service: ServiceItem | null; site: string | null }>({
    id: null,
    service: null,
    site: null,
  });
  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    void (async () => {
      try {
        const [active] = await browser.tabs.query({ active: true, currentWindow: true });
        if (!active?.id || !alive) return;
        const tabId = active.id;
        setTab({ id: tabId, service: null, site: null });
        const { service, site } = await request('tab.service', { tabId });
        if (alive) setTab({ id: tabId, service, site });
      } catch {
        // No tab or no service: the picker simply starts with favourites.
      }
    })();
    return () => {
      alive = false;
    };
  }, [enabled]);
  return tab;
}

/** `initialStored`: state and settings read before the first render, so it shows them at once. */
export function PopupApp({ initialStored = null }: { initialStored?: StoredData | null }) {
  // The first frame shows the stored orders and balance; everything else starts once it is on
  // screen. Chromium draws a toolbar popup only after its load event, and the background that
  // answers the requests runs in the popup's process: started earlier, the requests, their
  // re-renders and the buy panel's chunk compete with that frame (toolbar first paint, #11: a
  // median of 236 ms with them first, 164 ms after, in one bench run).
  const shown = useFirstFrameShown();
  const stored = useStoredData(initialStored, shown);
  const [snapshot, setSnapshot] = useState<PopupSnapshot | null>(null);
  const [snapshotError, setSnapshotError] = useState<UserError | null>(null);
  const [refreshed, setRefreshed] = useState<Balance | null>(null);
  const [balanceError, setBalanceError] = useState<UserError | null>(null);
  const [balanceLoading, setBalanceLoading] = useState(false);
  const [tab, setTab] = useState<TabId>('numbers');
  const [justBought, setJustBought] = useState<Order | null>(null);
  const [countries, setCountries] = useState<KnownCountries>(() => cache.countries());
  const [cachedServices] = useState(() => cache.services());

  const loadSnapshot = useCallback(() => {
    setSnapshotError(null);
    request('snapshot.get', {}).then(setSnapshot, (e: unknown) => setSnapshotError(toUserError(e, 'errorUnexpected')));
  }, []);
  useEffect(() => {
    if (shown) loadSnapshot();
  }, [shown, loadSnapshot]);

  const refreshBalance = useCallback(() => {
    setBalanceLoading(true);
    setBalanceError(null);
    request('balance.refresh', {}).then(
      (b) => {
        setRefreshed(b);
        setBalanceLoading(false);
      },
      (e: unknown) => {
        setBalanceError(toUserError(e, 'errorUnexpected'));
        setBalanceLoading(false);
      },
    );
  }, []);

  // Before the snapshot answers, a stored balance or order means a key was set: show the app, not a blank.
  const likelyHasKey = stored !== null && (stored.state.balance !== null || stored.state.orders.length > 0);
  const hasKey = snapshot ? snapshot.hasKey : likelyHasKey ? true : null;

  useEffect(() => {
    if (snapshot?.hasKey) refreshBalance();
  }, [snapshot?.hasKey, refreshBalance]);

  const activeTab = useActiveTab(hasKey === true && shown);
  const services = useLoad(() => request('services.list', {}), [], { enabled: hasKey === true && shown });
  useEffect(() => {
    if (services.data) cache.saveServices(services.data);
  }, [services.data]);
  const serviceList = services.data ?? cachedServices;

  const settings = stored?.settings ?? snapshot?.settings ?? DEFAULT_SETTINGS;
  const orders = useMemo(() => {
    const list = stored?.state.orders ?? snapshot?.orders ?? [];
    // A purchase shows at once, even before the background's storage write reaches this page.
    return justBought && !list.some((o) => o.orderId === justBought.orderId) ? [justBought, ...list] : list;
  }, [stored, snapshot, justBought]);
  const rentals = stored?.state.rentals ?? snapshot?.rentals ?? [];
  const balance = newest(refreshed, snapshot?.balance, stored?.state.balance);
  const currency = balance?.currency ?? 'USD';
  const active = useMemo(() => activeOrders(orders), [orders]);

  const onKeySaved = (b: ResponseOf<'key.set'>) => {
    setRefreshed(b);
    setBalanceError(null);
    setSnapshot((s) => (s ? { ...s, hasKey: true } : s));
    loadSnapshot();
  };

  let body: React.ReactNode;
  if (hasKey === null) {
    body = snapshotError ? <ErrorMessage error={snapshotError} onRetry={loadSnapshot} /> : <SkeletonList rows={4} />;
  } else if (!hasKey) {
    body = (
      <Suspense fallback={<SkeletonList rows={4} />}>
        <Onboarding onSaved={onKeySaved} />
      </Suspense>
    );
  } else {
    body = (
      <>
        <Tabs<TabId>
          idPrefix="popup"
          label={t('popupSections')}
          selected={tab}
          onSelect={setTab}
          tabs={[
            { id: 'numbers', label: active.length > 0 ? t('tabNumbersCount', active.length) : t('tabNumbers') },
            { id: 'history', label: t('tabHistory') },
            { id: 'rentals', label: t('tabRentals') },
          ]}
        />
        {tab === 'numbers' && (
          <TabPanel idPrefix="popup" id="numbers">
            <ActiveOrders
              active={active}
              services={serviceList ?? []}
              countries={countries}
              currency={currency}
              focusOrderId={justBought?.orderId ?? null}
            />
            <Suspense fallback={<SkeletonList rows={3} />}>
              {shown ? (
                <BuyPanel
                  services={serviceList}
                  servicesLoading={services.loading}
                  servicesError={services.error}
                  reloadServices={services.reload}
                  current={activeTab.service}
                  site={activeTab.site}
                  settings={settings}
                  tabId={activeTab.id}
                  onOffers={(offers) =>
                    setCountries((known) => {
                      const next = new Map(known);
                      for (const o of offers) next.set(o.id, { name: o.name, ...(o.flag ? { flag: o.flag } : {}) });
                      cache.saveCountries(next);
                      return next;
                    })
                  }
                  onBought={setJustBought}
                />
              ) : (
                <SkeletonList rows={3} />
              )}
            </Suspense>
          </TabPanel>
        )}
        {tab === 'history' && (
          <TabPanel idPrefix="popup" id="history">
            <Suspense fallback={<SkeletonList rows={4} />}>
              <History services={serviceList ?? []} countries={countries} currency={currency} />
            </Suspense>
          </TabPanel>
        )}
        {tab === 'rentals' && (
          <TabPanel idPrefix="popup" id="rentals">
            <Suspense fallback={<SkeletonList rows={4} />}>
              <Rentals rentals={rentals} known={stored !== null} currency={currency} />
            </Suspense>
          </TabPanel>
        )}
      </>
    );
  }

  return (
    <div className="popup">
      <header className="popup-header">
        <h1>{t('appTitle')}</h1>
        {hasKey && (
          <BalanceBar
            balance={balance}
            refreshing={balanceLoading}
            error={balanceError}
            lowThreshold={settings.lowBalanceThreshold}
            onRefresh={refreshBalance}
          />
        )}
        <button
          type="button"
          className="icon-button"
          aria-label={t('openOptions')}
          title={t('openOptions')}
          onClick={() => void browser.runtime.openOptionsPage()}
        >
          <span aria-hidden="true">⚙</span>
        </button>
      </header>
      <main>
        {hasKey !== null && snapshotError && (
          <ErrorMessage error={snapshotError} onRetry={loadSnapshot} onDismiss={() => setSnapshotError(null)} />
        )}
        {hasKey && <PageProblem problem={snapshot?.pageProblem ?? null} />}
        {body}
      </main>
    </div>
  );
}
