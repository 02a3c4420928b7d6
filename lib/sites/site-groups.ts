import { SERVICE_DOMAINS } from './service-domains';

/**
 * Which registrable domains count as one site for delivering a code: the domains a service names
 * in the reviewed file (`live.com` and `microsoft.com`, `twitter.com` and `x.com`) belong to the
 * same owner, and its sign-up moves between them. A country domain matched by a `brand.*` rule is
 * its own site (`shopee.co.id` is not `shopee.vn`): a rule cannot vouch that every such domain is
 * the brand's, and a code bought for one country's store has no business in another's.
 */
let groups: Map<string, string> | null = null;

function groupOf(domain: string): string | undefined {
  if (!groups) {
    groups = new Map();
    for (const [id, { domains }] of Object.entries(SERVICE_DOMAINS)) for (const d of domains) if (!d.endsWith('.*')) groups.set(d, id);
  }
  return groups.get(domain);
}

/** Two registrable domains that are one site: the same, or named for the same service. */
export function oneSite(a: string, b: string): boolean {
  if (a === b) return true;
  const group = groupOf(a);
  return group !== undefined && group === groupOf(b);
}
