// The dispute as the decider sees it: plain JSON only, so it can be a Temporal query
// result or a projection row as is. Unbounded things (messages) are only counted here;
// their text lives in the history.
import type { DecisionOutcome } from './commands';
import type { EscalationReason, MediationStage, Outcome, ResolutionRoute } from './events';
import type { Policy } from './policy';
import type { ReturnAddress } from './return-address';
import type { CarrierCode } from './tracking';
import type { ExtendableDeadlineKind } from './extensions';
import type { EvidenceItem, Money, OrderFacts, Party, Reason, ResolvedTerms, SubReason } from './types';

/** Every status, in lifecycle order. */
export const DISPUTE_STATUSES = [
  'OPEN',
  'NEGOTIATING',
  'AGREED',
  'AWAITING_RETURN',
  'RETURN_IN_TRANSIT',
  'AWAITING_REPLACEMENT',
  'REPLACEMENT_IN_TRANSIT',
  'UNDER_MEDIATION',
  'DECIDED',
  'UNDER_APPEAL',
  'RESOLVED',
  'CLOSED',
  'WITHDRAWN',
] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const TERMINAL_STATUSES: readonly DisputeStatus[] = ['CLOSED', 'WITHDRAWN'];

/** Closed or withdrawn: the dispute accepts nothing more and its workflow ends. */
export function isTerminal(state: { status: DisputeStatus | 'NONE' }): boolean {
  return state.status !== 'NONE' && TERMINAL_STATUSES.includes(state.status);
}

export interface EvidenceRecord extends EvidenceItem {
  addedBy: Party;
  addedAt: string;
}
export type OfferStatus = 'OPEN' | 'ACCEPTED' | 'REJECTED' | 'SUPERSEDED' | 'LAPSED';
export interface OfferRecord {
  offerNumber: number;
  by: Party;
  terms: ResolvedTerms;
  status: OfferStatus;
  madeAt: string;
}
export interface InformationRequestRecord {
  requestId: string;
  from: Party;
  question: string;
  requestedBy: string;
  dueAt: string;
  status: 'OPEN' | 'ANSWERED' | 'EXPIRED';
  /** How often a mediator extended dueAt (ExtendDeadline); absent until the first extension. */
  extensions?: number;
}
export interface MediationRecord {
  stage: MediationStage;
  reason: EscalationReason;
  mediatorId: string | null;
  slaDueAt: string;
  slaBreached: boolean;
  startedAt: string;
  /** How often this round's SLA was extended; absent until the first extension. */
  slaExtensions?: number;
}
export interface DecisionRecord {
  mediatorId: string;
  outcome: DecisionOutcome;
  refund: Money | null;
  rationale: string;
  citedEvidenceIds: string[];
  citedPolicyClauses: string[];
  appealDueAt: string | null;
  at: string;
  /** Second edition, a RETURN_AND_REFUND ruling: where the item goes once the ruling is final. */
  returnAddress?: ReturnAddress;
  prepaidLabel?: string | null;
}
export interface AppealRecord {
  by: Party;
  grounds: string;
  filedAt: string;
  decidedBy: string | null;
  upheld: boolean | null;
}
export interface ReturnRecord {
  status: 'AWAITING_SHIPMENT' | 'IN_TRANSIT' | 'RECEIVED' | 'CONTESTED' | 'ABANDONED';
  shipmentDueAt: string;
  carrier: string | null;
  trackingNumber: string | null;
  receiptDueAt: string | null;
  /** Second edition; absent in states folded before these existed, null when unknown. */
  carrierCode?: CarrierCode | null;
  returnAddress?: ReturnAddress | null;
  prepaidLabel?: string | null;
  /** How often each window was extended; absent until the first extension. */
  shipmentExtensions?: number;
  receiptExtensions?: number;
}
/** The replacement sub-flow (second edition): the seller ships, the buyer confirms or reports a problem. */
export interface ReplacementRecord {
  status: 'AWAITING_SHIPMENT' | 'IN_TRANSIT' | 'RECEIVED' | 'DISPUTED' | 'NOT_SHIPPED';
  shipmentDueAt: string;
  carrierCode: CarrierCode | null;
  carrier: string | null;
  trackingNumber: string | null;
  confirmationDueAt: string | null;
  /** How often each window was extended; absent until the first extension. */
  shipmentExtensions?: number;
  confirmationExtensions?: number;
}
export interface RefundRecord {
  refundId: string;
  amount: Money;
  status: 'REQUESTED' | 'SUCCEEDED' | 'FAILED';
  attempts: number;
  failureReason: string | null;
  /** Set when an operator ordered another attempt after this one failed; the next attempt replaces the record. */
  retryOrderedAt?: string;
}
/** One entry of the ledger of deadline extensions (DeadlineExtended). */
export interface DeadlineExtensionRecord {
  deadline: ExtendableDeadlineKind;
  requestId: string | null;
  previousDueAt: string;
  dueAt: string;
  reason: string;
  mediatorId: string;
  at: string;
}

export interface DisputeState {
  status: DisputeStatus | 'NONE';
  /** Count of events folded; the next event's sequence number is version + 1. */
  version: number;
  disputeId: string | null;
  orderId: string | null;
  buyerId: string | null;
  sellerId: string | null;
  order: OrderFacts | null;
  policy: Policy | null;
  reason: Reason | null;
  subReason: SubReason | null;
  description: string | null;
  openedAt: string | null;
  lastEventAt: string | null;
  resolutionTargetAt: string | null;
  sellerResponseDueAt: string | null;
  sellerRespondedAt: string | null;
  negotiationDueAt: string | null;
  evidence: EvidenceRecord[];
  messageCount: number;
  offers: OfferRecord[];
  /** Set once the dispute was ever escalated; mediators can see it from then on. */
  everEscalated: boolean;
  mediation: MediationRecord | null;
  informationRequests: InformationRequestRecord[];
  decision: DecisionRecord | null;
  appeal: AppealRecord | null;
  /** The fixed outcome, once agreed or final. */
  outcome: Outcome | null;
  /** The route that fixed `outcome` (agreement, concession, decision, appeal); absent in states folded before it existed. */
  outcomeVia?: ResolutionRoute | null;
  resolvedVia: ResolutionRoute | null;
  return: ReturnRecord | null;
  replacement: ReplacementRecord | null;
  refund: RefundRecord | null;
  refundedMinor: number;
  resolvedAt: string | null;
  closedAt: string | null;
  withdrawnAt: string | null;
  /**
   * The order lines the dispute covers, which cap what it may refund (money.ts); absent when it
   * covers the whole order, so states folded from older histories keep their exact shape.
   */
  lineIds?: string[];
  /** Every deadline a mediator extended, oldest first; absent in states folded before extensions existed. */
  deadlineExtensions?: DeadlineExtensionRecord[];
}

export const initialState: DisputeState = {
  status: 'NONE',
  version: 0,
  disputeId: null,
  orderId: null,
  buyerId: null,
  sellerId: null,
  order: null,
  policy: null,
  reason: null,
  subReason: null,
  description: null,
  openedAt: null,
  lastEventAt: null,
  resolutionTargetAt: null,
  sellerResponseDueAt: null,
  sellerRespondedAt: null,
  negotiationDueAt: null,
  evidence: [],
  messageCount: 0,
  offers: [],
  everEscalated: false,
  mediation: null,
  informationRequests: [],
  decision: null,
  appeal: null,
  outcome: null,
  resolvedVia: null,
  return: null,
  replacement: null,
  refund: null,
  refundedMinor: 0,
  resolvedAt: null,
  closedAt: null,
  withdrawnAt: null,
  deadlineExtensions: [],
};
