import { exponentOf, parseMoney } from '../../../../libs/domain/src/money';

/**
 * An amount a person typed in the currency's units ("12.5", "12.50", "1234") as exact minor
 * units, or null. Fewer decimals than the currency has are padded ("12.5" EUR is 1250); more are
 * refused rather than rounded. The digits are parsed by the domain's parseMoney, never as a float.
 */
export function parseAmountInput(text: string, currency: string): number | null {
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text.trim());
  if (!match) return null;
  const [, major, minor = ''] = match;
  const exponent = exponentOf(currency);
  if (minor.length > exponent) return null;
  const normalised = exponent === 0 ? `${BigInt(major!)}` : `${BigInt(major!)}.${minor.padEnd(exponent, '0')}`;
  return parseMoney(`${normalised} ${currency}`)?.amountMinor ?? null;
}
