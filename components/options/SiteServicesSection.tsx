import { useState } from 'react';
import type { Settings } from '../../lib/state/schema';
import { t } from '../../lib/i18n/i18n';
import type { ServiceItem } from '../../lib/ui/services';
import { siteLabel } from '../../lib/ui/sites';
import { SettingsSection } from './SettingsSection';

/** The sites the user said to treat as a service's (chosen in the popup), each removable. */
export function SiteServicesSection({ settings, services }: { settings: Settings; services: readonly ServiceItem[] | null }) {
  // Removals, applied on Save to what is stored then: a site chosen in the popup meanwhile stays.
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const shown = settings.siteServices.filter((s) => !removed.has(s.site));
  const nameOf = (id: string) => services?.find((s) => s.id === id)?.name ?? id;

  return (
    <SettingsSection
      title={t('optionsSiteServicesTitle')}
      description={t('optionsSiteServicesHint')}
      dirty={removed.size > 0}
      onSaved={() => setRemoved(new Set())}
      collect={() => ({ siteServices: shown })}
    >
      {shown.length === 0 ? (
        <p className="hint">{t('optionsSiteServicesNone')}</p>
      ) : (
        <ul className="site-list" aria-label={t('optionsSiteServicesLabel')}>
          {shown.map(({ site, service }) => (
            <li key={site}>
              <span>{t('optionsSiteServiceItem', [siteLabel(site), nameOf(service)])}</span>
              <button
                type="button"
                className="link-button"
                aria-label={t('removeSiteLabel', siteLabel(site))}
                onClick={() => setRemoved((r) => new Set([...r, site]))}
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
