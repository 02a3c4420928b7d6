import { useId, useState } from 'react';
import { request } from '../../lib/messaging/client';
import type { Settings } from '../../lib/state/schema';
import { t } from '../../lib/i18n/i18n';
import { ErrorMessage } from '../common/ErrorMessage';
import { useAction } from '../common/hooks';

interface Props {
  title: string;
  description?: string;
  /** The change to save, or null when a field is invalid (the section then says so and saves nothing). */
  collect: () => Partial<Settings> | null;
  onSaved?: (settings: Settings) => void;
  children: React.ReactNode;
  /** Text changed since the last save: the "Saved" note goes away. */
  dirty: boolean;
}

/**
 * One group of settings with its own Save: a bad value in one group never blocks or loses the
 * others, and what was typed stays in the fields until it is fixed.
 */
export function SettingsSection({ title, description, collect, onSaved, children, dirty }: Props) {
  const id = useId();
  const [status, setStatus] = useState<'idle' | 'invalid' | 'saved'>('idle');
  const save = useAction((patch: Partial<Settings>) => request('settings.update', patch));
  const shown = dirty && status === 'saved' ? 'idle' : status;

  return (
    <section className="settings-section card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {description && <p className="hint">{description}</p>}
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          const patch = collect();
          if (!patch) {
            setStatus('invalid');
            return;
          }
          setStatus('idle');
          const saved = await save.run(patch);
          if (saved) {
            setStatus('saved');
            onSaved?.(saved);
          }
        }}
      >
        {children}
        <ErrorMessage error={save.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={save.pending}>
            {save.pending ? t('saving') : t('save')}
          </button>
          <p
            role="status"
            className={shown === 'saved' ? 'success inline' : shown === 'invalid' ? 'field-error inline' : 'visually-hidden'}
          >
            {shown === 'saved' ? t('saved') : shown === 'invalid' ? t('fixFields') : ''}
          </p>
        </div>
      </form>
    </section>
  );
}
