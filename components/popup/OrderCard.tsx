import { useEffect, useRef } from 'react';
import { request } from '../../lib/messaging/client';
import type { Order } from '../../lib/state/schema';
import { countryInfo } from '../../lib/ui/countries';
import { formatCountdown, formatMoney, formatWhen } from '../../lib/i18n/format';
import { t, uiLocale } from '../../lib/i18n/i18n';
import { canCancel, canDismiss, messagesNewestFirst, statusLabel, statusTone, timeLeftMs } from '../../lib/ui/orders';
import { CopyButton } from '../common/CopyButton';
import type { KnownCountries } from '../common/cache';
import { ErrorMessage } from '../common/ErrorMessage';
import { Flag } from '../common/Flag';
import { useAction } from '../common/hooks';

interface Props {
  order: Order;
  serviceName: string;
  countries: KnownCountries;
  now: number;
  currency: string;
  focus: boolean;
}

/** One active order: the number, its live status, the code when it comes, cancel or dismiss. */
export function OrderCard({ order, serviceName, countries, now, currency, focus }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cancel = useAction(() => request('order.cancel', { orderId: order.orderId }));
  const dismiss = useAction(() => request('order.dismiss', { orderId: order.orderId }));
  const locale = uiLocale();

  useEffect(() => {
    if (focus) headingRef.current?.focus();
  }, [focus]);

  const country = countryInfo(order.country, countries);
  const messages = messagesNewestFirst(order.messages);
  const [latest, ...earlier] = messages;
  const left = timeLeftMs(order, now);
  const headingId = `order-${order.orderId}`;

  return (
    <article className={`order-card tone-${statusTone(order.state)}`} aria-labelledby={headingId} data-order-id={order.orderId}>
      <header className="order-head">
        <h3 id={headingId} ref={headingRef} tabIndex={-1}>
          {serviceName}
          {country && (
            <span className="order-country">
              {' · '}
              <Flag iso2={country.iso2} /> {country.name}
            </span>
          )}
        </h3>
        <span className={`pill tone-${statusTone(order.state)}`} role="status" data-testid="order-status">
          {statusLabel(order.state, order.rawStatus)}
        </span>
      </header>

      <div className="order-number">
        <span className="number" data-testid="order-number">
          {order.number}
        </span>
        <CopyButton text={order.number} label={t('copyNumberLabel', order.number)} />
      </div>

      {order.state === 'waiting' && messages.length === 0 && (
        <p className="waiting-line">
          <span className="pulse" aria-hidden="true" />
          {left !== null ? t('autoCancelIn', formatCountdown(left)) : t('waitingForSms')}
        </p>
      )}

      {latest && (
        <div className="sms">
          {latest.code ? (
            <div className="code-row">
              <span className="code" data-testid="order-code">
                {latest.code}
              </span>
              <CopyButton className="primary" text={latest.code} label={t('copyCodeLabel', latest.code)}>
                {t('copyCode')}
              </CopyButton>
            </div>
          ) : null}
          {latest.text && <p className="sms-text">{latest.text}</p>}
          <p className="meta">{t('receivedAt', formatWhen(latest.at, now, locale))}</p>
        </div>
      )}

      {earlier.length > 0 && (
        <details className="earlier">
          <summary>{t('earlierMessages', earlier.length)}</summary>
          <ul>
            {earlier.map((m, i) => (
              <li key={`${m.at}-${i}`}>
                {m.code && (
                  <div className="code-row small">
                    <span className="code">{m.code}</span>
                    <CopyButton text={m.code} label={t('copyCodeLabel', m.code)} />
                  </div>
                )}
                {m.text && <p className="sms-text">{m.text}</p>}
                <p className="meta">{formatWhen(m.at, now, locale)}</p>
              </li>
            ))}
          </ul>
        </details>
      )}

      {order.state === 'cancelled' && (
        <p className="meta">
          {order.refunded !== null ? t('refunded', formatMoney(order.refunded, currency, locale)) : t('cancelledNoRefund')}
        </p>
      )}
      {order.state === 'expired' && <p className="meta">{t('expiredNote')}</p>}

      <ErrorMessage error={cancel.error ?? dismiss.error} />
      <div className="actions">
        {canCancel(order) && (
          <button
            type="button"
            className="secondary"
            disabled={cancel.pending}
            onClick={() => void cancel.run()}
            aria-label={t('cancelOrderLabel', [order.number, formatMoney(order.cost, currency, locale)])}
          >
            {cancel.pending ? t('cancelling') : t('cancelOrder', formatMoney(order.cost, currency, locale))}
          </button>
        )}
        {canDismiss(order) && (
          <button
            type="button"
            className="secondary"
            disabled={dismiss.pending}
            onClick={() => void dismiss.run()}
            aria-label={t('dismissOrderLabel', order.number)}
          >
            {t('dismiss')}
          </button>
        )}
      </div>
    </article>
  );
}
