// Money rules: integer minor units in the order's currency, never above what is still
// refundable, shown to people in the currency's own units (ISO 4217 exponent).
import { currencyExponent } from './currencies';
import type { Money, OrderFacts, OrderLine } from './types';

/**
 * The largest amount the domain holds: amounts are JavaScript numbers, exact only up to
 * 2^53 - 1. Larger ones are refused where they enter (commands, the order feed, the API).
 */
export const MAX_MINOR_UNITS = Number.MAX_SAFE_INTEGER;

/**
 * Exponent assumed for a code not on the ISO list: only orders registered before codes were
 * checked (and disputes opened on them under the first rulebook) can carry one, and 2 is how
 * their amounts were always shown.
 */
export const FALLBACK_EXPONENT = 2;

export const exponentOf = (currency: string): number => currencyExponent(currency) ?? FALLBACK_EXPONENT;

/**
 * For sentences: 1234 JPY -> "1234 JPY", 1234 EUR -> "12.34 EUR", 1234 KWD -> "1.234 KWD".
 * A point before the minor digits and no thousands separators, so the text reads the same in
 * every locale and parses back exactly (parseMoney). Works on the decimal digits, never on
 * floating-point division, so every safe integer formats exactly.
 */
export function formatMoney(amountMinor: number, currency: string): string {
  const exponent = exponentOf(currency);
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  const major = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return `${amountMinor < 0 ? '-' : ''}${major} ${currency}`;
}

const FORMATTED = /^(-?)(0|[1-9]\d*)(?:\.(\d+))? ([A-Z]{3})$/;

/** The inverse of formatMoney: null unless the text has exactly the currency's decimals and fits a safe integer. */
export function parseMoney(text: string): Money | null {
  const match = FORMATTED.exec(text);
  if (!match) return null;
  const [, sign, major, minor = '', currency] = match;
  if (minor.length !== exponentOf(currency)) return null;
  const amountMinor = Number(`${sign}${major}${minor}`);
  return Number.isSafeInteger(amountMinor) ? { amountMinor, currency } : null;
}

/** What may still be refunded on the order as pinned at opening; never negative even if the feed says otherwise. */
export function refundableMinor(order: OrderFacts): number {
  return Math.max(0, order.amountPaid.amountMinor - order.amountRefundedMinor);
}

/** What a line is worth: quantity times unit price. */
export const lineTotalMinor = (line: OrderLine): number => line.quantity * line.unitPrice.amountMinor;

/** What may still be refunded on one line. */
export const lineRefundableMinor = (line: OrderLine): number => Math.max(0, lineTotalMinor(line) - line.refundedMinor);

/**
 * The most a dispute may refund: what is left on the lines it covers, capped by what is left
 * on the order (a refund made outside the lines still counts); the whole order's refundable
 * amount when it covers none.
 */
export function refundableCeiling(order: OrderFacts, lineIds: readonly string[] | null | undefined): number {
  const orderLimit = refundableMinor(order);
  if (!lineIds || lineIds.length === 0) return orderLimit;
  const named = new Set(lineIds);
  let onLines = 0;
  for (const line of order.lines ?? []) if (named.has(line.lineId)) onLines += lineRefundableMinor(line);
  return Math.min(orderLimit, onLines);
}
