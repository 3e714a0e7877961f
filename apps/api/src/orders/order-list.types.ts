import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { RefusalCodeEnum } from '../graphql/enums';
import { PageInfo } from '../graphql/pagination';
import { Order, RegisterOrderInput } from './order.types';

/** A count computed only when a client asks for `totalCount`: its field resolver calls it (graphql/connection-counts.resolver.ts). */
export type LazyCount = () => Promise<number>;

@InputType({ description: 'Narrows `orders`; the list always holds only your own purchases (BUYER) or sales (SELLER).' })
export class OrderFilter {
  @Field(() => String, { nullable: true, description: 'Orders whose id starts with this text.' })
  orderIdPrefix?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601: placed at or after this time.' })
  placedFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601: placed before this time.' })
  placedBefore?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only orders with a dispute (any, withdrawn ones included); false: only orders without.' })
  hasDispute?: boolean | null;
}

@ObjectType()
export class OrderEdge {
  @Field()
  cursor: string;

  @Field(() => Order)
  node: Order;
}

@ObjectType({ description: 'My Orders: newest placement first.' })
export class OrderConnection {
  @Field(() => [OrderEdge])
  edges: OrderEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  /** The count, run only when a client selects `totalCount` (graphql/connection-counts.resolver.ts). */
  totalCount: LazyCount;
}

@ObjectType({ description: 'Why a dispute cannot be opened: the code and sentence openDispute would answer with.' })
export class EligibilityReason {
  @Field(() => RefusalCodeEnum)
  code: string;

  @Field()
  message: string;
}

@ObjectType({ description: 'Whether you can open a dispute on this order now, decided by the rule openDispute enforces.' })
export class DisputeEligibility {
  @Field()
  canOpen: boolean;

  @Field(() => EligibilityReason, { nullable: true, description: 'Null when canOpen.' })
  reason: EligibilityReason | null;

  @Field(() => String, { nullable: true, description: 'ISO-8601: when the protection window closes (the delivery confirmation, else the delivery deadline, plus the policy\u2019s window).' })
  opensUntil: string | null;

  @Field(() => Int, { description: 'More disputes the policy allows on this order (withdrawn ones count).' })
  disputesLeft: number;
}

@InputType({ description: 'A batch from the order feed: each order is registered or refused on its own.' })
export class RegisterOrdersInput {
  @Field(() => [RegisterOrderInput], { description: '1 to 100 orders, applied in the order given (a later message about the same order wins).' })
  orders: RegisterOrderInput[];

  @Field(() => String, { nullable: true, description: 'A retry with the same key gets the first answer and changes nothing.' })
  idempotencyKey?: string | null;
}

@ObjectType({ description: 'Why one order of a batch was refused; nothing of it was stored.' })
export class OrderRefusal {
  @Field(() => RefusalCodeEnum)
  code: string;

  @Field()
  message: string;

  @Field(() => String, { nullable: true, description: 'The input field at fault, as a path inside the batch input (orders[2].amountPaid.currency).' })
  field: string | null;
}

@ObjectType({ description: 'What became of one order of a batch.' })
export class OrderRegistration {
  @Field(() => Int, { description: 'Its position in the batch, from 0.' })
  index: number;

  @Field(() => ID, { description: 'The order id as given.' })
  orderId: string;

  @Field(() => Order, { nullable: true, description: 'The order as stored now; null when refused.' })
  order: Order | null;

  @Field(() => OrderRefusal, { nullable: true, description: 'Null when registered.' })
  refusal: OrderRefusal | null;
}

@ObjectType()
export class RegisterOrdersResult {
  @Field(() => [OrderRegistration])
  items: OrderRegistration[];

  @Field(() => Int)
  registeredCount: number;

  @Field(() => Int)
  refusedCount: number;
}
