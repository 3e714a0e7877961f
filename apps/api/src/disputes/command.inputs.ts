import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { CarrierEnum, ConcessionRemedyEnum, DeadlineKindEnum, DecisionOutcomeEnum, PartyEnum, RespondKindEnum } from '../graphql/enums';
import { MoneyInput } from '../graphql/money.types';
import { ReturnAddressInput } from '../orders/return-address.types';
import { EvidenceInput, ResolutionInput } from './open-dispute.input';

// One input per command. Field names mirror the domain command's data, so a rejection's
// `field` (e.g. `terms.amount.amountMinor`) is also the path inside `input`.

type Enum<T> = T[keyof T];

@InputType({ isAbstract: true })
export abstract class DisputeCommandInput {
  @Field(() => ID)
  disputeId: string;

  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result and records nothing new.' })
  idempotencyKey?: string | null;
}

/** The seller's choice of where an accepted or ruled return goes (second edition). */
@InputType({ isAbstract: true })
export abstract class ReturnChoiceInput extends DisputeCommandInput {
  @Field(() => ReturnAddressInput, { nullable: true, description: 'When the result is a return: where the item goes (else the order\u2019s return address). Seller or mediator only.' })
  returnAddress?: ReturnAddressInput | null;

  @Field(() => String, { nullable: true, description: 'When the result is a return: a prepaid label id or https URL. Seller or mediator only.' })
  prepaidLabel?: string | null;
}

@InputType()
export class RespondToDisputeInput extends ReturnChoiceInput {
  @Field(() => RespondKindEnum)
  response: Enum<typeof RespondKindEnum>;

  @Field(() => ResolutionInput, { nullable: true, description: 'Required for COUNTER_OFFER.' })
  offer?: ResolutionInput | null;

  @Field(() => String, { nullable: true, description: 'A note with a COUNTER_OFFER.' })
  message?: string | null;

  @Field(() => String, { nullable: true, description: 'Required for REJECT.' })
  explanation?: string | null;

  @Field(() => [EvidenceInput], { nullable: true, description: 'At least one item for REJECT.' })
  evidence?: EvidenceInput[] | null;
}

@InputType()
export class PostMessageInput extends DisputeCommandInput {
  @Field()
  body: string;
}

@InputType()
export class AddEvidenceInput extends DisputeCommandInput {
  @Field(() => [EvidenceInput])
  evidence: EvidenceInput[];
}

@InputType()
export class MakeOfferInput extends DisputeCommandInput {
  @Field(() => ResolutionInput)
  terms: ResolutionInput;
}

@InputType()
export class AcceptOfferInput extends ReturnChoiceInput {
  @Field(() => Int)
  offerNumber: number;
}

@InputType()
export class RejectOfferInput extends DisputeCommandInput {
  @Field(() => Int)
  offerNumber: number;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@InputType()
export class EscalateDisputeInput extends DisputeCommandInput {
  @Field({ description: 'Why the platform should step in.' })
  note: string;
}

@InputType()
export class WithdrawDisputeInput extends DisputeCommandInput {
  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@InputType()
export class ClaimCaseInput extends DisputeCommandInput {}

@InputType()
export class RequestInformationInput extends DisputeCommandInput {
  @Field(() => PartyEnum)
  from: Enum<typeof PartyEnum>;

  @Field()
  question: string;

  @Field(() => String, { nullable: true, description: 'ISO-8601; defaults to the policy\u2019s information request window.' })
  dueAt?: string | null;
}

@InputType()
export class AnswerInformationRequestInput extends DisputeCommandInput {
  @Field(() => ID)
  requestId: string;

  @Field()
  answer: string;

  @Field(() => [EvidenceInput], { nullable: true })
  evidence?: EvidenceInput[] | null;
}

@InputType()
export class DecisionInput extends ReturnChoiceInput {
  @Field(() => DecisionOutcomeEnum)
  outcome: Enum<typeof DecisionOutcomeEnum>;

  @Field(() => MoneyInput, { nullable: true, description: 'Required for PARTIAL_REFUND.' })
  amount?: MoneyInput | null;

