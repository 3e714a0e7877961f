// Everything someone may ask of a dispute. Every command is { type, actor, data }; the
// idempotency key and transport metadata live outside the core (persistence dedupes retries).
import type { ReturnAddress } from './return-address';
import type { CarrierCode } from './tracking';
import type { DeadlineKind } from './deadlines';
import type { Actor, EvidenceRef, Money, OfferTerms, Party, Reason, SubReason } from './types';

export interface OpenDisputeData {
  disputeId: string;
  orderId: string;
  reason: Reason;
  subReason?: SubReason;
  description: string;
  evidence: EvidenceRef[];
  /** Becomes offer #1, made by the buyer. */
  requestedResolution: OfferTerms;
  /** The order lines the dispute covers (second edition); none means the whole order. */
  lineIds?: string[];
}

/** The seller's first answer: accept the buyer's request, counter it, or reject it with evidence. */
export type RespondToDisputeData =
  | ({ response: 'ACCEPT_REQUEST' } & ReturnChoice)
  | { response: 'COUNTER_OFFER'; offer: OfferTerms; message?: string }
  | { response: 'REJECT'; explanation: string; evidence: EvidenceRef[] };

export interface PostMessageData {
  messageId: string;
  body: string;
}
export interface AddEvidenceData {
  evidence: EvidenceRef[];
}
export interface MakeOfferData {
  terms: OfferTerms;
}
/** Second edition: the seller accepting a return names where it goes (else the order's address) and may add a prepaid label. */
export interface ReturnChoice {
  returnAddress?: ReturnAddress;
  prepaidLabel?: string;
}
export interface AcceptOfferData extends ReturnChoice {
  offerNumber: number;
}
export interface RejectOfferData {
  offerNumber: number;
  reason?: string;
}
export interface EscalateDisputeData {
  /** Why the party wants the platform to step in. */
  note: string;
}
export type ClaimCaseData = Record<string, never>;
export interface RequestInformationData {
  requestId: string;
  from: Party;
  question: string;
  /** Defaults to now + policy.informationRequestDefaultMs. */
  dueAt?: string;
}
export interface AnswerInformationRequestData {
  requestId: string;
  answer: string;
  evidence?: EvidenceRef[];
}

/** What a mediator may rule. RETURN_AND_REFUND sends the item back before the refund; NO_REFUND is the seller's favour. */
export type DecisionOutcome = 'FULL_REFUND' | 'PARTIAL_REFUND' | 'RETURN_AND_REFUND' | 'NO_REFUND' | 'REPLACEMENT';
export interface DecisionData extends ReturnChoice {
  outcome: DecisionOutcome;
  /** Required for PARTIAL_REFUND; implied (the refundable amount) for FULL_REFUND and RETURN_AND_REFUND; absent for NO_REFUND and REPLACEMENT. */
  amount?: Money;
  rationale: string;
  /** Evidence ids from the case file the decision rests on (may be empty when the file has none). */
  citedEvidenceIds: string[];
  /** Clause ids of the pinned policy; at least one. */
  citedPolicyClauses: string[];
}
export type IssueDecisionData = DecisionData;
export type DecideAppealData = DecisionData;
export interface FileAppealData {
  /** The new information the appeal rests on. */
  grounds: string;
  evidence?: EvidenceRef[];
}
/** A carrier code (OTHER with carrierName), or the deprecated free-text carrier; tracking numbers are normalized (tracking.ts). */
export interface ShipmentData {
  carrierCode?: CarrierCode;
  carrierName?: string;
  /** Deprecated: matched to a code by name, else OTHER with this name. */
  carrier?: string;
  trackingNumber: string;
}
export type MarkReturnShippedData = ShipmentData;
export type MarkReplacementShippedData = ShipmentData;
export type ConfirmReplacementReceivedData = Record<string, never>;
export interface ReportReplacementProblemData {
  explanation: string;
  evidence: EvidenceRef[];
}
export type ConfirmReturnReceivedData = Record<string, never>;
export interface ContestReturnData {
  explanation: string;
  evidence: EvidenceRef[];
}
export interface WithdrawDisputeData {
  reason?: string;
}
export interface RequestRefundData {
  /** The payment provider's idempotency key for this attempt. */
  refundId: string;
}
export interface RecordRefundSucceededData {
  refundId: string;
  providerReference?: string;
}
export interface RecordRefundFailedData {
  refundId: string;
  failureReason: string;
}
// Settling at any stage and the mediator's full job (rulebook edition 2, docs/decisions.md issue 13).
/** AS_REQUESTED: the buyer's latest request; FULL_REFUND: everything refundable, item kept. */
export type ConcessionRemedy = 'AS_REQUESTED' | 'FULL_REFUND';
/** A concession that starts a return may name where the item goes, as the seller's acceptance of a return can. */
export interface ConcedeDisputeData extends ReturnChoice {
  remedy: ConcessionRemedy;
  message?: string;
}
export interface ReleaseCaseData {
  reason: string;
}
export interface ReassignCaseData {
  mediatorId: string;
  reason: string;
}
export interface ExtendDeadlineData {
  deadline: DeadlineKind;
  /** Which request, for INFORMATION_REQUEST. */
  requestId?: string;
  dueAt: string;
  reason: string;
}
export interface RetryRefundData {
  reason: string;
}
export type TimerData = Record<string, never>;
export interface InformationRequestElapsedData {
  requestId: string;
}

