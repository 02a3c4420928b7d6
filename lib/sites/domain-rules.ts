import { parse } from 'tldts';

/**
 * Whether a host belongs to a domain rule of `service-domains.ts` (or the API's `domain`), by the
 * Public Suffix List that tldts ships, never by string tricks: `notwhatsapp.com`,
 * `whatsapp.com.evil.example` and `amazonaws.com` are not WhatsApp's or Amazon's.
 */

/** A host as the rules see it; null for what names no site of a service (an IP, `localhost`, garbage). */
export interface HostParts {
  /** Lower-case ASCII (punycode), no trailing dot. */
  host: string;
  /** Registrable domain (private suffixes count: `alice.github.io`). */
  domain: string;
  /** The registrable domain's label before its suffix (`amazon` of `www.amazon.co.uk`). */
  label: string;
  /** Whether that suffix is in the PSL's ICANN section and ends in a two-letter country code. */
  countrySuffix: boolean;
}

const COUNTRY_TLD = /^[a-z]{2}$/;

/** ASCII, lower case, through the URL parser (so a Unicode IDN becomes its `xn--` form). */
export function asciiHost(host: string): string | null {
  const trimmed = host.trim().replace(/\.$/, '');
  if (!trimmed || /[\s/\\?#@:[\]]/.test(trimmed)) return null;
  try {
    return new URL(`http://${trimmed}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

export function hostParts(host: string): HostParts | null {
  const ascii = asciiHost(host);
  if (!ascii) return null;
  const p = parse(ascii, { allowPrivateDomains: true });
  // An IP, `localhost`, a bare suffix or an invalid name: no service's site.
  if (p.isIp || !p.domain || !p.domainWithoutSuffix || !p.publicSuffix || !p.hostname) return null;
  // A name under no known suffix (`shop.evil`) is nobody's registrable domain.
  if (!p.isIcann && !p.isPrivate) return null;
  const tld = p.publicSuffix.slice(p.publicSuffix.lastIndexOf('.') + 1);
  return { host: ascii, domain: p.domain, label: p.domainWithoutSuffix, countrySuffix: p.isIcann === true && COUNTRY_TLD.test(tld) };
}

/**
 * How strongly a rule matches a host: 0 for not at all. A named domain beats a `brand.*` rule, and
 * a longer domain beats a shorter one, so the most specific rule decides between two services.
 */
export function ruleStrength(rule: string, host: HostParts): number {
  if (rule.endsWith('.*')) {
    return host.countrySuffix && host.label === rule.slice(0, -2) ? 1 : 0;
  }
  return host.host === rule || host.host.endsWith(`.${rule}`) ? 1000 + rule.length : 0;
}

/** A label of the LDH rule: letters, digits, inner hyphens (punycode `xn--` included). */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * What a rule in the data file may be: `brand.*`, or a registrable domain under a known suffix
 * (so no bare suffix such as `co.uk`, no IP, no subdomain that would hide its parent's rule).
 * Checked by the tests and the build, never in the user's browser.
 */
export function ruleProblem(rule: string): string | null {
  if (rule !== rule.trim() || rule !== rule.toLowerCase()) return 'not lower-case and trimmed';
  if (rule.endsWith('.*')) return LABEL.test(rule.slice(0, -2)) ? null : 'the brand before .* is not one DNS label';
  if (!rule.split('.').every((l) => LABEL.test(l))) return 'not an ASCII host name';
  const parts = hostParts(rule);
  if (!parts) return 'not a domain under a public suffix';
  if (parts.domain !== rule) return `not a registrable domain (that is ${parts.domain})`;
  return null;
}

/**
 * A domain the API names: matched on it and its subdomains (a leading `www.` dropped), unless it
 * is no registrable domain at all: an API answer of `com` must not claim every .com site.
 */
export function apiDomainRule(domain: string | undefined): string | null {
  if (!domain) return null;
  const d = asciiHost(domain.replace(/^www\./i, ''));
  if (!d) return null;
  const parts = hostParts(d);
  return parts && parts.host === d ? d : null;
}
