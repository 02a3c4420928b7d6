import type { MessageKey } from '../i18n/i18n';

/**
 * Parsing of the options form. Each parser takes the text as typed and gives the value to save or
 * the key of a message that says what is wrong; the form keeps the text either way.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: MessageKey };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: MessageKey): Parsed<T> => ({ ok: false, error });

/** `1.5`, `1,50`, `$2` and ` 3 ` are amounts; anything else is not. */
function parseAmount(input: string): number | null {
  const s = input
    .trim()
    .replace(/^[$€£]\s*/, '')
    .replace(/\s*(usd|\$)$/i, '');
  if (!/^\d+([.,]\d{1,2})?$/.test(s)) return null;
  return Number(s.replace(',', '.'));
}

/** A limit in money: empty means "no limit" (null); otherwise more than zero. */
export function parseOptionalLimit(input: string): Parsed<number | null> {
  if (!input.trim()) return ok(null);
  const n = parseAmount(input);
  if (n === null) return fail('errorAmountFormat');
  if (n <= 0) return fail('errorAmountPositive');
  return ok(n);
}

/** The low-balance threshold: zero or more, required. */
export function parseThreshold(input: string): Parsed<number> {
  if (!input.trim()) return fail('errorAmountRequired');
  const n = parseAmount(input);
  if (n === null) return fail('errorAmountFormat');
  return ok(n);
}

/** Whole minutes from 1 to 60. */
export function parseMinutes(input: string): Parsed<number> {
  const s = input.trim();
  if (!/^\d+$/.test(s)) return fail('errorMinutesFormat');
  const n = Number(s);
  if (n < 1 || n > 60) return fail('errorMinutesRange');
  return ok(n);
}

/** An http(s) URL, without a trailing slash (paths are appended to it). */
export function parseBaseUrl(input: string): Parsed<string> {
  const s = input.trim();
  if (!s) return fail('errorUrlRequired');
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return fail('errorUrlFormat');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return fail('errorUrlProtocol');
  if (url.search || url.hash || url.username || url.password) return fail('errorUrlExtra');
  return ok(`${url.origin}${url.pathname}`.replace(/\/+$/, ''));
}

/** http:// is fine for the sandbox on this machine, risky anywhere else (the key travels in it). */
export function isInsecureRemote(baseUrl: string): boolean {
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** A site for the autofill exclusion list: a host name, from a host or a pasted URL. */
export function parseSite(input: string): Parsed<string> {
  const s = input.trim().toLowerCase();
  if (!s) return fail('errorSiteRequired');
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(s) ? s : `https://${s}`).hostname;
  } catch {
    return fail('errorSiteFormat');
  }
  if (!/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)*[a-z0-9-]{1,63}$/.test(host) && !/^\[[0-9a-f:]+\]$/.test(host)) return fail('errorSiteFormat');
  return ok(host);
}

/** Adds a site once; the list stays sorted so it is easy to scan. */
export function addSite(sites: readonly string[], site: string): string[] {
  return sites.includes(site) ? [...sites] : [...sites, site].sort();
}

/** The text a money field starts with: the stored value, or empty for "no limit". */
export function amountText(value: number | null): string {
  return value === null ? '' : String(value);
}
