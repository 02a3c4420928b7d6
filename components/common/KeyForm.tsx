import { useId, useState } from 'react';
import { request } from '../../lib/messaging/client';
import type { ResponseOf } from '../../lib/messaging/protocol';
import { t, type MessageKey } from '../../lib/i18n/i18n';
import { ErrorMessage } from './ErrorMessage';
import { useAction } from './hooks';

interface Props {
  onSaved: (balance: ResponseOf<'key.set'>) => void;
  onCancel?: () => void;
  autoFocus?: boolean;
}

/**
 * Asks for the API key and checks it (`key.set` reads the balance with it). The field is a
 * password field and is emptied once the key is saved: the key is never shown again.
 */
export function KeyForm({ onSaved, onCancel, autoFocus }: Props) {
  const id = useId();
  const [value, setValue] = useState('');
  const [show, setShow] = useState(false);
  const [problem, setProblem] = useState<MessageKey | null>(null);
  const save = useAction((apiKey: string) => request('key.set', { apiKey }));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const key = value.trim();
    if (!key) return setProblem('errorKeyRequired');
    if (key.length < 8 || key.length > 256 || /\s/.test(key)) return setProblem('errorKeyFormat');
    setProblem(null);
    const balance = await save.run(key);
    if (balance) {
      setValue('');
      onSaved(balance);
    }
  };

  const invalid = problem !== null || save.error !== null;
  return (
    <form className="key-form" onSubmit={submit} noValidate>
      <label htmlFor={`${id}-key`}>{t('keyLabel')}</label>
      <div className="input-row">
        <input
          id={`${id}-key`}
          name="apiKey"
          type={show ? 'text' : 'password'}
          autoComplete="off"
          spellCheck={false}
          autoFocus={autoFocus}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setProblem(null);
          }}
          aria-invalid={invalid}
          aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}${save.error ? ` ${id}-error` : ''}`}
          placeholder={t('keyPlaceholder')}
        />
        <button type="button" className="secondary" aria-pressed={show} onClick={() => setShow((s) => !s)}>
          {show ? t('keyHide') : t('keyShow')}
        </button>
      </div>
      <p id={`${id}-hint`} className="hint">
        {t('keyHint')}
      </p>
      {problem && (
        <p id={`${id}-problem`} className="field-error" role="alert">
          {t(problem)}
        </p>
      )}
      <ErrorMessage id={`${id}-error`} error={save.error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.pending}>
          {save.pending ? t('keyChecking') : t('keySave')}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
