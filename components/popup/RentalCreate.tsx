import { useId, useState } from 'react';
import { request } from '../../lib/messaging/client';
import type { ResponseOf } from '../../lib/messaging/protocol';
import type { Rental } from '../../lib/state/schema';
import { formatDateTime, formatMoney } from '../../lib/i18n/format';
import { t, uiLocale } from '../../lib/i18n/i18n';
import { isKnownDuration, type RentalDurationKey } from '../../lib/ui/rentals';
import { ErrorMessage } from '../common/ErrorMessage';
import { useAction, useLoad, type Loaded } from '../common/hooks';
import { SkeletonList } from '../common/Placeholders';

interface Props {
  currency: string;
  /** `rentals.services`, loaded once by the Rentals screen. */
  services: Loaded<ResponseOf<'rentals.services'>>;
  onCreated: (rental: Rental) => void;
}

export function durationText(days: number): string {
  return days === 1 ? t('durationOneDay') : t('durationDays', days);
}

/**
 * Renting is paid once and never refunded, so it takes a deliberate step: service, duration with
 * its price, then a confirmation that states the total and the no-refund rule. The price the user
 * agreed to is sent along; the background refuses if it changed.
 */
export function RentalCreate({ currency, services, onCreated }: Props) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [service, setService] = useState('');
  const [duration, setDuration] = useState<RentalDurationKey | null>(null);
  const [understood, setUnderstood] = useState(false);
  const prices = useLoad(() => request('rentals.prices', { service }), [service], { enabled: open && service !== '' });
  const create = useAction((confirmedPrice: number, d: RentalDurationKey) =>
    request('rental.create', { service, duration: d, confirmedPrice }),
  );
  const locale = uiLocale();

  if (!open) {
    return (
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        {t('rentalNew')}
      </button>
    );
  }

  const chosen = prices.data?.durations.find((d) => d.duration === duration) ?? null;
  const serviceName = services.data?.find((s) => s.service === service)?.name ?? service;
  const close = () => {
    setOpen(false);
    setService('');
    setDuration(null);
    setUnderstood(false);
    create.clearError();
  };

  return (
    <form
      className="rental-create card"
      aria-labelledby={`${id}-title`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!chosen || !duration || !understood) return;
        const rental = await create.run(chosen.price, duration);
        if (rental) {
          onCreated(rental);
          close();
        }
      }}
    >
      <h3 id={`${id}-title`}>{t('rentalNewTitle')}</h3>
      <p className="hint">{t('rentalIntro')}</p>
      {services.error && <ErrorMessage error={services.error} onRetry={services.reload} />}
      {services.loading && !services.data && <SkeletonList rows={1} />}
      {services.data && (
        <div className="field">
          <label htmlFor={`${id}-service`}>{t('rentalServiceLabel')}</label>
          <select
            id={`${id}-service`}
            value={service}
            onChange={(e) => {
              setService(e.target.value);
              setDuration(null);
              setUnderstood(false);
              create.clearError();
            }}
          >
            <option value="">{t('rentalServiceChoose')}</option>
            {services.data.map((s) => (
              <option key={s.service} value={s.service}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}

      {service && prices.error && <ErrorMessage error={prices.error} onRetry={prices.reload} />}
      {service && prices.loading && !prices.data && <SkeletonList rows={3} label={t('rentalPricesLoading')} />}
      {service && prices.data && (
        <fieldset className="durations">
          <legend>{t('rentalDurationLegend')}</legend>
          {prices.data.durations.length === 0 && <p className="empty-hint">{t('rentalNoPrices')}</p>}
          <ul className="country-list">
            {prices.data.durations.map((d) => {
              const known = isKnownDuration(d.duration);
              return (
                <li key={d.duration}>
                  <label className={`country-option${duration === d.duration ? ' selected' : ''}${known ? '' : ' out'}`}>
                    <input
                      type="radio"
                      name={`${id}-duration`}
                      value={d.duration}
                      checked={duration === d.duration}
                      disabled={!known}
                      onChange={() => {
                        if (isKnownDuration(d.duration)) setDuration(d.duration);
                        setUnderstood(false);
                      }}
                    />
                    <span className="country-name">{durationText(d.days)}</span>
                    <span className="country-price">{formatMoney(d.price, currency, locale)}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}

      {chosen && (
        <div className="confirm warning-box">
          <p>{t('rentalTotal', [formatMoney(chosen.price, currency, locale), serviceName, durationText(chosen.days)])}</p>
          <p>
            <strong>{t('rentalNonRefundable')}</strong>
          </p>
          <p className="meta">{t('rentalEndsApprox', formatDateTime(Date.now() + chosen.days * 86_400_000, locale))}</p>
          <label className="check">
            <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} />
            {t('rentalUnderstand')}
          </label>
        </div>
      )}

      <ErrorMessage error={create.error} />
      <div className="actions">
        {chosen && (
          <button type="submit" className="primary" disabled={!understood || create.pending}>
            {create.pending ? t('rentalCreating') : t('rentalConfirm', formatMoney(chosen.price, currency, locale))}
          </button>
        )}
        <button type="button" className="secondary" onClick={close}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
