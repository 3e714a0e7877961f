import type { DisputeReason, EscalationReason, MediationStage } from '../../gql/graphql';

// The queue's words for the API's enums, as mediators say them.

export const STAGE_LABELS: Record<MediationStage, string> = { MEDIATION: 'First instance', APPEAL: 'Appeal' };

export const ESCALATION_LABELS: Record<EscalationReason, string> = {
  BUYER_REQUEST: 'Buyer asked for a mediator',
  SELLER_REQUEST: 'Seller asked for a mediator',
  SELLER_NO_RESPONSE: 'Seller did not respond',
  NEGOTIATION_TIMEOUT: 'Negotiation ran out of time',
  RETURN_CONTESTED: 'Seller contested the return',
  REPLACEMENT_NOT_SHIPPED: 'Replacement not shipped',
  REPLACEMENT_PROBLEM: 'Problem with the replacement',
};

export const REASON_LABELS: Record<DisputeReason, string> = { NOT_AS_DESCRIBED: 'Not as described', NOT_RECEIVED: 'Not received' };

/** The first block of a dispute id: enough to tell cases apart on screen and aloud. */
export const shortId = (disputeId: string): string => disputeId.slice(0, 8);
