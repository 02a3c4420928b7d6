import { useId, useState } from 'react';
import type { Settings } from '../../lib/state/schema';
import { t } from '../../lib/i18n/i18n';
import { addSite, parseSite } from '../../lib/ui/settings-form';
import { Switch } from '../common/Fields';
import { SettingsSection } from './SettingsSection';

/** Autofill on or off, and the sites where it stays off. */
export function AutofillSection({ settings }: { settings: Settings }) {
  const id = useId();
  const [autofill, setAutofill] = useState(settings.autofill);
  const [fieldButton, setFieldButton] = useState(settings.fieldButton);
  const [sites, setSites] = useState<string[]>(settings.autofillDisabledSites);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);

  const add = () => {
    const parsed = parseSite(draft);
    if (!parsed.ok) {
      setError(t(parsed.error));
      return false;
    }
    setSites((s) => addSite(s, parsed.value));
    setDraft('');
    setError(null);
    setDirty(true);
    return true;
  };

  return (
    <SettingsSection
      title={t('optionsAutofillTitle')}
      dirty={dirty}
      onSaved={() => setDirty(false)}
      collect={() => {
        // A site typed but not added yet is added on save rather than silently dropped.
        if (draft.trim()) {
          const parsed = parseSite(draft);
          if (!parsed.ok) {
            setError(t(parsed.error));
            return null;
          }
          const next = addSite(sites, parsed.value);
          setSites(next);
          setDraft('');
          return { autofill, fieldButton, autofillDisabledSites: next };
        }
        return { autofill, fieldButton, autofillDisabledSites: sites };
      }}
    >
      <Switch
        label={t('optionsAutofill')}
        hint={t('optionsAutofillHint')}
        checked={autofill}
        onChange={(v) => {
          setAutofill(v);
          setDirty(true);
        }}
      />
      <Switch
        label={t('optionsFieldButton')}
        hint={t('optionsFieldButtonHint')}
        checked={fieldButton}
        onChange={(v) => {
          setFieldButton(v);
          setDirty(true);
        }}
      />
      <div className={`field${error ? ' invalid' : ''}`}>
        <label htmlFor={`${id}-site`}>{t('optionsAutofillSiteAdd')}</label>
        <div className="input-row">
          <input
            id={`${id}-site`}
            type="text"
            inputMode="url"
            value={draft}
            placeholder={t('sitePlaceholder')}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
            onChange={(e) => {
              setDraft(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }}
          />
          <button type="button" className="secondary" onClick={add}>
            {t('add')}
          </button>
        </div>
        <p id={`${id}-hint`} className="hint">
          {t('optionsAutofillSitesHint')}
        </p>
        {error && (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        )}
      </div>
      {sites.length === 0 ? (
        <p className="hint">{t('optionsAutofillNoSites')}</p>
      ) : (
        <ul className="site-list" aria-label={t('optionsAutofillSitesLabel')}>
          {sites.map((site) => (
            <li key={site}>
              <span>{site}</span>
              <button
                type="button"
                className="link-button"
                aria-label={t('removeSiteLabel', site)}
                onClick={() => {
                  setSites((s) => s.filter((x) => x !== site));
                  setDirty(true);
                }}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </SettingsSection>
  );
}
