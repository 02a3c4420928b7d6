import type { SiteService } from '../../state/schema';
import { siteOf, type Scheme } from './page-site';
import { serviceForHost, type ServiceWithDomain } from './site-service';

/** A page as the browser reports it: what the service of a page is decided on. */
export interface PageLocation {
  host: string | null;
  scheme: Scheme | null;
}

/**
 * The service a page belongs to: the one the user chose for its site, else the one whose domains
 * it is on (the API's and `lib/sites/service-domains.ts`). The user's choice wins: it is an
 * explicit statement about this very site, shown and removable in the options. A chosen service
 * the API no longer sells is ignored. Nothing here comes from the page's content.
 */
export function serviceForPage<T extends ServiceWithDomain>(
  page: PageLocation,
  services: readonly T[],
  chosen: readonly SiteService[],
): T | null {
  const site = siteOf(page.scheme, page.host);
  const choice = site ? chosen.find((c) => c.site === site) : undefined;
  const service = choice ? services.find((s) => s.id === choice.service) : undefined;
  if (service) return service;
  return page.host ? serviceForHost(page.host, services) : null;
}

/** Settings' list with `service` chosen for `site` (one entry per site, the newest choice). */
export function chooseServiceForSite(chosen: readonly SiteService[], site: string, service: string): SiteService[] {
  return [...chosen.filter((c) => c.site !== site), { site, service }];
}
