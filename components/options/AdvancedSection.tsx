import { useState } from 'react';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/state/schema';
import { t } from '../../lib/i18n/i18n';
import { isInsecureRemote, parseBaseUrl } from '../../lib/ui/settings-form';
import { TextField } from '../common/Fields';
import { SettingsSection } from './SettingsSection';

/** The API base URL: numpool.com normally, the local sandbox for trying things without money. */
export function AdvancedSection({ settings }: { settings: Settings }) {
  const [url, setUrl] = useState(settings.apiBaseUrl);
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const parsed = parseBaseUrl(url);
  return (
    <SettingsSection
      title={t('optionsAdvancedTitle')}
      description={t('optionsAdvancedIntro')}
      dirty={dirty}
      onSaved={() => setDirty(false)}
      collect={() => {
        setError(parsed.ok ? null : t(parsed.error));
        return parsed.ok ? { apiBaseUrl: parsed.value } : null;
      }}
    >
      <TextField
        label={t('optionsBaseUrl')}
        name="apiBaseUrl"
        type="url"
        inputMode="url"
        value={url}
        error={error}
        hint={t('optionsBaseUrlHint', DEFAULT_SETTINGS.apiBaseUrl)}
        onChange={(v) => {
          setUrl(v);
          setError(null);
          setDirty(true);
        }}
      />
      {parsed.ok && isInsecureRemote(parsed.value) && <p className="warning">{t('optionsBaseUrlInsecure')}</p>}
      {url !== DEFAULT_SETTINGS.apiBaseUrl && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setUrl(DEFAULT_SETTINGS.apiBaseUrl);
            setError(null);
            setDirty(true);
          }}
        >
          {t('optionsBaseUrlReset')}
        </button>
      )}
    </SettingsSection>
  );
}
