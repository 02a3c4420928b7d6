/** Formatting for display. Pure: the locale is passed in, so tests do not depend on the machine. */

export function formatMoney(amount: number, currency: string, locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  } catch {
    // An unknown currency code: show the number and the code as they came.
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export function formatCount(n: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** A countdown: `9:05`, `1:02:03`; never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function toDate(value: number | string): Date | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Date and time, short; an unparseable value is shown as it came. */
export function formatDateTime(value: number | string, locale?: string, timeZone?: string): string {
  const date = toDate(value);
  if (!date) return String(value);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/** Time only for today, date and time otherwise. */
export function formatWhen(value: number | string, now: number, locale?: string, timeZone?: string): string {
  const date = toDate(value);
  if (!date) return String(value);
  const sameDay = new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', timeZone }).format(date) === new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', timeZone }).format(new Date(now));
  return sameDay ? new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(date) : formatDateTime(date.getTime(), locale, timeZone);
}

/** A flag emoji from an ISO 3166-1 alpha-2 code (`US` → 🇺🇸); empty for anything else. */
export function flagEmoji(iso2: string | null | undefined): string {
  if (!iso2 || !/^[A-Za-z]{2}$/.test(iso2)) return '';
  const base = 0x1f1e6 - 'A'.charCodeAt(0);
  const upper = iso2.toUpperCase();
  return String.fromCodePoint(base + upper.charCodeAt(0), base + upper.charCodeAt(1));
}
