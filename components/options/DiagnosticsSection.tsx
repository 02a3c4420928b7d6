import { useId } from 'react';
import { request } from '../../lib/messaging/client';
import { formatDiagnostics } from '../../lib/diagnostics/entries';
import { t } from '../../lib/i18n/i18n';
import { CopyButton } from '../common/CopyButton';
import { ErrorMessage } from '../common/ErrorMessage';
import { useAction, useLoad } from '../common/hooks';

/**
 * The diagnostics log (requests and failures, never a secret) as text a user can read and copy
 * into a support request. Shown as text, like everything that came from outside.
 */
export function DiagnosticsSection() {
  const id = useId();
  const log = useLoad(() => request('diagnostics.get', {}), [], { keepPrevious: true });
  const clear = useAction(async () => {
    await request('diagnostics.clear', {});
    log.reload();
  });
  const entries = log.data?.entries ?? [];
  const text = formatDiagnostics(entries);
  return (
    <section className="settings-section card diagnostics" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('optionsDiagnosticsTitle')}</h2>
      <p className="hint">{t('optionsDiagnosticsIntro')}</p>
      <ErrorMessage error={log.error ?? clear.error} onRetry={log.reload} />
      {log.data &&
        (entries.length === 0 ? (
          <p className="hint">{t('diagnosticsEmpty')}</p>
        ) : (
          <p className="hint">{t('diagnosticsCount', entries.length)}</p>
        ))}
      {entries.length > 0 && (
        <pre className="diagnostics-log" tabIndex={0} aria-label={t('diagnosticsLogLabel')} data-testid="diagnostics-log">
          {text}
        </pre>
      )}
      <div className="actions">
        {entries.length > 0 && (
          <CopyButton text={text} label={t('diagnosticsCopyLabel')} className="primary">
            {t('diagnosticsCopy')}
          </CopyButton>
        )}
        <button type="button" onClick={log.reload} disabled={log.loading}>
          {t('diagnosticsRefresh')}
        </button>
        {entries.length > 0 && (
          <button type="button" onClick={() => void clear.run()} disabled={clear.pending}>
            {t('diagnosticsClear')}
          </button>
        )}
      </div>
    </section>
  );
}
