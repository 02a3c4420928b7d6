import type { Settings } from '../state/schema';

/** Net money spent today (refunds count back), for the daily cap. */
export function spentToday(spending: readonly { at: number; amount: number }[], now: number): number {
  const start = new Date(now);
  start.setHours(0, 0, 0, 0);
  const total = spending.filter((e) => e.at >= start.getTime()).reduce((sum, e) => sum + e.amount, 0);
  return Math.max(0, Math.round(total * 100) / 100);
}

/** Why a purchase at this price must be refused, in words; null when it may go ahead. */
export function guardRefusal(price: number, settings: Pick<Settings, 'maxPricePerNumber' | 'dailySpendCap'>, spentSoFarToday: number): string | null {
  if (settings.maxPricePerNumber !== null && price > settings.maxPricePerNumber) {
    return `This number costs $${price.toFixed(2)}, above your maximum of $${settings.maxPricePerNumber.toFixed(2)} per number. Change the limit in the options to buy it.`;
  }
  if (settings.dailySpendCap !== null && spentSoFarToday + price > settings.dailySpendCap + 1e-9) {
    const left = Math.max(0, settings.dailySpendCap - spentSoFarToday);
    return `This would pass your daily spending cap of $${settings.dailySpendCap.toFixed(2)} ($${left.toFixed(2)} left today). Change the cap in the options to buy it.`;
  }
  return null;
}
