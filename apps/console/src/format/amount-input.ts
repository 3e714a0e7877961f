import { exponentOf, parseMoney } from '../../../../libs/domain/src/money';

export type ParsedAmount = { ok: true; minorUnits: number } | { ok: false; message: string };

/**
 * What a person types as an amount ("12.5", "12.50", "12,50", "1234" for JPY) in exact minor units
 * of the currency: fewer decimals than the currency has are padded (12.5 EUR is 1250), more are
 * refused rather than rounded. The digits go through the domain's parseMoney, never a float.
 */
export function parseAmountInput(text: string, currency: string): ParsedAmount {
  const exponent = exponentOf(currency);
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(text.trim());
  const example = exponent === 0 ? '1250' : `12.${'5'.padEnd(exponent, '0')}`;
  if (!match) return { ok: false, message: `Enter the amount in ${currency} as a number, for example ${example}.` };
  const [, major, minor = ''] = match;
  if (minor.length > exponent) {
    return { ok: false, message: exponent === 0 ? `${currency} has no decimal places.` : `${currency} has ${exponent} decimal places at most.` };
  }
  const normalised = exponent === 0 ? `${BigInt(major!)}` : `${BigInt(major!)}.${minor.padEnd(exponent, '0')}`;
  const minorUnits = parseMoney(`${normalised} ${currency}`)?.amountMinor;
  return minorUnits === undefined ? { ok: false, message: 'The amount is too large.' } : { ok: true, minorUnits };
}
