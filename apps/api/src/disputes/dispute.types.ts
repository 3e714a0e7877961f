import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  DeadlineKindEnum,
  DecisionOutcomeEnum,
  DisputeActionEnum,
  DisputeStatusEnum,
  EscalationReasonEnum,
  EvidenceKindEnum,
  InformationRequestStatusEnum,
  MediationStageEnum,
  OfferKindEnum,
  OfferStatusEnum,
  OutcomeKindEnum,
  PartyEnum,
  ReasonEnum,
  CarrierEnum,
  RefundStatusEnum,
  ReplacementStatusEnum,
  ResolutionRouteEnum,
  ReturnStatusEnum,
  RoleEnum,
  SubReasonEnum,
} from '../graphql/enums';
import { fitsInt, Money, useInstead } from '../graphql/money.types';
import { OrderLine } from '../orders/order.types';
import { PageInfo } from '../graphql/pagination';
import { ReturnAddress } from '../orders/return-address.types';
import { Policy } from '../policies/policy.types';

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

  @Field(() => Int, { nullable: true, description: 'The uploaded file\u2019s size, from the upload catalog; null only for citations recorded before they were checked against it.' })
  sizeBytes: number | null;

  @Field(() => String, { nullable: true, description: 'The type detected from the uploaded bytes (e.g. image/jpeg); null only for citations recorded before they were checked against the catalog.' })
  contentType: string | null;

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

  @Field(() => ReturnAddress, { nullable: true, description: 'A seller\u2019s RETURN_AND_REFUND offer: where the item would go.' })
  returnAddress: ReturnAddress | null;

  @Field(() => String, { nullable: true, description: 'A seller\u2019s RETURN_AND_REFUND offer: the prepaid label, if any.' })
  prepaidLabel: string | null;

  @Field(() => OfferStatusEnum)
  status: string;

  @Field()
  madeAt: string;
}

@ObjectType({ description: 'A timer running on the dispute; when it passes, the dispute moves on by itself.' })
export class Deadline {
  @Field(() => DeadlineKindEnum)
  kind: string;

  @Field()
  dueAt: string;
}

@ObjectType({ description: 'Who is expected to act next, and by when.' })
export class Turn {
  @Field(() => RoleEnum)
  role: string;

  @Field()
  reason: string;

  @Field(() => String, { nullable: true })
  dueAt: string | null;
}

@ObjectType()
export class InformationRequest {
  @Field(() => ID)
  requestId: string;

  @Field(() => PartyEnum, { description: 'The party asked.' })
  from: string;

  @Field()
  question: string;

  @Field(() => ID)
  requestedBy: string;

  @Field()
  dueAt: string;

  @Field(() => InformationRequestStatusEnum)
  status: string;
}

@ObjectType({ description: 'The current (or last) round of mediation.' })
export class Mediation {
  @Field(() => MediationStageEnum)
  stage: string;

  @Field(() => EscalationReasonEnum)
  reason: string;

  @Field(() => ID, { nullable: true, description: 'Null while no mediator has claimed the case.' })
  mediatorId: string | null;

  @Field()
  slaDueAt: string;

  @Field()
  slaBreached: boolean;

  @Field()
  startedAt: string;
}

@ObjectType({ description: 'A mediator\u2019s ruling, citing the evidence and the pinned policy clauses it rests on.' })
export class Decision {
  @Field(() => ID)
  mediatorId: string;

  @Field(() => DecisionOutcomeEnum)
  outcome: string;

  @Field(() => Money, { nullable: true })
  refund: Money | null;

  @Field()
  rationale: string;

  @Field(() => [ID])
  citedEvidenceIds: string[];

  @Field(() => [String])
  citedPolicyClauses: string[];

  @Field(() => String, { nullable: true, description: 'Until when a party may appeal; null when the ruling is final.' })
  appealDueAt: string | null;

  @Field(() => ReturnAddress, { nullable: true, description: 'A RETURN_AND_REFUND ruling: where the item goes.' })
  returnAddress: ReturnAddress | null;

  @Field(() => String, { nullable: true })
  prepaidLabel: string | null;

  @Field()
  at: string;
}

@ObjectType()
export class Appeal {
  @Field(() => PartyEnum)
  by: string;

  @Field()
  grounds: string;

  @Field()
  filedAt: string;

  @Field(() => ID, { nullable: true })
  decidedBy: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the appeal ruling kept the first outcome.' })
  upheld: boolean | null;
}

@ObjectType({ description: 'The item travelling back to the seller.' })
export class ReturnShipment {
  @Field(() => ReturnStatusEnum)
  status: string;

