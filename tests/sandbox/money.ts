/**
 * Money is held as integer cents so that charges and refunds add up exactly;
 * it becomes a dollar number only at the JSON boundary (0.43, not 0.43000000000000005).
 */

export type Cents = number;

export function toCents(dollars: number): Cents {
  return Math.round(dollars * 100);
}

export function toDollars(cents: Cents): number {
  return cents / 100;
}

/** "$0.43", for error sentences. */
export function formatUsd(cents: Cents): string {
  return `$${(cents / 100).toFixed(2)}`;
}
