import { getDomain } from 'tldts';
import type { FillTarget } from '../../state/schema';
import { oneSite } from '../../sites/site-groups';
import { hostOf, serviceForHost, type ServiceWithDomain } from './site-service';

/** The schemes pages are served over that the extension acts on. */
export const SCHEMES = ['https', 'http'] as const;
export type Scheme = (typeof SCHEMES)[number];

export function schemeOf(url: string | undefined): Scheme | null {
  if (!url) return null;
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' ? 'https' : protocol === 'http:' ? 'http' : null;
  } catch {
    return null;
  }
}

/**
 * The registrable domain (`signup.whatsapp.com` → `whatsapp.com`, from the Public Suffix List);
 * hosts without one (an IP, `localhost`) are their own. What the user is shown as a page's site.
 */
export function registrableDomain(host: string | null): string | null {
  if (!host) return null;
  const h = host.toLowerCase().replace(/\.$/, '');
  return getDomain(h, { allowPrivateDomains: true }) ?? h;
}

/**
 * Which site a page belongs to, and which pages may act for one another. Pure rules over URLs, so
 * the tests need no browser. A "site" is the scheme and the registrable domain, as the browser's
 * own schemeful site: `https://whatsapp.com` for `https://signup.whatsapp.com`. Plain http is
 * another site than https (anyone on the network can write an http page), so it never gets what
 * was bought on https.
 */
export function siteOf(scheme: Scheme | null, host: string | null): string | null {
  const domain = registrableDomain(host);
  return scheme && domain ? `${scheme}://${domain}` : null;
}

/**
 * Whether a page's site may receive what was bought for an order's site: the same scheme, and the
 * same registrable domain or two domains that one service names as its own (see
 * `lib/sites/site-groups.ts`).
 */
export function sameSite(orderSite: string, pageSite: string | null): boolean {
  if (pageSite === null) return false;
  const [a, b] = [orderSite, pageSite].map((site) => /^(https?):\/\/(.+)$/.exec(site));
  return !!a && !!b && a[1] === b[1] && oneSite(a[2]!, b[2]!);
}

/** Autofill is on for a host unless switched off everywhere or for that site (and its subdomains). */
export function isAutofillOn(settings: { autofill: boolean; autofillDisabledSites: string[] }, host: string | null): boolean {
  if (!settings.autofill || !host) return false;
  return !settings.autofillDisabledSites.some((site) => host === site || host.endsWith(`.${site}`));
}

/** The page a request came from: its tab and frame, and the URLs the browser vouches for. */
export interface PageFrame {
  tabId: number;
  frameId: number;
  /** Chromium names each document; Firefox does not. */
  documentId?: string;
  /** The requesting frame's own host and scheme, and the top page's. */
  host: string | null;
  topHost: string | null;
  scheme: Scheme | null;
  topScheme: Scheme | null;
}

/**
 * A frame acts for the page in the address bar only if it is the top frame, or of the same site,
 * or of the same service (a service's own domains count as its site). An ad or widget from
 * another site gets no button, no number and no code.
 */
export function actsForTopPage(
  frame: Pick<PageFrame, 'frameId' | 'host' | 'topHost' | 'scheme' | 'topScheme'>,
  services: readonly ServiceWithDomain[],
): boolean {
  if (frame.frameId === 0) return true;
  const site = siteOf(frame.scheme, frame.host);
  if (!site || !frame.topHost) return false;
  if (site === siteOf(frame.topScheme, frame.topHost)) return true;
  if (frame.scheme !== frame.topScheme) return false;
  const own = serviceForHost(frame.host!, services);
  return own !== null && own.id === serviceForHost(frame.topHost, services)?.id;
}

/** Where an order bought from this frame sends its number and code. */
export function fillTargetFor(frame: PageFrame): FillTarget {
  return {
    tabId: frame.tabId,
    frameId: frame.frameId,
    ...(frame.documentId ? { documentId: frame.documentId } : {}),
    ...(siteOf(frame.scheme, frame.host) ? { site: siteOf(frame.scheme, frame.host)! } : {}),
  };
}

/**
 * Whether an order's number or code may go to this frame: the same tab, and the document that
 * bought it or, after a navigation, a page of the same site (scheme included: an order bought on
 * https never serves http; a service's named domains are one site, its country stores are not).
 * An order without a recorded site (bought before sites were recorded) serves nobody in a page:
 * its code stays in the popup.
 */
export function orderServesFrame(target: FillTarget | null, frame: PageFrame): boolean {
  return (
    target !== null && target.tabId === frame.tabId && target.site !== undefined && sameSite(target.site, siteOf(frame.scheme, frame.host))
  );
}

/** The frame a content script's message came from, as the browser reports it. */
export function pageFrameOf(sender: {
  tab?: { id?: number; url?: string };
  frameId?: number;
  documentId?: string;
  url?: string;
}): PageFrame | null {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return null;
  return {
    tabId,
    frameId: sender.frameId ?? 0,
    ...(sender.documentId ? { documentId: sender.documentId } : {}),
    host: hostOf(sender.url),
    topHost: hostOf(sender.tab?.url),
    scheme: schemeOf(sender.url),
    topScheme: schemeOf(sender.tab?.url),
  };
}
