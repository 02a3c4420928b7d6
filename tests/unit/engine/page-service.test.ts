import { describe, expect, it } from 'vitest';
import { chooseServiceForSite, serviceForPage } from '../../../lib/engine/page/page-service';
import { SERVICES } from '../../sandbox/catalog';

const chosen = [{ site: 'https://example.org', service: 'tg' }];
const id = (scheme: 'https' | 'http' | null, host: string | null, list = chosen) =>
  serviceForPage({ scheme, host }, SERVICES, list)?.id ?? null;

describe("the service of a page: the user's choice for its site, else its domains", () => {
  it("a site the user chose a service for behaves as that service's site, subdomains included", () => {
    expect(id('https', 'example.org')).toBe('tg');
    expect(id('https', 'signup.example.org')).toBe('tg');
  });

  it('the choice is for that site only: not plain http of it, not a look-alike, not another site', () => {
    expect(id('http', 'example.org')).toBeNull();
    expect(id('https', 'example.org.evil.test')).toBeNull();
    expect(id('https', 'notexample.org')).toBeNull();
    expect(id('https', 'example.com')).toBeNull();
    expect(id(null, 'example.org')).toBeNull();
  });

  it("the user's choice wins over the domain rules; without one, the domains decide", () => {
    expect(id('https', 'web.whatsapp.com', [{ site: 'https://whatsapp.com', service: 'tg' }])).toBe('tg');
    expect(id('https', 'web.whatsapp.com')).toBe('wa');
  });

  it('a chosen service the API no longer sells is ignored', () => {
    expect(id('https', 'example.org', [{ site: 'https://example.org', service: 'gone' }])).toBeNull();
    expect(id('https', 'www.amazon.de', [{ site: 'https://amazon.de', service: 'gone' }])).toBe('am');
  });

  it('keeps one choice per site, the newest', () => {
    expect(chooseServiceForSite(chosen, 'https://example.org', 'wa')).toEqual([{ site: 'https://example.org', service: 'wa' }]);
    expect(chooseServiceForSite(chosen, 'http://example.org', 'wa')).toEqual([...chosen, { site: 'http://example.org', service: 'wa' }]);
  });
});
