import type { UserError } from '../../lib/messaging/protocol';
import { errorText, safeLink } from '../../lib/ui/errors';
import { formatCountdown } from '../../lib/i18n/format';
import { t } from '../../lib/i18n/i18n';
import { useRetryWait } from './hooks';

interface Props {
  error: UserError | null;
  onRetry?: () => void;
  onDismiss?: () => void;
  id?: string;
}

/** Says where the link goes: the top-up page, numpool.com, or just "open". */
function linkText(kind: string, link: string): string {
  if (kind === 'insufficient-funds') return t('linkTopUp');
  return new URL(link).hostname.endsWith('numpool.com') ? t('linkNumpool') : t('linkOpen');
}

/**
 * The background's sentence as it came, with its link (top-up, key page) when it has one. When
 * NumPool asked to wait, "Try again" counts down and stays disabled until then.
 */
export function ErrorMessage({ error, onRetry, onDismiss, id }: Props) {
  const wait = useRetryWait(error);
  if (!error) return null;
  const link = safeLink(error.link);
  return (
    <div className="error" role="alert" id={id}>
      <p>{errorText(error)}</p>
      {(link || onRetry || onDismiss) && (
        <p className="error-actions">
          {link && (
            <a href={link} target="_blank" rel="noreferrer">
              {linkText(error.kind, link)}
            </a>
          )}
          {onRetry && (
            <button type="button" className="link-button" disabled={wait > 0} onClick={onRetry}>
              {wait > 0 ? t('retryIn', formatCountdown(wait)) : t('retry')}
            </button>
          )}
          {onDismiss && (
            <button type="button" className="link-button" onClick={onDismiss}>
              {t('dismissError')}
            </button>
          )}
        </p>
      )}
    </div>
  );
}
