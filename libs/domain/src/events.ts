// The append-only history. Every event is plain JSON { type, data }; `data.at` is when it
// happened (the deciding context's `now`) and each payload carries everything `evolve`
// needs, so a history replays without any outside input. The envelope (sequence, actor,
// idempotency key, previous hash) is added by the event store.
import type { ConcessionRemedy, DecisionOutcome } from './commands';
import type { ExtendableDeadlineKind } from './extensions';
import type { Policy } from './policy';
import type { ReturnAddress, ReturnTo } from './return-address';
import type { CarrierCode } from './tracking';
import type { Actor, EvidenceItem, Money, OrderFacts, Party, Reason, ResolvedTerms, SubReason } from './types';

export const DISPUTE_EVENT_SCHEMA_VERSION = 1;

export type EscalationReason =
  | 'SELLER_NO_RESPONSE'
  | 'NEGOTIATION_TIMEOUT'
  | 'BUYER_REQUEST'
  | 'SELLER_REQUEST'
  | 'RETURN_CONTESTED'
  | 'REPLACEMENT_PROBLEM'
  | 'REPLACEMENT_NOT_SHIPPED';
export type MediationStage = 'MEDIATION' | 'APPEAL';
/** What a dispute finally settles on, whether agreed, decided or forced by a lapse. */
export type OutcomeKind = ResolvedTerms['kind'] | 'NO_REFUND';
export interface Outcome {
  kind: OutcomeKind;
  /** Money back to the buyer; null when none (REPLACEMENT, NO_REFUND). */
  refund: Money | null;
}
export type ResolutionRoute = 'AGREEMENT' | 'DECISION' | 'APPEAL' | 'RETURN_ABANDONED' | 'CONCESSION';

export interface DisputeOpenedData {
  disputeId: string;
  orderId: string;
  buyerId: string;
  sellerId: string;
  /** The order as known when the dispute opened; refund limits are computed from it. */
  order: OrderFacts;
  /** The whole policy in force, pinned for the life of the dispute. */
  policy: Policy;
  reason: Reason;
  subReason: SubReason | null;
  description: string;
  evidence: EvidenceItem[];
  requestedResolution: ResolvedTerms;
  sellerResponseDueAt: string;
  resolutionTargetAt: string;
  at: string;
  /** The order lines the dispute covers; absent when it covers the whole order (and in events recorded before lines existed). */
  lineIds?: string[];
}
export interface SellerRespondedData {
  sellerId: string;
  response: 'ACCEPT_REQUEST' | 'COUNTER_OFFER' | 'REJECT';
  explanation: string | null;
  negotiationDueAt: string;
  at: string;
}
export interface MessagePostedData {
  messageId: string;
  author: Actor;
  body: string;
  at: string;
}
export interface EvidenceAddedData {
  evidence: EvidenceItem;
  addedBy: Party;
  actorId: string;
  at: string;
}
export interface OfferMadeData {
  offerNumber: number;
  by: Party;
  actorId: string;
  terms: ResolvedTerms;
  at: string;
}
export interface OfferAcceptedData {
  offerNumber: number;
  by: Party;
  actorId: string;
  terms: ResolvedTerms;
  at: string;
}
export interface OfferRejectedData {
  offerNumber: number;
  by: Party;
  actorId: string;
  reason: string | null;
  at: string;
}
export interface OfferSupersededData {
  offerNumber: number;
  supersededBy: number;
  at: string;
}
export interface DisputeEscalatedData {
  reason: EscalationReason;
  by: Actor;
  note: string | null;
  slaDueAt: string;
  at: string;
}
export interface MediatorAssignedData {
  mediatorId: string;
  stage: MediationStage;
  at: string;
}
export interface InformationRequestedData {
  requestId: string;
  mediatorId: string;
  from: Party;
  question: string;
  dueAt: string;
  at: string;
}
export interface InformationProvidedData {
  requestId: string;
  from: Party;
  actorId: string;
  answer: string;
  evidenceIds: string[];
  at: string;
}
export interface InformationRequestExpiredData {
  requestId: string;
  from: Party;
  at: string;
}
export interface MediationSlaBreachedData {
  stage: MediationStage;
  slaDueAt: string;
  mediatorId: string | null;
  at: string;
}
export interface DecisionIssuedData {
  mediatorId: string;
  outcome: DecisionOutcome;
  refund: Money | null;
  rationale: string;
  citedEvidenceIds: string[];
  citedPolicyClauses: string[];
  /** Null when no appeal is possible any more (one was already filed); the decision is then final at once. */
  appealDueAt: string | null;
  at: string;
  /** Second edition, RETURN_AND_REFUND only: where the item goes. */
  returnAddress?: ReturnAddress;
  prepaidLabel?: string | null;
}
export interface AppealFiledData {
  by: Party;
  actorId: string;
  grounds: string;
  evidenceIds: string[];
  slaDueAt: string;
  at: string;
}
export interface AppealDecidedData {
  mediatorId: string;
  /** True when the appeal ruling matches the decision under appeal. */
  upheld: boolean;
  outcome: DecisionOutcome;
  refund: Money | null;
  rationale: string;
  citedEvidenceIds: string[];
  citedPolicyClauses: string[];
  at: string;
  returnAddress?: ReturnAddress;
  prepaidLabel?: string | null;
}
/** `returnAddress` and `prepaidLabel` are second edition; events recorded before have neither. */
export interface ReturnRequestedData extends Partial<ReturnTo> {
  refund: Money;
  returnShipmentDueAt: string;
  at: string;
}
export interface ReturnShippedData {
  actorId: string;
  /** The carrier's name (second edition: of its code, or the name given with OTHER). */
  carrier: string;
  /** Second edition: normalized (no spaces or dashes, upper case); before, as typed. */
  trackingNumber: string;
  /** Second edition; absent in events recorded before carriers were codes. */
  carrierCode?: CarrierCode;
  returnReceiptDueAt: string;
  at: string;
}
export interface ReturnReceivedData {
  by: Actor;
  /** True when the receipt window lapsed and the seller's silence counts as receipt. */
  deemed: boolean;
  at: string;
}
export interface ReturnContestedData {
  actorId: string;
  explanation: string;
  evidenceIds: string[];
  at: string;
}
export interface ReturnAbandonedData {
  at: string;
}
// The replacement sub-flow (second edition).
export interface ReplacementRequestedData {
  shipmentDueAt: string;
  at: string;
}
export interface ReplacementShippedData {
  actorId: string;
  carrierCode: CarrierCode;
  carrier: string;
  trackingNumber: string;
  confirmationDueAt: string;
  at: string;
}
export interface ReplacementReceivedData {
  by: Actor;
  /** True when the confirmation window lapsed and the buyer's silence counts as receipt. */
  deemed: boolean;
  at: string;
}
export interface ReplacementDisputedData {
  actorId: string;
  explanation: string;
  evidenceIds: string[];
  at: string;
}
export interface ReplacementNotShippedData {
  at: string;
}
export interface RefundRequestedData {
  refundId: string;
  amount: Money;
  at: string;
}
export interface RefundSucceededData {
  refundId: string;
  amount: Money;
  providerReference: string | null;
  at: string;
}
export interface RefundFailedData {
  refundId: string;
  failureReason: string;
  at: string;
}
export interface DisputeResolvedData {
  outcome: Outcome;
  via: ResolutionRoute;
  at: string;
}
export interface DisputeWithdrawnData {
  buyerId: string;
  reason: string | null;
  at: string;
}
export interface DisputeClosedData {
  refundedMinor: number;
  at: string;
}