  @Field()
  shipmentDueAt: string;

  @Field(() => CarrierEnum, { nullable: true, description: 'Null until shipped, and for returns recorded before carriers were codes.' })
  carrierCode: string | null;

  @Field(() => String, { nullable: true, description: 'The carrier\u2019s name.' })
  carrier: string | null;

  @Field(() => String, { nullable: true })
  trackingNumber: string | null;

  @Field(() => String, { nullable: true })
  receiptDueAt: string | null;

  @Field(() => ReturnAddress, { nullable: true, description: 'Where the item goes; null only for returns agreed before addresses were recorded.' })
  returnAddress: ReturnAddress | null;

  @Field(() => String, { nullable: true, description: 'The seller\u2019s prepaid label (an id or an https URL), if any.' })
  prepaidLabel: string | null;
}

@ObjectType({ description: 'A replacement the seller ships after agreeing or being ruled to (second edition).' })
export class Replacement {
  @Field(() => ReplacementStatusEnum)
  status: string;

  @Field({ description: 'The seller ships by then, or a mediator takes the case.' })
  shipmentDueAt: string;

  @Field(() => CarrierEnum, { nullable: true })
  carrierCode: string | null;

  @Field(() => String, { nullable: true })
  carrier: string | null;

  @Field(() => String, { nullable: true })
  trackingNumber: string | null;

  @Field(() => String, { nullable: true, description: 'The buyer confirms or reports a problem by then; silence counts as receipt.' })
  confirmationDueAt: string | null;
}

@ObjectType({ description: 'A deadline the mediator moved later, with why; the ledger keeps every extension.' })
export class DeadlineExtension {
  @Field(() => DeadlineKindEnum)
  deadline: string;

  @Field(() => ID, { nullable: true, description: 'The information request, for an INFORMATION_REQUEST deadline.' })
  requestId: string | null;

  @Field()
  previousDueAt: string;

  @Field()
  dueAt: string;

  @Field()
  reason: string;

  @Field(() => ID)
  mediatorId: string;

  @Field()
  at: string;
}

@ObjectType()
export class Refund {
  @Field(() => ID)
  refundId: string;

  @Field(() => Money)
  amount: Money;

  @Field(() => RefundStatusEnum)
  status: string;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true })
  failureReason: string | null;
}

@ObjectType({ description: 'What the dispute settled on.' })
export class Outcome {
  @Field(() => OutcomeKindEnum)
  kind: string;

  @Field(() => Money, { nullable: true, description: 'Money back to the buyer; null when none.' })
  refund: Money | null;
}

@ObjectType({ description: 'A message in the dispute\u2019s conversation (append-only).' })
export class Message {
  @Field(() => ID)
  messageId: string;

  @Field(() => Int, { description: 'Sequence of the MessagePosted event.' })
  sequence: number;

  @Field(() => RoleEnum)
  authorRole: string;

  @Field(() => ID)
  authorId: string;

  @Field()
  body: string;

  @Field()
  at: string;
}

@ObjectType()
export class MessageEdge {
  @Field()
  cursor: string;

  @Field(() => Message)
  node: Message;
}

@ObjectType()
export class MessageConnection {
  @Field(() => [MessageEdge])
  edges: MessageEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  @Field(() => Int)
  totalCount: number;
}

@ObjectType({ isAbstract: true, description: 'The case file of a dispute: what a Dispute and an auditor\u2019s snapshot both show.' })
export abstract class DisputeCaseFile {
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

  @Field(() => String, { nullable: true })
  sellerRespondedAt: string | null;

  @Field(() => String, { nullable: true, description: 'When negotiation ends and the case goes to mediation by itself.' })
  negotiationDueAt: string | null;

  @Field(() => String, { nullable: true, description: 'The platform target for resolving this dispute (reported, not enforced).' })
  resolutionTargetAt: string | null;

  @Field(() => [InformationRequest])
  informationRequests: InformationRequest[];

  @Field(() => Mediation, { nullable: true })
  mediation: Mediation | null;

  @Field(() => Decision, { nullable: true })
  decision: Decision | null;

  @Field(() => Appeal, { nullable: true })
  appeal: Appeal | null;

  @Field(() => ReturnShipment, { nullable: true, name: 'return' })
  returnShipment: ReturnShipment | null;

  @Field(() => Replacement, { nullable: true })
  replacement: Replacement | null;

  @Field(() => Refund, { nullable: true, description: 'The latest refund attempt.' })
  refund: Refund | null;

  @Field(() => Int, { description: 'Minor units refunded so far.', deprecationReason: useInstead('refunded.minorUnits'), middleware: [fitsInt('refunded.minorUnits')] })
  refundedMinor: number;

