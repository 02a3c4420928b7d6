import { useCallback, useEffect, useState } from 'react';
import { request } from '../../lib/messaging/client';
import type { PopupSnapshot, UserError } from '../../lib/messaging/protocol';
import { toUserError } from '../../lib/ui/errors';
import { t } from '../../lib/i18n/i18n';
import { cache } from '../common/cache';
import { useLoad, useStoredData } from '../common/hooks';
import { SkeletonList } from '../common/Placeholders';
import { AdvancedSection } from './AdvancedSection';
import { AlertsSection } from './AlertsSection';
import { ApiKeySection } from './ApiKeySection';
import { AutofillSection } from './AutofillSection';
import { SiteServicesSection } from './SiteServicesSection';
import { DiagnosticsSection } from './DiagnosticsSection';
import { BuyingSection } from './BuyingSection';
import { FavouritesSection } from './FavouritesSection';
import { ShortcutsSection } from './ShortcutsSection';

/**
 * The options page. Settings are read from storage at once; each section saves its own part with
 * `settings.update`. The forms start from the stored values and are not reset by later changes.
 */
export function OptionsApp() {
  const stored = useStoredData();
  const [snapshot, setSnapshot] = useState<PopupSnapshot | null>(null);
  const [snapshotError, setSnapshotError] = useState<UserError | null>(null);
  const [countries] = useState(() => cache.countries());
  const [cachedServices] = useState(() => cache.services());

  const loadSnapshot = useCallback(() => {
    setSnapshotError(null);
    request('snapshot.get', {}).then(setSnapshot, (e: unknown) => setSnapshotError(toUserError(e, 'errorUnexpected')));
  }, []);
  useEffect(loadSnapshot, [loadSnapshot]);
  useEffect(() => {
    document.title = t('optionsTitle');
  }, []);

  const services = useLoad(() => request('services.list', {}), [snapshot?.hasKey], { enabled: snapshot?.hasKey === true });
  useEffect(() => {
    if (services.data) cache.saveServices(services.data);
  }, [services.data]);

  const currency = stored?.state.balance?.currency ?? snapshot?.balance?.currency ?? 'USD';
  const settings = stored?.settings ?? null;

  return (
    <div className="options">
      <header className="options-header">
        <h1>{t('optionsTitle')}</h1>
        <p className="hint">{t('optionsIntro')}</p>
      </header>
      <main>
        <ApiKeySection snapshot={snapshot} snapshotError={snapshotError} onRetry={loadSnapshot} onChanged={loadSnapshot} />
        {!settings ? (
          <SkeletonList rows={6} />
        ) : (
          <>
            <BuyingSection settings={settings} countries={countries} currency={currency} />
            <FavouritesSection settings={settings} services={services.data ?? cachedServices} />
            <AlertsSection settings={settings} currency={currency} />
            <AutofillSection settings={settings} />
            <SiteServicesSection settings={settings} services={services.data ?? cachedServices} />
            <ShortcutsSection />
            <AdvancedSection settings={settings} />
          </>
        )}
        <DiagnosticsSection />
      </main>
    </div>
  );
}