// Settling at any stage and the mediator's full job (rulebook edition 2).
export interface SellerConcededData {
  sellerId: string;
  remedy: ConcessionRemedy;
  terms: ResolvedTerms;
  /** The mediator holding the case when the seller conceded in mediation; null otherwise. */
  mediatorId: string | null;
  message: string | null;
  at: string;
}
export interface MediatorReleasedData {
  mediatorId: string;
  stage: MediationStage;
  reason: string;
  at: string;
}
export interface MediatorReassignedData {
  fromMediatorId: string | null;
  toMediatorId: string;
  by: Actor;
  reason: string;
  stage: MediationStage;
  at: string;
}
export interface DeadlineExtendedData {
  deadline: ExtendableDeadlineKind;
  requestId: string | null;
  previousDueAt: string;
  dueAt: string;
  reason: string;
  mediatorId: string;
  at: string;
}
export interface RefundRetryOrderedData {
  by: Actor;
  reason: string;
  at: string;
}

type Evt<T extends string, D> = { type: T; data: D };

export type DisputeEvent =
  | Evt<'DisputeOpened', DisputeOpenedData>
  | Evt<'SellerResponded', SellerRespondedData>
  | Evt<'MessagePosted', MessagePostedData>
  | Evt<'EvidenceAdded', EvidenceAddedData>
  | Evt<'OfferMade', OfferMadeData>
  | Evt<'OfferAccepted', OfferAcceptedData>
  | Evt<'OfferRejected', OfferRejectedData>
  | Evt<'OfferSuperseded', OfferSupersededData>
  | Evt<'DisputeEscalated', DisputeEscalatedData>
  | Evt<'MediatorAssigned', MediatorAssignedData>
  | Evt<'InformationRequested', InformationRequestedData>
  | Evt<'InformationProvided', InformationProvidedData>
  | Evt<'InformationRequestExpired', InformationRequestExpiredData>
  | Evt<'MediationSlaBreached', MediationSlaBreachedData>
  | Evt<'DecisionIssued', DecisionIssuedData>
  | Evt<'AppealFiled', AppealFiledData>
  | Evt<'AppealDecided', AppealDecidedData>
  | Evt<'ReturnRequested', ReturnRequestedData>
  | Evt<'ReturnShipped', ReturnShippedData>
  | Evt<'ReturnReceived', ReturnReceivedData>
  | Evt<'ReturnContested', ReturnContestedData>
  | Evt<'ReturnAbandoned', ReturnAbandonedData>
  | Evt<'ReplacementRequested', ReplacementRequestedData>
  | Evt<'ReplacementShipped', ReplacementShippedData>
  | Evt<'ReplacementReceived', ReplacementReceivedData>
  | Evt<'ReplacementDisputed', ReplacementDisputedData>
  | Evt<'ReplacementNotShipped', ReplacementNotShippedData>
  | Evt<'RefundRequested', RefundRequestedData>
  | Evt<'RefundSucceeded', RefundSucceededData>
  | Evt<'RefundFailed', RefundFailedData>
  | Evt<'DisputeResolved', DisputeResolvedData>
  | Evt<'DisputeWithdrawn', DisputeWithdrawnData>
  | Evt<'DisputeClosed', DisputeClosedData>
  | Evt<'SellerConceded', SellerConcededData>
  | Evt<'MediatorReleased', MediatorReleasedData>
  | Evt<'MediatorReassigned', MediatorReassignedData>
  | Evt<'DeadlineExtended', DeadlineExtendedData>
  | Evt<'RefundRetryOrdered', RefundRetryOrderedData>;

export type DisputeEventType = DisputeEvent['type'];
export type EventOf<T extends DisputeEventType> = Extract<DisputeEvent, { type: T }>;
