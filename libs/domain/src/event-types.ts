import type { DisputeEventType } from './events';

/**
 * Every event type the rulebook records, as a value: what integrators may subscribe webhook
 * endpoints to. The record type makes the compiler refuse a list that misses or invents one.
 */
const EVENT_TYPE_SET: Record<DisputeEventType, true> = {
  DisputeOpened: true,
  SellerResponded: true,
  MessagePosted: true,
  EvidenceAdded: true,
  OfferMade: true,
  OfferAccepted: true,
  OfferRejected: true,
  OfferSuperseded: true,
  DisputeEscalated: true,
  MediatorAssigned: true,
  InformationRequested: true,
  InformationProvided: true,
  InformationRequestExpired: true,
  MediationSlaBreached: true,
  DecisionIssued: true,
  AppealFiled: true,
  AppealDecided: true,
  ReturnRequested: true,
  ReturnShipped: true,
  ReturnReceived: true,
  ReturnContested: true,
  ReturnAbandoned: true,
  ReplacementRequested: true,
  ReplacementShipped: true,
  ReplacementReceived: true,
  ReplacementDisputed: true,
  ReplacementNotShipped: true,
  RefundRequested: true,
  RefundSucceeded: true,
  RefundFailed: true,
  DisputeResolved: true,
  DisputeWithdrawn: true,
  DisputeClosed: true,
  SellerConceded: true,
  MediatorReleased: true,
  MediatorReassigned: true,
  DeadlineExtended: true,
  RefundRetryOrdered: true,
};

export const DISPUTE_EVENT_TYPES: readonly DisputeEventType[] = Object.keys(EVENT_TYPE_SET) as DisputeEventType[];

export const isDisputeEventType = (value: string): value is DisputeEventType => Object.prototype.hasOwnProperty.call(EVENT_TYPE_SET, value);
