// The arithmetic of seller performance and the platform's domain metrics: pure, no clock, no
// I/O, so every figure the API and /metrics report is specified by unit tests here.
import { parseIso } from '../time';
import type { Money } from '../types';

/** Code-point order of a Map's keys, which are never equal (so no tie to break). */
const byKey = (a: string, b: string): number => (a < b ? -1 : 1);

/** The median of some numbers (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * `part` out of `whole` as a fraction from 0 to 1, rounded to four decimals (a basis point);
 * null when there is nothing to divide by, which is "no figure", not 0.
 */
export function share(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * Sums amounts per currency, never across currencies: one Money per currency that occurs,
 * sorted by currency code (a stable order for the API and the tests).
 */
export function sumByCurrency(amounts: readonly Money[]): Money[] {
  const totals = new Map<string, number>();
  for (const amount of amounts) totals.set(amount.currency, (totals.get(amount.currency) ?? 0) + amount.amountMinor);
  return [...totals.entries()].sort(([a], [b]) => byKey(a, b)).map(([currency, amountMinor]) => ({ amountMinor, currency }));
}

/** How many of each key, sorted by key. */
export function countBy<K extends string>(keys: readonly K[]): { key: K; count: number }[] {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => byKey(a, b)).map(([key, count]) => ({ key, count }));
}

/** Epoch milliseconds of an ISO-8601 instant; NaN when it is not one (every comparison with NaN is false). */
export function epochMs(value: string): number {
  return parseIso(value) ?? Number.NaN;
}

/** Whole seconds from one ISO instant to another (negative when `to` is earlier). */
export function secondsBetween(from: string, to: string): number {
  return Math.round((epochMs(to) - epochMs(from)) / 1000);
}
