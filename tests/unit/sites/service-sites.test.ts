import { describe, expect, it } from 'vitest';
import { serviceForHost } from '../../../lib/engine/page/site-service';
import { SERVICES } from '../../sandbox/catalog';
import { SIGNUP_HOSTS } from './signup-hosts';

const id = (host: string, services = SERVICES) => serviceForHost(host, services)?.id ?? null;

describe('the sites of a service', () => {
  it('names the right service on every real sign-up host of the 28 official services', () => {
    const wrong = SIGNUP_HOSTS.filter(([host, service]) => id(host) !== service);
    expect(wrong).toEqual([]);
    expect(SIGNUP_HOSTS).toHaveLength(68);
  });

  it('rule `brand.*`: the brand under a country-code ICANN suffix, and its subdomains', () => {
    expect(id('amazon.de')).toBe('am');
    expect(id('www.amazon.co.uk')).toBe('am');
    expect(id('sellercentral.amazon.com.br')).toBe('am');
    expect(id('shopee.vn')).toBe('mo');
    expect(id('lazada.co.id')).toBe('fu');
    expect(id('olx.pl')).toBe('oi');
  });

  it('rule `brand.*`: never a private suffix, an unknown TLD, a generic TLD or an IDN country code', () => {
    expect(id('amazon.blogspot.com')).toBeNull(); // private section of the PSL
    expect(id('amazon.github.io')).toBeNull();
    expect(id('amazon.de.com')).toBeNull(); // de.com is CentralNic's, private
    expect(id('amazon.evil')).toBeNull(); // no such suffix
    expect(id('shopee.xyz')).toBeNull(); // a generic TLD anyone can register under
    expect(id('olx.xn--p1ai')).toBeNull();
  });

  it('rule `domain`: an alternate domain and every subdomain of it', () => {
    expect(id('twitter.com')).toBe('tw');
    expect(id('mobile.twitter.com')).toBe('tw');
    expect(id('signup.live.com')).toBe('mm');
    expect(id('outlook.com')).toBe('mm');
    expect(id('www.icloud.com')).toBe('wx');
    expect(id('steamcommunity.com')).toBe('dp');
  });

  it('look-alikes never match', () => {
    for (const host of [
      'notwhatsapp.com',
      'whatsapp.com.evil.example',
      'amazonaws.com',
      's3.amazonaws.com',
      'amazon-offers.example',
      'shopee-login.example',
      'myamazon.de',
      'amazon.de.evil.example',
      'twitter.com.evil.example',
      'eviltwitter.com',
      'live.com.evil.example',
    ]) {
      expect(id(host), host).toBeNull();
    }
  });

  it('the most specific rule wins: a named domain beats a brand rule', () => {
    const services = [...SERVICES, { id: 'zz', name: 'Amazon Germany', domain: 'amazon.de' }];
    expect(id('www.amazon.de', services)).toBe('zz');
    expect(id('www.amazon.fr', services)).toBe('am');
  });

  it('uses the union of the API and the file; the API alone for services the file does not know', () => {
    // The file knows Amazon: its rules hold even if the API names another domain.
    expect(id('amazon.de', [{ id: 'am', name: 'Amazon', domain: 'amazon-new.net' }])).toBe('am');
    expect(id('shop.amazon-new.net', [{ id: 'am', name: 'Amazon', domain: 'amazon-new.net' }])).toBe('am');
    // A service the file does not know matches on the API's domain (and a leading www. is dropped).
    expect(id('app.newservice.io', [{ id: 'new', name: 'New', domain: 'www.newservice.io' }])).toBe('new');
    expect(id('twitter.com', [{ id: 'xx', name: 'Twitter', domain: 'x.com' }])).toBeNull();
  });

  it('an API domain that is no registrable domain claims nothing', () => {
    expect(id('www.anything.com', [{ id: 'bad', name: 'Bad', domain: 'com' }])).toBeNull();
    expect(id('www.anything.co.uk', [{ id: 'bad', name: 'Bad', domain: 'co.uk' }])).toBeNull();
    expect(id('x.com', [{ id: 'bad', name: 'Bad', domain: '' }])).toBeNull();
  });
});

describe('bad input: no service and no exception', () => {
  it('an IP, localhost, an empty or unparsable host', () => {
    for (const host of [
      '127.0.0.1',
      '::1',
      '[::1]',
      '192.168.0.1',
      'localhost',
      '',
      ' ',
      'a..b',
      '-a.com',
      'com',
      'co.uk',
      'exa mple.com',
      'amazon.de/x',
      'user@amazon.de',
      '%',
      '.'.repeat(300),
      'a'.repeat(300) + '.com',
    ]) {
      expect(() => serviceForHost(host, SERVICES), host).not.toThrow();
      expect(id(host), host).toBeNull();
    }
  });

  it('an IDN: punycode and Unicode are the same host; a homograph is not the brand', () => {
    const services = [...SERVICES, { id: 'rf', name: 'Example RF', domain: 'xn--e1afmkfd.xn--p1ai' }];
    expect(id('пример.рф', services)).toBe('rf');
    expect(id('www.xn--e1afmkfd.xn--p1ai', services)).toBe('rf');
    expect(id('аmazon.de')).toBeNull(); // a Cyrillic а
    expect(id('xn--mazon-3ve.de')).toBeNull();
  });

  it('a trailing dot and upper case are the same host', () => {
    expect(id('WWW.Amazon.DE.')).toBe('am');
  });
});
