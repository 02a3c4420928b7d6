import type { UserError } from '../../lib/messaging/protocol';
import { NUMPOOL_SITE } from '../../lib/numpool/constants';
import type { EngineState } from '../../lib/state/schema';
import { formatMoney } from '../../lib/i18n/format';
import { t, uiLocale } from '../../lib/i18n/i18n';
import { ErrorMessage } from '../common/ErrorMessage';
import { useRetryWait } from '../common/hooks';

interface Props {
  balance: EngineState['balance'];
  refreshing: boolean;
  error: UserError | null;
  lowThreshold: number;
  onRefresh: () => void;
}

/** The wallet balance, always in view; warns below the low-balance threshold. */
export function BalanceBar({ balance, refreshing, error, lowThreshold, onRefresh }: Props) {
  const low = balance !== null && balance.amount < lowThreshold;
  // After a 429, refreshing before the server's Retry-After could only fail again.
  const wait = useRetryWait(error);
  return (
    <div className="balance-bar">
      <p className="balance" aria-live="polite" aria-busy={refreshing}>
        <span className="balance-label">{t('balance')}</span>{' '}
        {balance ? (
          <strong className={`balance-amount${low ? ' low' : ''}`} data-testid="balance">
            {formatMoney(balance.amount, balance.currency, uiLocale())}
          </strong>
        ) : refreshing ? (
          <span className="skeleton-bar inline" aria-label={t('loading')} role="img" />
        ) : (
          <span className="balance-unknown">{t('balanceUnknown')}</span>
        )}
        <button
          type="button"
          className={`icon-button${refreshing ? ' spinning' : ''}`}
          onClick={onRefresh}
          disabled={refreshing || wait > 0}
          aria-label={t('balanceRefresh')}
          title={t('balanceRefresh')}
        >
          <span aria-hidden="true">↻</span>
        </button>
      </p>
      {low && (
        <p className="warning" role="status">
          {t('balanceLow', formatMoney(lowThreshold, balance.currency, uiLocale()))}{' '}
          <a href={NUMPOOL_SITE} target="_blank" rel="noreferrer">
            {t('linkTopUp')}
          </a>
        </p>
      )}
      <ErrorMessage error={error} />
    </div>
  );
}
