import { useState } from 'react';
import type { PopupSnapshot, UserError } from '../../lib/messaging/protocol';
import { formatMoney } from '../../lib/i18n/format';
import { t, uiLocale } from '../../lib/i18n/i18n';
import { ErrorMessage } from '../common/ErrorMessage';
import { KeyManager } from '../common/KeyManager';
import { SkeletonList } from '../common/Placeholders';

interface Props {
  snapshot: PopupSnapshot | null;
  snapshotError: UserError | null;
  onRetry: () => void;
  onChanged: () => void;
}

/** The key as a masked hint, replace and remove; a new key is checked before it is kept. */
export function ApiKeySection({ snapshot, snapshotError, onRetry, onChanged }: Props) {
  const [note, setNote] = useState('');
  return (
    <section className="settings-section card" aria-labelledby="key-title">
      <h2 id="key-title">{t('optionsKeyTitle')}</h2>
      <p className="hint">
        {t('optionsKeyIntro')}{' '}
        <a href="https://numpool.com" target="_blank" rel="noreferrer">
          {t('linkCreateKey')}
        </a>
      </p>
      {snapshotError && !snapshot && <ErrorMessage error={snapshotError} onRetry={onRetry} />}
      {!snapshot && !snapshotError && <SkeletonList rows={1} />}
      {snapshot && (
        <KeyManager
          hasKey={snapshot.hasKey}
          keyHint={snapshot.keyHint}
          onSaved={(balance) => {
            setNote(t('keySavedBalance', formatMoney(balance.amount, balance.currency, uiLocale())));
            onChanged();
          }}
          onRemoved={() => {
            setNote(t('keyRemoved'));
            onChanged();
          }}
        />
      )}
      <p role="status" className={note ? 'success' : 'visually-hidden'}>
        {note}
      </p>
    </section>
  );
}
