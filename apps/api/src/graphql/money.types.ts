import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An amount in integer minor units (cents) of an ISO-4217 currency.' })
export class Money {
  @Field(() => Int)
  amountMinor: number;

  @Field()
  currency: string;
}

@InputType()
export class MoneyInput {
  @Field(() => Int, { description: 'Integer minor units, e.g. 1999 for 19.99.' })
  amountMinor: number;

  @Field({ description: 'ISO-4217 code; must be the order currency.' })
  currency: string;
}
