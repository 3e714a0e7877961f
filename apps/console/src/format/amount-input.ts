import { exponentOf } from '../../../../libs/domain/src/money';

/**
 * What a person types for an amount ("12.5", "12.50", "1234") as minor units of the currency, the
 * way MoneyInput takes it; null when it is not a plain amount with at most the currency's
 * decimals. Works on the digits, never on floating point, so "0.29" is 29 cents exactly.
 */
export function toMinorUnits(text: string, currency: string): string | null {
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text.trim());
  if (!match) return null;
  const exponent = exponentOf(currency);
  const [, major, minor = ''] = match;
  if (minor.length > exponent) return null;
  const digits = `${major}${minor.padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '');
  return Number.isSafeInteger(Number(digits)) ? digits : null;
}
