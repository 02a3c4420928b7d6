import { describe, expect, it } from 'vitest';
import {
  addSite,
  amountText,
  isInsecureRemote,
  parseBaseUrl,
  parseMinutes,
  parseOptionalLimit,
  parseSite,
  parseThreshold,
} from '../../../lib/ui/settings-form';

describe('money fields', () => {
  it('reads amounts as people type them', () => {
    expect(parseOptionalLimit('1.5')).toEqual({ ok: true, value: 1.5 });
    expect(parseOptionalLimit(' 0,50 ')).toEqual({ ok: true, value: 0.5 });
    expect(parseOptionalLimit('$2')).toEqual({ ok: true, value: 2 });
    expect(parseOptionalLimit('3 USD')).toEqual({ ok: true, value: 3 });
  });
  it('an empty limit means no limit', () => {
    expect(parseOptionalLimit('')).toEqual({ ok: true, value: null });
  });
  it('says what is wrong with anything else', () => {
    expect(parseOptionalLimit('abc')).toEqual({ ok: false, error: 'errorAmountFormat' });
    expect(parseOptionalLimit('-1')).toEqual({ ok: false, error: 'errorAmountFormat' });
    expect(parseOptionalLimit('1.234')).toEqual({ ok: false, error: 'errorAmountFormat' });
    expect(parseOptionalLimit('0')).toEqual({ ok: false, error: 'errorAmountPositive' });
  });
  it('the low-balance threshold is required and may be zero', () => {
    expect(parseThreshold('0')).toEqual({ ok: true, value: 0 });
    expect(parseThreshold('')).toEqual({ ok: false, error: 'errorAmountRequired' });
  });
  it('shows a stored limit as text, or nothing for no limit', () => {
    expect(amountText(null)).toBe('');
    expect(amountText(2.5)).toBe('2.5');
  });
});

describe('parseMinutes', () => {
  it('takes whole minutes from 1 to 60', () => {
    expect(parseMinutes('10')).toEqual({ ok: true, value: 10 });
    expect(parseMinutes('0')).toEqual({ ok: false, error: 'errorMinutesRange' });
    expect(parseMinutes('61')).toEqual({ ok: false, error: 'errorMinutesRange' });
    expect(parseMinutes('2.5')).toEqual({ ok: false, error: 'errorMinutesFormat' });
    expect(parseMinutes('')).toEqual({ ok: false, error: 'errorMinutesFormat' });
  });
});

describe('parseBaseUrl', () => {
  it('accepts http(s) and drops a trailing slash', () => {
    expect(parseBaseUrl('https://numpool.com/api/v1/')).toEqual({ ok: true, value: 'https://numpool.com/api/v1' });
    expect(parseBaseUrl(' http://127.0.0.1:8787/api/v1 ')).toEqual({ ok: true, value: 'http://127.0.0.1:8787/api/v1' });
    // A self-hosted server on the user's network over plain http is allowed (with a warning).
    expect(parseBaseUrl('http://numpool.lan:8080/api/v1')).toEqual({ ok: true, value: 'http://numpool.lan:8080/api/v1' });
  });
  it('refuses what cannot be a base URL', () => {
    expect(parseBaseUrl('')).toEqual({ ok: false, error: 'errorUrlRequired' });
    expect(parseBaseUrl('numpool.com')).toEqual({ ok: false, error: 'errorUrlFormat' });
    expect(parseBaseUrl('ftp://numpool.com')).toEqual({ ok: false, error: 'errorUrlProtocol' });
    expect(parseBaseUrl('javascript:alert(1)')).toEqual({ ok: false, error: 'errorUrlProtocol' });
    expect(parseBaseUrl('https://numpool.com/api/v1?x=1')).toEqual({ ok: false, error: 'errorUrlExtra' });
    expect(parseBaseUrl('https://user:pw@numpool.com/api/v1')).toEqual({ ok: false, error: 'errorUrlExtra' });
  });
  it('warns about plain http only away from this computer', () => {
    expect(isInsecureRemote('http://127.0.0.1:8787/api/v1')).toBe(false);
    expect(isInsecureRemote('http://localhost:8787')).toBe(false);
    expect(isInsecureRemote('http://example.com/api')).toBe(true);
    expect(isInsecureRemote('https://example.com/api')).toBe(false);
  });
});

describe('autofill sites', () => {
  it('takes a host name or the host of a pasted address', () => {
    expect(parseSite('Example.com')).toEqual({ ok: true, value: 'example.com' });
    expect(parseSite('https://www.bank.example/login?next=1')).toEqual({ ok: true, value: 'www.bank.example' });
    expect(parseSite('localhost')).toEqual({ ok: true, value: 'localhost' });
  });
  it('refuses what is not a site', () => {
    expect(parseSite('')).toEqual({ ok: false, error: 'errorSiteRequired' });
    expect(parseSite('not a site')).toEqual({ ok: false, error: 'errorSiteFormat' });
    expect(parseSite('exa_mple.com')).toEqual({ ok: false, error: 'errorSiteFormat' });
  });
  it('adds a site once and keeps the list sorted', () => {
    expect(addSite(['b.com'], 'a.com')).toEqual(['a.com', 'b.com']);
    expect(addSite(['a.com'], 'a.com')).toEqual(['a.com']);
  });
});
