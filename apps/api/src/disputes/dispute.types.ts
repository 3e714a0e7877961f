import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DisputeStatusEnum, EvidenceKindEnum, OfferKindEnum, PartyEnum, ReasonEnum, SubReasonEnum } from '../graphql/enums';
import { Money } from '../graphql/money.types';

@ObjectType({ description: 'A file a party submitted, referenced by id; the SHA-256 makes repeats detectable.' })
export class Evidence {
  @Field(() => ID)
  evidenceId: string;

  @Field()
  sha256: string;

  @Field(() => EvidenceKindEnum)
  kind: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => PartyEnum)
  addedBy: string;

  @Field()
  addedAt: string;
}

@ObjectType({ description: 'A resolution proposed by one party. The buyer request at opening is offer #1.' })
export class Offer {
  @Field(() => Int)
  offerNumber: number;

  @Field(() => PartyEnum)
  by: string;

  @Field(() => OfferKindEnum)
  kind: string;

  @Field(() => Money, { nullable: true, description: 'The refund proposed; null for a replacement.' })
  amount: Money | null;

  @Field()
  status: string;

  @Field()
  madeAt: string;
}

@ObjectType({ description: 'A buyer dispute on one order, as its event history currently folds.' })
export class Dispute {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  orderId: string;

  @Field(() => ID)
  buyerId: string;

  @Field(() => ID)
  sellerId: string;

  @Field(() => DisputeStatusEnum)
  status: string;

  @Field(() => ReasonEnum)
  reason: string;

  @Field(() => SubReasonEnum, { nullable: true })
  subReason: string | null;

  @Field()
  description: string;

  @Field(() => [Evidence])
  evidence: Evidence[];

  @Field(() => [Offer])
  offers: Offer[];

  @Field(() => Int)
  messageCount: number;

  @Field({ description: 'ISO-8601 UTC.' })
  openedAt: string;

  @Field(() => String, { nullable: true, description: 'When the seller must respond by, while that is pending.' })
  sellerResponseDueAt: string | null;

  @Field(() => String, { nullable: true, description: 'The platform target for resolving this dispute (reported, not enforced).' })
  resolutionTargetAt: string | null;

  @Field(() => Int, { description: 'Number of events in the history; the sequence of the latest event.' })
  version: number;

  @Field({ description: 'SHA-256 of the latest event; chains back to the first.' })
  headHash: string;

  @Field()
  updatedAt: string;
}
