import { useEffect, useId, useRef, useState } from 'react';
import { request } from '../../lib/messaging/client';
import type { UserError } from '../../lib/messaging/protocol';
import type { Order, Settings } from '../../lib/state/schema';
import { preselectOffer, type Offer } from '../../lib/ui/countries';
import { formatCountdown, formatMoney } from '../../lib/i18n/format';
import { Flag } from '../common/Flag';
import { t, uiLocale } from '../../lib/i18n/i18n';
import type { ServiceItem } from '../../lib/ui/services';
import { toggleFavourite } from '../../lib/ui/services';
import { ErrorMessage } from '../common/ErrorMessage';
import { useAction, useLoad, useRetryWait } from '../common/hooks';
import { EmptyState, SkeletonList } from '../common/Placeholders';
import { CountryPicker } from './CountryPicker';
import { ServicePicker } from './ServicePicker';
import { SiteChoice } from './SiteChoice';

interface Props {
  services: readonly ServiceItem[] | null;
  servicesLoading: boolean;
  servicesError: UserError | null;
  reloadServices: () => void;
  /** The service of the page in the active tab. */
  current: ServiceItem | null;
  /** That page's site (scheme + registrable domain), if it has one. */
  site: string | null;
  settings: Settings;
  tabId: number | null;
  onOffers: (offers: readonly Offer[]) => void;
  onBought: (order: Order) => void;
}

/** Service, then country (and operator), the price, then one click to buy. */
export function BuyPanel({
  services,
  servicesLoading,
  servicesError,
  reloadServices,
  current,
  site,
  settings,
  tabId,
  onOffers,
  onBought,
}: Props) {
  const id = useId();
  const [service, setService] = useState<ServiceItem | null>(null);
  const [countryId, setCountryId] = useState<number | null>(null);
  const [operator, setOperator] = useState('');
  /** Where keyboard focus goes after a step changes, so it is never lost on the page body. */
  const [focusTarget, setFocusTarget] = useState<'chosen' | 'search' | null>(null);
  const chosenRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focusTarget === 'chosen') chosenRef.current?.focus();
  }, [focusTarget, service]);
  const favourite = useAction((favouriteServices: string[]) => request('settings.update', { favouriteServices }));

  const offers = useLoad(() => (service ? request('countries.list', { service: service.id }) : Promise.resolve(null)), [service?.id], {
    enabled: service !== null,
  });
  const offerList = offers.data;

  useEffect(() => {
    if (!offerList) return;
    onOffers(offerList);
    setCountryId((selected) =>
      selected !== null && offerList.some((o) => o.id === selected && o.stock > 0)
        ? selected
        : (preselectOffer(offerList, settings.defaultCountry)?.id ?? null),
    );
    // Once per load: a settings change while the list is open does not move the selection.
  }, [offerList]);

  const offer = offerList?.find((o) => o.id === countryId) ?? null;
  const operators = (offer?.operators ?? []).filter((op) => op.trim() && op.toLowerCase() !== 'any');
  const buy = useAction(() => {
    if (!service || !offer) throw new Error('nothing selected');
    return request('order.buy', {
      service: service.id,
      country: offer.id,
      ...(operator ? { operator } : {}),
      ...(tabId !== null ? { fillTabId: tabId } : {}),
    });
  });

  // After a 429 the server refuses anything until its Retry-After: no click that can only fail.
  const buyWait = useRetryWait(buy.error);

  const pick = (s: ServiceItem) => {
    setService(s);
    setFocusTarget('chosen');
    setCountryId(null);
    setOperator('');
    buy.clearError();
  };

  if (!service) {
    return (
      <section className="buy" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('buyTitle')}</h2>
        <ServicePicker
          services={services}
          loading={servicesLoading}
          error={servicesError}
          onRetry={reloadServices}
          current={current?.id ?? null}
          favourites={settings.favouriteServices}
          recent={settings.recentServices}
          onPick={pick}
          autoFocus={focusTarget === 'search'}
          onToggleFavourite={(sid) => void favourite.run(toggleFavourite(settings.favouriteServices, sid))}
        />
        <ErrorMessage error={favourite.error} onDismiss={favourite.clearError} />
      </section>
    );
  }

  const locale = uiLocale();
  const aboveMax = offer !== null && settings.maxPricePerNumber !== null && offer.price > settings.maxPricePerNumber;
  return (
    <section className="buy" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('buyTitle')}</h2>
      <div className="chosen-service">
        <p ref={chosenRef} tabIndex={-1}>
          <span className="muted">{t('serviceChosen')}</span> <strong>{service.name}</strong>{' '}
          <span className="service-code">{service.id}</span>
        </p>
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setService(null);
            setFocusTarget('search');
          }}
        >
          {t('serviceChange')}
        </button>
      </div>
      {current === null && site !== null && tabId !== null && <SiteChoice tabId={tabId} site={site} service={service} />}

      {offers.error && <ErrorMessage error={offers.error} onRetry={offers.reload} />}
      {!offerList && offers.loading && <SkeletonList rows={4} label={t('countriesLoading')} />}
      {offerList && offerList.length === 0 && <EmptyState title={t('countriesNone', service.name)} hint={t('countriesNoneHint')} />}
      {offerList && offerList.length > 0 && (
        <CountryPicker
          offers={offerList}
          defaultCountry={settings.defaultCountry}
          maxPrice={settings.maxPricePerNumber}
          selected={countryId}
          onSelect={(o) => {
            setCountryId(o.id);
            setOperator('');
            buy.clearError();
          }}
        />
      )}

      {offer && operators.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-operator`}>{t('operatorLabel')}</label>
          <select id={`${id}-operator`} value={operator} onChange={(e) => setOperator(e.target.value)}>
            <option value="">{t('operatorAny')}</option>
            {operators.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </select>
        </div>
      )}

      {offer && (
        <div className="buy-summary" aria-live="polite">
          <p>
            {service.name} · <Flag iso2={offer.flag} /> {offer.name}
            {operator ? ` · ${operator}` : ''}
          </p>
          <p className="price-line">
            {t('priceLabel')} <strong>{formatMoney(offer.price, offer.currency, locale)}</strong>
          </p>
          {aboveMax && settings.maxPricePerNumber !== null && (
            <p className="warning">{t('aboveMaxPrice', formatMoney(settings.maxPricePerNumber, offer.currency, locale))}</p>
          )}
        </div>
      )}
      {offerList && offerList.length > 0 && !offer && <p className="hint">{t('countryPickHint')}</p>}

      <ErrorMessage error={buy.error} />
      {offer && (
        <button
          type="button"
          className="primary buy-button"
          disabled={buy.pending || buyWait > 0}
          onClick={async () => {
            const order = await buy.run();
            if (order) onBought(order);
          }}
        >
          {buy.pending
            ? t('buying')
            : buyWait > 0
              ? t('buyWait', formatCountdown(buyWait))
              : t('buyFor', formatMoney(offer.price, offer.currency, locale))}
        </button>
      )}
    </section>
  );
}
