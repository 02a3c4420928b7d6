import { useState } from 'react';
import { request } from '../../lib/messaging/client';
import { t } from '../../lib/i18n/i18n';
import type { ServiceItem } from '../../lib/ui/services';
import { siteLabel } from '../../lib/ui/sites';
import { ErrorMessage } from '../common/ErrorMessage';
import { useAction } from '../common/hooks';

/**
 * On a site that matches no service, once a service is chosen: "use it on this site from now on".
 * The background takes the site from the tab's address, never from the page.
 */
export function SiteChoice({ tabId, site, service }: { tabId: number; site: string; service: ServiceItem }) {
  const [done, setDone] = useState<{ site: string; service: string } | null>(null);
  const remember = useAction(() => request('site.useService', { tabId, service: service.id }));
  if (done?.service === service.id) {
    return (
      <p className="hint" role="status">
        {t('siteUsesService', [service.name, siteLabel(done.site)])}
      </p>
    );
  }
  return (
    <div className="site-choice">
      <button
        type="button"
        className="secondary"
        disabled={remember.pending}
        onClick={async () => {
          const result = await remember.run();
          if (result) setDone({ site: result.site, service: service.id });
        }}
      >
        {t('siteUseService', [service.name, siteLabel(site)])}
      </button>
      <ErrorMessage error={remember.error} onDismiss={remember.clearError} />
    </div>
  );
}
