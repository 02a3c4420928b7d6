import { describe, expect, it } from 'vitest';
import { SERVICE_DOMAINS } from '../../../lib/sites/service-domains';
import { checkServiceDomains, serviceDomainsSchema } from '../../../lib/sites/service-domains-schema';
import { SERVICES } from '../../sandbox/catalog';

describe('the reviewed file of service domains', () => {
  it('is well formed', () => {
    expect(() => checkServiceDomains(SERVICE_DOMAINS)).not.toThrow();
  });

  it('names only official services, by their id and name in the spec', () => {
    const official = new Map(SERVICES.map((s) => [s.id, s.name]));
    for (const [id, { name }] of Object.entries(SERVICE_DOMAINS)) expect(official.get(id), id).toBe(name);
  });

  it("lists the API's own domain of every service it knows, so the file alone is the whole truth", () => {
    for (const s of SERVICES) if (SERVICE_DOMAINS[s.id]) expect(SERVICE_DOMAINS[s.id]!.domains, s.id).toContain(s.domain);
  });

  it.each([
    ['a bare public suffix', 'co.uk'],
    ['a subdomain (its registrable domain is the rule)', 'signup.live.com'],
    ['an unknown TLD', 'shop.evil'],
    ['an IP', '127.0.0.1'],
    ['localhost', 'localhost'],
    ['upper case', 'Amazon.com'],
    ['spaces', ' amazon.com'],
    ['a scheme', 'https://amazon.com'],
    ['a path', 'amazon.com/de'],
    ['Unicode (write the xn-- form)', 'пример.рф'],
    ['a wildcard on more than one label', 'amazon.co.*'],
    ['a wildcard in front', '*.amazon.com'],
    ['an empty brand', '.*'],
    ['an empty entry', ''],
  ])('refuses %s', (_why, entry) => {
    expect(serviceDomainsSchema.safeParse({ am: { name: 'Amazon', domains: [entry] } }).success).toBe(false);
  });

  it('refuses a domain listed for two services, an empty list, a missing name and unknown fields', () => {
    expect(
      serviceDomainsSchema.safeParse({ am: { name: 'Amazon', domains: ['amazon.com'] }, zz: { name: 'Z', domains: ['amazon.com'] } })
        .success,
    ).toBe(false);
    expect(serviceDomainsSchema.safeParse({ am: { name: 'Amazon', domains: [] } }).success).toBe(false);
    expect(serviceDomainsSchema.safeParse({ am: { domains: ['amazon.com'] } }).success).toBe(false);
    expect(serviceDomainsSchema.safeParse({ am: { name: 'Amazon', domains: ['amazon.com'], domain: 'x' } }).success).toBe(false);
    expect(() => checkServiceDomains({ am: { name: 'Amazon', domains: ['co.uk'] } })).toThrow(/co\.uk/);
  });

  it('accepts the two kinds of rule', () => {
    expect(
      serviceDomainsSchema.safeParse({
        am: { name: 'Amazon', domains: ['amazon.com', 'amazon.*', 'xn--e1afmkfd.xn--p1ai', 'alice.github.io'] },
      }).success,
    ).toBe(true);
  });
});