  @Field(() => Money, { description: 'Refunded so far, in the order\u2019s currency.' })
  refunded: Money;

  @Field(() => [OrderLine], { description: 'The order lines the dispute covers, as they stood when it opened; empty when it covers the whole order.' })
  disputedLines: OrderLine[];

  @Field(() => Money, { description: 'What the dispute puts at stake: the refundable value of the lines it covers (the whole order when none), capped by what was left to refund on the order when it opened; no decision may refund more.' })
  amountInDispute: Money;

  @Field(() => Outcome, { nullable: true })
  outcome: Outcome | null;

  @Field(() => ResolutionRouteEnum, { nullable: true })
  resolvedVia: string | null;

  @Field(() => String, { nullable: true })
  resolvedAt: string | null;

  @Field(() => String, { nullable: true })
  closedAt: string | null;

  @Field(() => String, { nullable: true })
  withdrawnAt: string | null;

  @Field(() => [DeadlineExtension], { description: 'Every deadline a mediator extended, oldest first.' })
  deadlineExtensions: DeadlineExtension[];

  @Field(() => Policy, { nullable: true, description: 'The policy pinned when the dispute opened, with the clause texts decisions cite; publishing a newer version never changes it.' })
  policy: Policy | null;
}

@ObjectType({ description: 'A buyer dispute on one order, as its event history currently folds.' })
export class Dispute extends DisputeCaseFile {
  @Field(() => [Deadline], { description: 'Timers running now, earliest first.' })
  deadlines: Deadline[];

  @Field(() => Turn, { nullable: true, description: 'Who must act next; null once nothing is expected.' })
  whoseTurn: Turn | null;

  @Field(() => [DisputeActionEnum], { description: 'What you may do on this dispute now (decided by the rules, not the client).' })
  availableActions: string[];

  @Field(() => Int, { description: 'Number of events in the history; the sequence of the latest event.' })
  version: number;

  @Field({ description: 'SHA-256 of the latest event; chains back to the first.' })
  headHash: string;

  @Field()
  updatedAt: string;
}

@ObjectType()
export class DisputeEdge {
  @Field()
  cursor: string;

  @Field(() => Dispute)
  node: Dispute;
}

@ObjectType()
export class DisputeConnection {
  @Field(() => [DisputeEdge])
  edges: DisputeEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  /** The count, run only when a client selects `totalCount` (graphql/connection-counts.resolver.ts). */
  totalCount: () => Promise<number>;
}

@ObjectType({ description: 'The mediation queue: unclaimed cases first, then by mediation SLA due time.' })
export class MediationQueueConnection {
  @Field(() => [DisputeEdge])
  edges: DisputeEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  /** The count, run only when a client selects `totalCount` (graphql/connection-counts.resolver.ts). */
  totalCount: () => Promise<number>;
}

@ObjectType({ description: 'Who recorded an event.' })
export class EventActor {
  @Field(() => RoleEnum)
  role: string;

  @Field(() => ID)
  id: string;
}

@ObjectType({ description: 'One event of the append-only, hash-chained history.' })
export class DisputeEvent {
  @Field(() => Int)
  sequence: number;

  @Field()
  type: string;

  @Field(() => String, { description: 'The event payload as JSON text (canonical content is what the hash covers).' })
  payload: string;

  @Field(() => EventActor)
  actor: EventActor;

  @Field({ description: 'Workflow time of the event.' })
  occurredAt: string;

  @Field({ description: 'Database time the event was stored.' })
  recordedAt: string;

  @Field(() => String, { nullable: true, description: 'The command (idempotency) id; shown to auditors only.' })
  commandId: string | null;

  @Field(() => Int)
  schemaVersion: number;

  @Field()
  previousHash: string;

  @Field()
  hash: string;
}

@ObjectType()
export class DisputeEventEdge {
  @Field()
  cursor: string;

  @Field(() => DisputeEvent)
  node: DisputeEvent;
}

@ObjectType()
export class DisputeEventConnection {
  @Field(() => [DisputeEventEdge])
  edges: DisputeEventEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

@ObjectType({ description: 'An operator\u2019s refund retry as stored: the dispute\u2019s status and its latest refund attempt.' })
export class RefundRetry {
  @Field(() => ID)
  disputeId: string;

  @Field(() => DisputeStatusEnum)
  status: string;

  @Field(() => Int)
  version: number;

  @Field(() => Refund, { nullable: true, description: 'The latest attempt; the ordered one follows within moments.' })
  refund: Refund | null;
}
