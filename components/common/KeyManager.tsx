import { useState } from 'react';
import { request } from '../../lib/messaging/client';
import type { ResponseOf } from '../../lib/messaging/protocol';
import { t } from '../../lib/i18n/i18n';
import { ErrorMessage } from './ErrorMessage';
import { KeyForm } from './KeyForm';
import { useAction } from './hooks';

interface Props {
  hasKey: boolean;
  /** e.g. `np_live_…f00d`, from `snapshot.get`. */
  keyHint: string | null;
  onSaved: (balance: ResponseOf<'key.set'>) => void;
  onRemoved: () => void;
}

/** The saved key as a masked hint, with replace and remove (remove asks first). */
export function KeyManager({ hasKey, keyHint, onSaved, onRemoved }: Props) {
  const [mode, setMode] = useState<'view' | 'replace' | 'confirm-remove'>('view');
  const remove = useAction(() => request('key.remove', {}));

  if (!hasKey || mode === 'replace') {
    return (
      <KeyForm
        autoFocus={mode === 'replace'}
        onSaved={(balance) => {
          setMode('view');
          onSaved(balance);
        }}
        onCancel={hasKey ? () => setMode('view') : undefined}
      />
    );
  }
  return (
    <div className="key-manager">
      <p>
        {t('keySaved')} <code className="key-hint">{keyHint ?? t('keyHidden')}</code>
      </p>
      {mode === 'confirm-remove' ? (
        <div className="confirm" role="group" aria-label={t('keyRemoveConfirmLabel')}>
          <p>{t('keyRemoveConfirm')}</p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={remove.pending}
              onClick={async () => {
                if (await remove.run()) {
                  setMode('view');
                  onRemoved();
                }
              }}
            >
              {t('keyRemoveYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setMode('view')}>
              {t('cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setMode('replace')}>
            {t('keyReplace')}
          </button>
          <button type="button" className="secondary" onClick={() => setMode('confirm-remove')}>
            {t('keyRemove')}
          </button>
        </div>
      )}
      <ErrorMessage error={remove.error} />
    </div>
  );
}