type Cmd<T extends string, D> = { type: T; actor: Actor; data: D };

export type DisputeCommand =
  | Cmd<'OpenDispute', OpenDisputeData>
  | Cmd<'RespondToDispute', RespondToDisputeData>
  | Cmd<'PostMessage', PostMessageData>
  | Cmd<'AddEvidence', AddEvidenceData>
  | Cmd<'MakeOffer', MakeOfferData>
  | Cmd<'AcceptOffer', AcceptOfferData>
  | Cmd<'RejectOffer', RejectOfferData>
  | Cmd<'EscalateDispute', EscalateDisputeData>
  | Cmd<'ClaimCase', ClaimCaseData>
  | Cmd<'RequestInformation', RequestInformationData>
  | Cmd<'AnswerInformationRequest', AnswerInformationRequestData>
  | Cmd<'IssueDecision', IssueDecisionData>
  | Cmd<'FileAppeal', FileAppealData>
  | Cmd<'DecideAppeal', DecideAppealData>
  | Cmd<'MarkReturnShipped', MarkReturnShippedData>
  | Cmd<'ConfirmReturnReceived', ConfirmReturnReceivedData>
  | Cmd<'ContestReturn', ContestReturnData>
  | Cmd<'WithdrawDispute', WithdrawDisputeData>
  | Cmd<'RequestRefund', RequestRefundData>
  | Cmd<'RecordRefundSucceeded', RecordRefundSucceededData>
  | Cmd<'RecordRefundFailed', RecordRefundFailedData>
  | Cmd<'ConcedeDispute', ConcedeDisputeData>
  | Cmd<'ReleaseCase', ReleaseCaseData>
  | Cmd<'ReassignCase', ReassignCaseData>
  | Cmd<'ExtendDeadline', ExtendDeadlineData>
  | Cmd<'RetryRefund', RetryRefundData>
  | Cmd<'SellerResponseWindowElapsed', TimerData>
  | Cmd<'NegotiationWindowElapsed', TimerData>
  | Cmd<'MediationSlaElapsed', TimerData>
  | Cmd<'InformationRequestElapsed', InformationRequestElapsedData>
  | Cmd<'AppealWindowElapsed', TimerData>
  | Cmd<'ReturnShipmentWindowElapsed', TimerData>
  | Cmd<'ReturnReceiptWindowElapsed', TimerData>
  | Cmd<'MarkReplacementShipped', MarkReplacementShippedData>
  | Cmd<'ConfirmReplacementReceived', ConfirmReplacementReceivedData>
  | Cmd<'ReportReplacementProblem', ReportReplacementProblemData>
  | Cmd<'ReplacementShipmentWindowElapsed', TimerData>
  | Cmd<'ReplacementConfirmationWindowElapsed', TimerData>;

export type DisputeCommandType = DisputeCommand['type'];
export type CommandOf<T extends DisputeCommandType> = Extract<DisputeCommand, { type: T }>;

/** Every command type, in lifecycle order; availableActions answers in this order. */
export const COMMAND_TYPES = [
  'OpenDispute',
  'RespondToDispute',
  'PostMessage',
  'AddEvidence',
  'MakeOffer',
  'AcceptOffer',
  'RejectOffer',
  'EscalateDispute',
  'WithdrawDispute',
  'ConcedeDispute',
  'ClaimCase',
  'ReleaseCase',
  'ReassignCase',
  'RequestInformation',
  'AnswerInformationRequest',
  'ExtendDeadline',
  'IssueDecision',
  'FileAppeal',
  'DecideAppeal',
  'MarkReturnShipped',
  'ConfirmReturnReceived',
  'ContestReturn',
  'MarkReplacementShipped',
  'ConfirmReplacementReceived',
  'ReportReplacementProblem',
  'RequestRefund',
  'RecordRefundSucceeded',
  'RecordRefundFailed',
  'RetryRefund',
  'SellerResponseWindowElapsed',
  'NegotiationWindowElapsed',
  'MediationSlaElapsed',
  'InformationRequestElapsed',
  'AppealWindowElapsed',
  'ReturnShipmentWindowElapsed',
  'ReturnReceiptWindowElapsed',
  'ReplacementShipmentWindowElapsed',
  'ReplacementConfirmationWindowElapsed',
] as const satisfies readonly DisputeCommandType[];

/** The actor timer-fired commands carry. */
export const CLOCK: Actor = { role: 'SYSTEM', id: 'clock' };
