import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { MAX_MINOR_UNITS } from '../../../../libs/domain/src';

const DIGITS = /^(0|[1-9]\d*)$/;
const EXPECTED = `MinorUnits is a whole number of minor units from 0 to ${MAX_MINOR_UNITS}, sent as a string of digits (e.g. "250000000000") or a JSON integer`;

const refused = (why: string): GraphQLError => new GraphQLError(`${EXPECTED}; ${why}.`, { extensions: { code: 'VALIDATION' } });

function fromDigits(text: string): number {
  if (!DIGITS.test(text)) return Number.NaN;
  // Compared as text-exact integers: Number() would round a 17-digit string into range.
  return BigInt(text) > BigInt(MAX_MINOR_UNITS) ? Number.POSITIVE_INFINITY : Number(text);
}

/** What a client sent, as an exact count of minor units, or the reason it is not one. */
export function parseMinorUnits(value: unknown): number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw refused(`${value} is not a whole number`);
    if (value < 0) throw refused(`${value} is negative`);
    if (!Number.isSafeInteger(value)) throw refused(`${value} is beyond ${MAX_MINOR_UNITS}, the largest amount held exactly`);
    return value;
  }
  if (typeof value !== 'string') throw refused('it must be a string or a number');
  const parsed = fromDigits(value);
  if (Number.isNaN(parsed)) throw refused(`"${value.slice(0, 40)}" is not a string of decimal digits without sign, point, exponent or leading zeros`);
  if (parsed === Number.POSITIVE_INFINITY) throw refused(`${value.slice(0, 40)} is beyond ${MAX_MINOR_UNITS}, the largest amount held exactly`);
  return parsed;
}

/**
 * Amounts beyond GraphQL's 32-bit Int: written as a decimal string so that no JSON parser
 * rounds them (2^53 - 1 is the most a JavaScript number holds exactly, and the domain's limit).
 */
export const MinorUnits = new GraphQLScalarType<number, string>({
  name: 'MinorUnits',
  description: `A non-negative whole number of minor units of a currency (cents, yen, fils), at most ${MAX_MINOR_UNITS} (2^53 - 1). Served as a decimal string, e.g. "250000000000"; accepted as such a string or as a JSON integer.`,
  serialize(value) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new Error(`Not an amount of minor units: ${String(value)}.`);
    return String(value);
  },
  parseValue: parseMinorUnits,
  parseLiteral(node: ValueNode) {
    if (node.kind === Kind.INT || node.kind === Kind.STRING) return parseMinorUnits(node.kind === Kind.INT ? literalInt(node.value) : node.value);
    throw refused(`a ${node.kind} literal is not one`);
  },
});

/** An Int literal is digits with an optional minus; its exact text decides, not a rounded number. */
function literalInt(text: string): number | string {
  return text.startsWith('-') ? Number(text) : text;
}
