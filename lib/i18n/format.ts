/** Formatting for display. Pure: the locale is passed in, so tests do not depend on the machine. */

/**
 * Creating an `Intl` formatter costs far more than using one (it was most of the popup's first
 * render), so each distinct one is made once and kept.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(make: () => F, ...key: unknown[]): F {
  const id = JSON.stringify(key);
  let formatter = formatters.get(id) as F | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(id, formatter);
  }
  return formatter;
}
const numberFormat = (locale: string | undefined, options: Intl.NumberFormatOptions = {}) =>
  cached(() => new Intl.NumberFormat(locale, options), 'n', locale, options);
const dateFormat = (locale: string | undefined, options: Intl.DateTimeFormatOptions) =>
  cached(() => new Intl.DateTimeFormat(locale, options), 'd', locale, options);

export function formatMoney(amount: number, currency: string, locale?: string): string {
  try {
    return numberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  } catch {
    // An unknown currency code: show the number and the code as they came.
    return `${amount.toFixed(2)} ${currency}`;
  }
}

export function formatCount(n: number, locale?: string): string {
  return numberFormat(locale).format(n);
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

/**
 * How far off a moment is, in words of the user's language (`in 3 days`, `in 5 hours`, `in 4 min`):
 * the largest unit that gives at least 1, rounded.
 */
export function formatRelative(value: number | string, now: number, locale?: string): string {
  const date = toDate(value);
  if (!date) return String(value);
  const seconds = (date.getTime() - now) / 1000;
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const [unit, size] = units.find(([, s]) => Math.abs(seconds) >= s) ?? ['minute', 60];
  const format = relativeFormats.get(locale ?? '') ?? new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'long' });
  relativeFormats.set(locale ?? '', format);
  return format.format(Math.round(seconds / size), unit);
}
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** Date and time, short; an unparseable value is shown as it came. */
export function formatDateTime(value: number | string, locale?: string, timeZone?: string): string {
  const date = toDate(value);
  if (!date) return String(value);
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/** Time only for today, date and time otherwise. */
export function formatWhen(value: number | string, now: number, locale?: string, timeZone?: string): string {
  const date = toDate(value);
  if (!date) return String(value);
  const day = dateFormat('en-CA', { dateStyle: 'short', timeZone });
  const sameDay = day.format(date) === day.format(new Date(now));
  return sameDay ? dateFormat(locale, { timeStyle: 'short', timeZone }).format(date) : formatDateTime(date.getTime(), locale, timeZone);
}
