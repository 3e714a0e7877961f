/**
 * pg returns bigint columns as text so that no digit is lost; an amount is turned back into a
 * number only when it is exact (a safe integer, as the domain requires), never rounded.
 */
export function minorUnitsFromColumn(value: string | number): number {
  const parsed = typeof value === 'number' ? value : /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed)) throw new Error(`A stored amount (${String(value)}) is not a whole number of at most 2^53 - 1 minor units.`);
  return parsed;
}
