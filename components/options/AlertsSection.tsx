import { useState } from 'react';
import type { Settings } from '../../lib/state/schema';
import { t } from '../../lib/i18n/i18n';
import { parseThreshold } from '../../lib/ui/settings-form';
import { Switch, TextField } from '../common/Fields';
import { SettingsSection } from './SettingsSection';

/** Notifications, the toolbar badge and the low-balance warning. */
export function AlertsSection({ settings, currency }: { settings: Settings; currency: string }) {
  const [notifications, setNotifications] = useState(settings.notifications);
  const [badge, setBadge] = useState(settings.badge);
  const [threshold, setThreshold] = useState(String(settings.lowBalanceThreshold));
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  return (
    <SettingsSection
      title={t('optionsAlertsTitle')}
      dirty={dirty}
      onSaved={() => setDirty(false)}
      collect={() => {
        const parsed = parseThreshold(threshold);
        setError(parsed.ok ? null : t(parsed.error));
        return parsed.ok ? { notifications, badge, lowBalanceThreshold: parsed.value } : null;
      }}
    >
      <Switch
        label={t('optionsNotifications')}
        hint={t('optionsNotificationsHint')}
        checked={notifications}
        onChange={(v) => {
          setNotifications(v);
          setDirty(true);
        }}
      />
      <Switch
        label={t('optionsBadge')}
        hint={t('optionsBadgeHint')}
        checked={badge}
        onChange={(v) => {
          setBadge(v);
          setDirty(true);
        }}
      />
      <TextField
        label={t('optionsLowBalance')}
        hint={t('optionsLowBalanceHint')}
        value={threshold}
        error={error}
        inputMode="decimal"
        unit={currency}
        onChange={(v) => {
          setThreshold(v);
          setDirty(true);
        }}
      />
    </SettingsSection>
  );
}
