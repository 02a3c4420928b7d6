import { apiDomainRule, hostParts, ruleStrength } from '../../sites/domain-rules';
import { SERVICE_DOMAINS } from '../../sites/service-domains';

/** Which NumPool service a page belongs to, from the `domain` of `GET /services`. */
export interface ServiceWithDomain {
  id: string;
  name: string;
  domain?: string;
}

// The API's domains, checked once each: parsing them on every lookup cost 20x the lookup itself.
const apiRules = new Map<string, string | null>();
function cachedApiRule(domain: string | undefined): string | null {
  if (!domain) return null;
  let rule = apiRules.get(domain);
  if (rule === undefined) {
    rule = apiDomainRule(domain);
    // A bounded memo: the API names a few dozen domains; anything past that is not worth keeping.
    if (apiRules.size < 1_000) apiRules.set(domain, rule);
  }
  return rule;
}

/** The rules of one service: the API's domain and the reviewed file's domains, together. */
function rulesOf(service: ServiceWithDomain, file: typeof SERVICE_DOMAINS): string[] {
  const api = cachedApiRule(service.domain);
  return [...(api ? [api] : []), ...(Object.hasOwn(file, service.id) ? file[service.id]!.domains : [])];
}

/**
 * `web.whatsapp.com`, `amazon.co.uk` and `twitter.com` belong to WhatsApp, Amazon and X;
 * `notwhatsapp.com`, `amazonaws.com` and `amazon.blogspot.com` to nobody. A service matches on the
 * API's domain or on its domains in `lib/sites/service-domains.ts`; the most specific rule wins.
 * An IP, `localhost` or a name the Public Suffix List cannot place is no service's.
 */
export function serviceForHost<T extends ServiceWithDomain>(host: string, services: readonly T[], file = SERVICE_DOMAINS): T | null {
  const parts = hostParts(host);
  if (!parts) return null;
  let best: T | null = null;
  let bestStrength = 0;
  for (const service of services) {
    for (const rule of rulesOf(service, file)) {
      const strength = ruleStrength(rule, parts);
      if (strength > bestStrength) {
        best = service;
        bestStrength = strength;
      }
    }
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
