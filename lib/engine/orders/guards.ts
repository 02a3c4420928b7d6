import type { Settings } from '../../state/schema';
import { formatMoney } from '../../i18n/format';
import { text, uiLocale, type Text } from '../../i18n/i18n';

/** Net money spent today (refunds count back), for the daily cap. */
export function spentToday(spending: readonly { at: number; amount: number }[], now: number): number {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const total = spending.filter((e) => e.at >= start.getTime()).reduce((sum, e) => sum + e.amount, 0);
  return Math.max(0, Math.round(total * 100) / 100);
}

/** Why a purchase at this price must be refused, as a sentence with its amounts; null when it may go ahead. */
export function guardRefusal(
  price: number,
  currency: string,
  settings: Pick<Settings, 'maxPricePerNumber' | 'dailySpendCap'>,
  spentSoFarToday: number,
): Text | null {
  const money = (amount: number) => moneyText(amount, currency);
  if (settings.maxPricePerNumber !== null && price > settings.maxPricePerNumber) {
    return text('errorAboveMaxPrice', money(price), money(settings.maxPricePerNumber));
  }
  if (settings.dailySpendCap !== null && spentSoFarToday + price > settings.dailySpendCap + 1e-9) {
    const left = Math.max(0, settings.dailySpendCap - spentSoFarToday);
    return text('errorOverDailyCap', money(settings.dailySpendCap), money(left));
  }
  return null;
}

/** An amount in the API's currency, in the user's language. */
export function moneyText(amount: number, currency: string): string {
  return formatMoney(amount, currency, uiLocale());
}
