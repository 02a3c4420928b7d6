/** The q-quantile (nearest rank) of some values; NaN when there are none. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface Spread {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Samples apart by when their SMS came: within `windowMs` after `from` (epoch ms), and later.
 * `at[i]` is when sample `i` began.
 */
export function splitAt(
  values: readonly number[],
  at: readonly number[],
  from: number,
  windowMs: number,
): { within: Spread; after: Spread } {
  const within = values.filter((_, i) => at[i]! <= from + windowMs);
  const after = values.filter((_, i) => at[i]! > from + windowMs);
  return { within: spread(within), after: spread(after) };
}

/** p50, p95, p99 and max of some durations (ms), rounded. */
export function spread(values: readonly number[]): Spread {
  const r = (q: number) => Math.round(quantile(values, q));
  return { samples: values.length, p50: r(0.5), p95: r(0.95), p99: r(0.99), max: values.length ? Math.round(Math.max(...values)) : NaN };
}
