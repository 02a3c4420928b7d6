import { useId, useState } from 'react';
import { request } from '../../lib/messaging/client';
import { countryInfo } from '../../lib/ui/countries';
import { formatMoney, formatWhen } from '../../lib/i18n/format';
import { t, uiLocale } from '../../lib/i18n/i18n';
import { statusLabel, statusTone } from '../../lib/ui/orders';
import { nextOffset, pageInfo, previousOffset } from '../../lib/ui/paging';
import { serviceName, type ServiceItem } from '../../lib/ui/services';
import type { KnownCountries } from '../common/cache';
import { CopyButton } from '../common/CopyButton';
import { ErrorMessage } from '../common/ErrorMessage';
import { Flag } from '../common/Flag';
import { useLoad } from '../common/hooks';
import { EmptyState, SkeletonList } from '../common/Placeholders';

export const HISTORY_PAGE_SIZE = 20;

interface Props {
  services: readonly ServiceItem[];
  countries: KnownCountries;
  currency: string;
}

/** Every order on the account, 20 at a time, from the server (`GET /orders`). */
export function History({ services, countries, currency }: Props) {
  const id = useId();
  const [offset, setOffset] = useState(0);
  const page = useLoad(() => request('history.page', { limit: HISTORY_PAGE_SIZE, offset }), [offset], { keepPrevious: true });
  const locale = uiLocale();
  const now = Date.now();
  const items = page.data?.items ?? null;
  const info = items ? pageInfo(offset, HISTORY_PAGE_SIZE, items.length, page.data?.total ?? null) : null;

  return (
    <section className="history" aria-labelledby={`${id}-title`} aria-busy={page.loading}>
      <h2 id={`${id}-title`}>{t('historyTitle')}</h2>
      {page.error && <ErrorMessage error={page.error} onRetry={page.reload} />}
      {!items && page.loading && <SkeletonList rows={5} label={t('historyLoading')} />}
      {items && items.length === 0 && offset === 0 && <EmptyState title={t('historyEmpty')} hint={t('historyEmptyHint')} />}
      {items && items.length === 0 && offset > 0 && <EmptyState title={t('historyEnd')} />}
      {items && items.length > 0 && (
        <ol className="history-list" start={offset + 1}>
          {items.map((item) => {
            const country = countryInfo(item.country, countries);
            return (
              <li key={item.orderId} className="history-item">
                <div className="history-main">
                  <strong>{serviceName(item.service, services) || t('serviceUnknown')}</strong>
                  {country && (
                    <span className="muted">
                      {' · '}
                      <Flag iso2={country.iso2} /> {country.name}
                    </span>
                  )}
                  <span className={`pill tone-${statusTone(item.state)}`}>{statusLabel(item.state, item.rawStatus)}</span>
                </div>
                <div className="history-detail">
                  {item.number && <span className="number">{item.number}</span>}
                  {item.cost !== null && <span>{formatMoney(item.cost, currency, locale)}</span>}
                  {item.createdAt && <span className="muted">{formatWhen(item.createdAt, now, locale)}</span>}
                </div>
                {item.code && (
                  <div className="code-row small">
                    <span className="muted">{t('codeLabel')}</span> <span className="code">{item.code}</span>
                    <CopyButton text={item.code} label={t('copyCodeLabel', item.code)} />
                  </div>
                )}
                {item.text && <p className="sms-text">{item.text}</p>}
              </li>
            );
          })}
        </ol>
      )}
      {info && (info.hasPrevious || info.hasNext) && (
        <nav className="pager" aria-label={t('historyPaging')}>
          <button
            type="button"
            className="secondary"
            disabled={!info.hasPrevious || page.loading}
            onClick={() => setOffset(previousOffset(offset, HISTORY_PAGE_SIZE))}
          >
            {t('pageNewer')}
          </button>
          <span aria-live="polite">
            {info.from === 0
              ? ''
              : info.total !== null
                ? t('pageRangeOf', [info.from, info.to, info.total])
                : t('pageRange', [info.from, info.to])}
          </span>
          <button
            type="button"
            className="secondary"
            disabled={!info.hasNext || page.loading}
            onClick={() => setOffset(nextOffset(offset, HISTORY_PAGE_SIZE))}
          >
            {t('pageOlder')}
          </button>
        </nav>
      )}
    </section>
  );
}
