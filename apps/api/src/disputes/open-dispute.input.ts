import { Field, ID, InputType } from '@nestjs/graphql';
import { EvidenceKindEnum, OfferKindEnum, ReasonEnum, SubReasonEnum } from '../graphql/enums';
import { MoneyInput } from '../graphql/money.types';
import { ReturnAddressInput } from '../orders/return-address.types';

@InputType()
export class EvidenceInput {
  @Field(() => ID, { description: 'The id the upload endpoint returned.' })
  evidenceId: string;

  @Field({ description: 'Lower-case hex SHA-256 of the file.' })
  sha256: string;

  @Field(() => EvidenceKindEnum)
  kind: (typeof EvidenceKindEnum)[keyof typeof EvidenceKindEnum];

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class ResolutionInput {
  @Field(() => OfferKindEnum)
  kind: (typeof OfferKindEnum)[keyof typeof OfferKindEnum];

  @Field(() => MoneyInput, { nullable: true, description: 'Required for PARTIAL_REFUND; implied for full refunds; none for REPLACEMENT.' })
  amount?: MoneyInput | null;

  @Field(() => ReturnAddressInput, { nullable: true, description: 'The seller\u2019s RETURN_AND_REFUND only: where the item goes (else the order\u2019s return address).' })
  returnAddress?: ReturnAddressInput | null;

  @Field(() => String, { nullable: true, description: 'The seller\u2019s RETURN_AND_REFUND only: a prepaid label id or https URL.' })
  prepaidLabel?: string | null;
}

@InputType()
export class OpenDisputeInput {
  @Field(() => ID)
  orderId: string;

  @Field(() => ReasonEnum, { description: 'Cannot be changed once the dispute is open.' })
  reason: (typeof ReasonEnum)[keyof typeof ReasonEnum];

  @Field(() => SubReasonEnum, { nullable: true })
  subReason?: (typeof SubReasonEnum)[keyof typeof SubReasonEnum] | null;

  @Field({ description: 'What went wrong, in detail.' })
  description: string;

  @Field(() => [EvidenceInput], { defaultValue: [], description: 'Required for NOT_AS_DESCRIBED.' })
  evidence: EvidenceInput[];

  @Field(() => ResolutionInput, { description: 'What the buyer asks for; becomes offer #1.' })
  requestedResolution: ResolutionInput;

  @Field(() => [ID], { nullable: true, description: 'The order lines the dispute covers (Order.lines); none covers the whole order. A refund is then at most what is left on these lines.' })
  lineIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result and records nothing new.' })
  idempotencyKey?: string | null;
}
