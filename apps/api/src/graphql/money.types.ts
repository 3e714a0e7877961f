import { Field, InputType, Int, ObjectType, type FieldMiddleware } from '@nestjs/graphql';
import type { Money as DomainMoney } from '../../../../libs/domain/src';
import { ApiError } from './errors';
import { MinorUnits } from './minor-units.scalar';

const INT_MAX = 2 ** 31 - 1;
/** The deprecation reason of an Int amount field: where to read or send the amount instead. */
export const useInstead = (path: string): string => `Use ${path} (MinorUnits): it carries any amount up to 2^53 - 1, where GraphQL Int stops at 2^31 - 1.`;

/**
 * For the deprecated Int amount fields: an amount beyond 32 bits is a field error telling the
 * client where to read it instead, never a rounded or clamped number.
 */
export const fitsInt = (replacement: string): FieldMiddleware => async (_context, next) => {
  const value: unknown = await next();
  if (typeof value === 'number' && value > INT_MAX) {
    throw new ApiError('VALIDATION', `This amount (${value} minor units) is larger than a GraphQL Int can hold; read ${replacement} instead.`);
  }
  return value;
};

@ObjectType({ description: 'An amount in integer minor units of an ISO-4217 currency.' })
export class Money {
  @Field(() => Int, { deprecationReason: useInstead('minorUnits'), middleware: [fitsInt('minorUnits')], description: 'Integer minor units; a field error (VALIDATION) when the amount is above 2^31 - 1.' })
  amountMinor: number;

  @Field()
  currency: string;
}

@InputType({ description: 'An amount: give exactly one of minorUnits and (deprecated) amountMinor.' })
export class MoneyInput {
  @Field(() => Int, { nullable: true, deprecationReason: useInstead('minorUnits'), description: 'Integer minor units, e.g. 1999 for 19.99.' })
  amountMinor?: number | null;

  @Field(() => MinorUnits, { nullable: true, description: 'Integer minor units, e.g. "1999" for 19.99 EUR, "1999" for 1999 JPY, "1999" for 1.999 KWD.' })
  minorUnits?: number | null;

  @Field({ description: 'ISO-4217 code; must be the order currency.' })
  currency: string;
}

/** The input field that carried the amount, to blame in a refusal: the one the client used. */
export const amountField = (input: MoneyInput, field: string): string => `${field}.${input.minorUnits === null || input.minorUnits === undefined ? 'amountMinor' : 'minorUnits'}`;

/** The domain's Money from an input that must give the amount exactly once; `field` is the input's path. */
export function moneyOf(input: MoneyInput, field: string): DomainMoney {
  const given = [input.minorUnits, input.amountMinor].filter((value) => value !== null && value !== undefined);
  if (given.length !== 1) {
    throw new ApiError('VALIDATION', given.length === 0 ? 'The amount needs minorUnits.' : 'Give the amount once: minorUnits, or the deprecated amountMinor, not both.', `${field}.minorUnits`);
  }
  return { amountMinor: given[0] as number, currency: input.currency };
}
