/** Which NumPool service a page belongs to, from the `domain` of `GET /services`. */
export interface ServiceWithDomain {
  id: string;
  name: string;
  domain?: string;
}

/** `web.whatsapp.com` is WhatsApp; `notwhatsapp.com` is not. The longest matching domain wins. */
export function serviceForHost<T extends ServiceWithDomain>(host: string, services: readonly T[]): T | null {
  const h = host.toLowerCase().replace(/\.$/, '');
  let best: T | null = null;
  for (const service of services) {
    const domain = service.domain?.toLowerCase().replace(/^www\./, '');
    if (!domain) continue;
    if ((h === domain || h.endsWith(`.${domain}`)) && (!best || domain.length > (best.domain?.length ?? 0))) best = service;
  }
  return best;
}

export function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed.hostname : null;
  } catch {
    return null;
  }
}