  @Field()
  rationale: string;

  @Field(() => [ID], { defaultValue: [], description: 'Evidence ids from the case file the ruling rests on.' })
  citedEvidenceIds: string[];

  @Field(() => [String], { description: 'Clause ids of the policy pinned to the dispute; at least one.' })
  citedPolicyClauses: string[];
}

@InputType()
export class IssueDecisionInput extends DecisionInput {}

@InputType()
export class DecideAppealInput extends DecisionInput {}

@InputType()
export class FileAppealInput extends DisputeCommandInput {
  @Field({ description: 'The new information the appeal rests on.' })
  grounds: string;

  @Field(() => [EvidenceInput], { nullable: true })
  evidence?: EvidenceInput[] | null;
}

/** A shipment: a carrier code (with its name for OTHER) and the tracking number, normalized by the rules. */
@InputType({ isAbstract: true })
export abstract class ShipmentInput extends DisputeCommandInput {
  @Field(() => CarrierEnum, { nullable: true })
  carrierCode?: Enum<typeof CarrierEnum> | null;

  @Field(() => String, { nullable: true, description: 'Required with carrierCode OTHER, refused with any other code.' })
  carrierName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Deprecated: use carrierCode (and carrierName for OTHER). A known carrier\u2019s code or name maps to its code, anything else to OTHER with this name.',
    deprecationReason: 'Use carrierCode (and carrierName for OTHER).',
  })
  carrier?: string | null;

  @Field({ description: '8 to 40 letters and digits; spaces and dashes are ignored, letters upper-cased.' })
  trackingNumber: string;
}

@InputType()
export class MarkReturnShippedInput extends ShipmentInput {}

@InputType()
export class MarkReplacementShippedInput extends ShipmentInput {}

@InputType()
export class ConfirmReplacementReceivedInput extends DisputeCommandInput {}

@InputType()
export class ReportReplacementProblemInput extends DisputeCommandInput {
  @Field()
  explanation: string;

  @Field(() => [EvidenceInput], { description: 'At least one item.' })
  evidence: EvidenceInput[];
}

@InputType()
export class ConfirmReturnReceivedInput extends DisputeCommandInput {}

@InputType()
export class ContestReturnInput extends DisputeCommandInput {
  @Field()
  explanation: string;

  @Field(() => [EvidenceInput])
  evidence: EvidenceInput[];
}

// Settling at any stage and the mediator's full job (docs/decisions.md, issue 13).

@InputType()
export class ConcedeDisputeInput extends ReturnChoiceInput {
  @Field(() => ConcessionRemedyEnum)
  remedy: Enum<typeof ConcessionRemedyEnum>;

  @Field(() => String, { nullable: true })
  message?: string | null;
}

@InputType()
export class ReleaseCaseInput extends DisputeCommandInput {
  @Field({ description: 'Why the case goes back to the queue.' })
  reason: string;
}

@InputType()
export class ReassignCaseInput extends DisputeCommandInput {
  @Field(() => ID, { description: 'The mediator who takes the case.' })
  mediatorId: string;

  @Field()
  reason: string;
}

@InputType()
export class ExtendDeadlineInput extends DisputeCommandInput {
  @Field(() => DeadlineKindEnum, { description: 'MEDIATION_SLA, INFORMATION_REQUEST, RETURN_SHIPMENT, RETURN_RECEIPT, REPLACEMENT_SHIPMENT or REPLACEMENT_CONFIRMATION.' })
  deadline: Enum<typeof DeadlineKindEnum>;

  @Field(() => ID, { nullable: true, description: 'Required for INFORMATION_REQUEST.' })
  requestId?: string | null;

  @Field({ description: 'ISO-8601; after the current due date and within the policy\u2019s maximum extension.' })
  dueAt: string;

  @Field()
  reason: string;
}

@InputType()
export class RetryRefundInput extends DisputeCommandInput {
  @Field({ description: 'Why the operator orders another attempt (e.g. the buyer\u2019s card was replaced).' })
  reason: string;
}
