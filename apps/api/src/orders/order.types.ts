import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Money, MoneyInput } from '../graphql/money.types';
import { ReturnAddress, ReturnAddressInput } from './return-address.types';

@ObjectType({ description: 'An order as the marketplace order feed describes it.' })
export class Order {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  buyerId: string;

  @Field(() => ID)
  sellerId: string;

  @Field(() => Money)
  amountPaid: Money;

  @Field(() => Int)
  amountRefundedMinor: number;

  @Field(() => String, { nullable: true })
  shippedAt: string | null;

  @Field()
  deliveryDeadlineAt: string;

  @Field(() => String, { nullable: true })
  deliveredAt: string | null;

  @Field(() => ReturnAddress, { nullable: true, description: 'Where returns of this order go, unless the seller names another address.' })
  returnAddress: ReturnAddress | null;
}

@InputType()
export class RegisterOrderInput {
  @Field(() => ID)
  orderId: string;

  @Field(() => ID)
  buyerId: string;

  @Field(() => ID)
  sellerId: string;

  @Field(() => MoneyInput)
  amountPaid: MoneyInput;

  @Field(() => Int, { defaultValue: 0 })
  amountRefundedMinor: number;

  @Field(() => String, { nullable: true, description: 'ISO-8601; disputes can be opened from this moment.' })
  shippedAt?: string | null;

  @Field({ description: 'ISO-8601; the latest promised delivery time.' })
  deliveryDeadlineAt: string;

  @Field(() => String, { nullable: true, description: 'ISO-8601, when delivery was confirmed.' })
  deliveredAt?: string | null;

  @Field(() => ReturnAddressInput, { nullable: true, description: 'Where returns of this order go (the seller may name another when agreeing to one).' })
  returnAddress?: ReturnAddressInput | null;
}
