import { exponentOf } from '../../../../libs/domain/src/money';

export type ParsedAmount = { ok: true; minorUnits: number } | { ok: false; message: string };

/**
 * What a person types as an amount ("12.5", "12.50", "1234" for JPY) in minor units of the
 * currency, by its exponent, on the digits (never through floating point): 12.5 EUR is 1250.
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
  const minorUnits = Number(`${major}${minor.padEnd(exponent, '0')}`);
  if (!Number.isSafeInteger(minorUnits)) return { ok: false, message: 'The amount is too large.' };
  return { ok: true, minorUnits };
}
