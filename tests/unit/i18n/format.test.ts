import { describe, expect, it } from 'vitest';
import { formatCountdown, formatCount, formatDateTime, formatMoney, formatWhen, formatRelative } from '../../../lib/i18n/format';

describe('formatMoney', () => {
  it('formats a currency amount with two decimals', () => {
    expect(formatMoney(0.43, 'USD', 'en-US')).toBe('$0.43');
    expect(formatMoney(12.4, 'USD', 'en-US')).toBe('$12.40');
    expect(formatMoney(1234.5, 'EUR', 'de-DE')).toMatch(/^1\.234,50\s€$/);
  });
  it('shows an unknown currency code as it came instead of failing', () => {
    expect(formatMoney(1.5, 'not a currency', 'en-US')).toBe('1.50 not a currency');
  });
  it('keeps each currency and locale apart when formatters are reused', () => {
    for (let i = 0; i < 2; i++) {
      expect(formatMoney(2, 'USD', 'en-US')).toBe('$2.00');
      expect(formatMoney(2, 'EUR', 'en-US')).toBe('€2.00');
      expect(formatMoney(2, 'USD', 'de-DE')).toMatch(/^2,00\s\$$/);
      expect(formatMoney(2, 'not a currency', 'en-US')).toBe('2.00 not a currency');
    }
  });
});

describe('formatCountdown', () => {
  it('shows minutes and seconds, rounding up so 0:00 means done', () => {
    expect(formatCountdown(9 * 60_000 + 5_000)).toBe('9:05');
    expect(formatCountdown(999)).toBe('0:01');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-5000)).toBe('0:00');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
  });
});

describe('dates', () => {
  const at = Date.UTC(2026, 5, 13, 14, 30);
  it('formats a date and time, and keeps an unparseable value as text', () => {
    expect(formatDateTime(at, 'en-GB', 'UTC')).toBe('13 Jun 2026, 14:30');
    expect(formatDateTime('2026-06-20T10:00:00Z', 'en-GB', 'UTC')).toBe('20 Jun 2026, 10:00');
    expect(formatDateTime('soon', 'en-GB', 'UTC')).toBe('soon');
  });
  it('shows only the time for today', () => {
    expect(formatWhen(at, at + 60_000, 'en-GB', 'UTC')).toBe('14:30');
    expect(formatWhen(at, at + 2 * 86_400_000, 'en-GB', 'UTC')).toBe('13 Jun 2026, 14:30');
  });
});

it('formats counts with grouping', () => {
  expect(formatCount(338400, 'en-US')).toBe('338,400');
});

describe('formatRelative', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  it('says how far off a moment is, in the largest unit that fits, in the given language', () => {
    expect(formatRelative(now + 3 * 86_400_000 + 3_600_000, now, 'en')).toBe('in 3 days');
    expect(formatRelative(now + 5 * 3_600_000, now, 'en')).toBe('in 5 hours');
    expect(formatRelative(now + 4 * 60_000, now, 'en')).toBe('in 4 minutes');
    expect(formatRelative(now + 86_400_000, now, 'en')).toBe('tomorrow');
    expect(formatRelative(now + 2 * 86_400_000, now, 'ru')).toBe('послезавтра');
    expect(formatRelative(now + 5 * 3_600_000, now, 'zh-CN')).toBe('5小时后');
    expect(formatRelative('not a date', now, 'en')).toBe('not a date');
  });
});
