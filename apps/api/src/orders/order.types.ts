import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { DisputeProjectionRow, OrderRecord } from '../../../../libs/persistence/src';
import { MinorUnits } from '../graphql/minor-units.scalar';
import { fitsInt, Money, MoneyInput, useInstead } from '../graphql/money.types';
import { ReturnAddress, ReturnAddressInput } from './return-address.types';

@ObjectType({ description: 'One line of an order: quantity times unit price, in the order\u2019s currency.' })
export class OrderLine {
  @Field(() => ID)
  lineId: string;

  @Field()
  sku: string;

  @Field()
  title: string;

  @Field(() => Int)
  quantity: number;

  @Field(() => Money)
  unitPrice: Money;

  @Field(() => Money, { description: 'Already refunded on this line.' })
  refunded: Money;
}

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

  @Field(() => Int, { deprecationReason: useInstead('amountRefunded.minorUnits'), middleware: [fitsInt('amountRefunded.minorUnits')] })
  amountRefundedMinor: number;

  @Field(() => Money, { description: 'Already refunded on the order.' })
  amountRefunded: Money;

  @Field(() => [OrderLine], { description: 'What was bought; empty when the feed gave no lines.' })
  lines: OrderLine[];

  @Field(() => String, { nullable: true })
  shippedAt: string | null;

  @Field()
  deliveryDeadlineAt: string;

  @Field(() => String, { nullable: true })
  deliveredAt: string | null;

  @Field(() => ReturnAddress, { nullable: true, description: 'Where returns of this order go, unless the seller names another address.' })
  returnAddress: ReturnAddress | null;

  @Field({ description: 'The policy line whose current version a dispute on this order pins ("default" unless the feed named one).' })
  policyLine: string;

  @Field(() => String, { nullable: true, description: 'What the order is, in a few words, when the feed says (else show its lines).' })
  title: string | null;

  @Field({ description: 'ISO-8601: when the order was placed, as the feed says; when it never said, when the order was first registered. My Orders sorts and filters by it.' })
  placedAt: string;

  /** The record behind the fields (not served): the eligibility reads the order as the rules see it. */
  record: OrderRecord;

  /** The order's disputes, latest first, when the reader loaded them with the order (a page of orders does, in one query). */
  disputeRows?: DisputeProjectionRow[];
}

@InputType({ description: 'One line of an order. Line ids are unique within the order.' })
export class OrderLineInput {
  @Field(() => ID)
  lineId: string;

  @Field()
  sku: string;

  @Field()
  title: string;

  @Field(() => Int, { description: 'At least 1.' })
  quantity: number;

  @Field(() => MoneyInput, { description: 'In the order\u2019s currency.' })
  unitPrice: MoneyInput;

  @Field(() => MinorUnits, { nullable: true, description: 'Already refunded on this line (default 0); at most quantity x unit price.' })
  refundedMinorUnits?: number | null;
}

@InputType()
export class RegisterOrderInput {
  @Field(() => ID)
  orderId: string;

  @Field(() => ID)
  buyerId: string;

  @Field(() => ID)
  sellerId: string;

  @Field(() => MoneyInput, { description: 'The currency must be an active ISO 4217 code.' })
  amountPaid: MoneyInput;

  @Field(() => Int, { nullable: true, deprecationReason: useInstead('amountRefundedMinorUnits'), description: 'Already refunded; give this or amountRefundedMinorUnits, or neither for 0.' })
  amountRefundedMinor?: number | null;

  @Field(() => MinorUnits, { nullable: true, description: 'Already refunded on the order (default 0).' })
  amountRefundedMinorUnits?: number | null;

  @Field(() => [OrderLineInput], { nullable: true, description: 'What was bought; the lines together are worth at most the amount paid.' })
  lines?: OrderLineInput[] | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601; disputes can be opened from this moment.' })
  shippedAt?: string | null;

  @Field({ description: 'ISO-8601; the latest promised delivery time.' })
  deliveryDeadlineAt: string;

  @Field(() => String, { nullable: true, description: 'ISO-8601, when delivery was confirmed.' })
  deliveredAt?: string | null;

  @Field(() => ReturnAddressInput, { nullable: true, description: 'Where returns of this order go (the seller may name another when agreeing to one).' })
  returnAddress?: ReturnAddressInput | null;

  @Field(() => String, { nullable: true, description: 'The policy line for disputes on this order (a category, a region or a seller tier, e.g. "electronics", "eu"); "default" when not given. It must have been published.' })
  policyLine?: string | null;

  @Field(() => String, { nullable: true, description: 'What the order is, in a few words (1 to 500 characters); shown in My Orders.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601, when the order was placed. Kept from the first registration when a later message leaves it out.' })
  placedAt?: string | null;
}
