// Statuses, deadlines and offer kinds in the words the parties read; the enum values stay the API's.
import type { DisputeSubReason } from '../gql/graphql';

export const STATUS_WORDS: Record<string, string> = {
  OPEN: 'Waiting for the seller’s response',
  NEGOTIATING: 'Negotiating',
  UNDER_MEDIATION: 'With a mediator',
  DECIDED: 'Decided by a mediator',
  UNDER_APPEAL: 'Under appeal',
  AGREED: 'Agreed',
  AWAITING_RETURN: 'Waiting for the item to be sent back',
  RETURN_IN_TRANSIT: 'Return on its way to the seller',
  AWAITING_REPLACEMENT: 'Waiting for the replacement to ship',
  REPLACEMENT_IN_TRANSIT: 'Replacement on its way',
  RESOLVED: 'Resolved',
  CLOSED: 'Closed',
  WITHDRAWN: 'Withdrawn by the buyer',
};

export const statusWords = (status: string): string => STATUS_WORDS[status] ?? status;

export const DEADLINE_WORDS: Record<string, string> = {
  SELLER_RESPONSE: 'Seller’s response due',
  NEGOTIATION: 'Negotiation ends (then a mediator steps in)',
  MEDIATION_SLA: 'Mediator’s target to decide',
  INFORMATION_REQUEST: 'Answer to the mediator due',
  APPEAL_WINDOW: 'Appeal window closes',
  RETURN_SHIPMENT: 'Return must be shipped by',
  RETURN_RECEIPT: 'Seller must confirm or contest the return by',
  REPLACEMENT_SHIPMENT: 'Replacement must be shipped by',
  REPLACEMENT_CONFIRMATION: 'Buyer confirms the replacement by',
};

export const OFFER_KIND_WORDS: Record<string, string> = {
  FULL_REFUND: 'Full refund',
  PARTIAL_REFUND: 'Partial refund',
  REPLACEMENT: 'Replacement',
  RETURN_AND_REFUND: 'Return the item for a refund',
};

export const OUTCOME_WORDS: Record<string, string> = { ...OFFER_KIND_WORDS, NO_REFUND: 'No refund' };

export const REASON_WORDS: Record<string, string> = { NOT_RECEIVED: 'Item not received', NOT_AS_DESCRIBED: 'Item not as described' };

// The sub-reasons as the Open Dispute form offers them, so every page names them the same way.
export const SUB_REASON_WORDS: Record<DisputeSubReason, string> = {
  NO_TRACKING: 'There is no tracking information',
  STUCK_IN_TRANSIT: 'Tracking has stopped moving',
  CUSTOMS: 'It is held at customs',
  RETURNED_TO_SENDER: 'It was returned to the seller',
  DELIVERED_NOT_RECEIVED: 'Marked delivered, but I did not get it',
  NOT_AS_DESCRIBED: 'It differs from the listing',
  DAMAGED: 'It arrived damaged',
  WRONG_ITEM: 'It is the wrong item',
  MISSING_PARTS: 'Parts are missing',
  COUNTERFEIT: 'It is counterfeit',
  QUALITY: 'The quality is poor',
};

export const ROUTE_WORDS: Record<string, string> = {
  AGREEMENT: 'by agreement between buyer and seller',
  CONCESSION: 'by the seller’s concession',
  DECISION: 'by a mediator’s decision',
  APPEAL: 'on appeal',
  RETURN_ABANDONED: 'because the return was not shipped in time',
};

/** "You" for the signed-in party, else the other party's name in the domain's words. */
export const partyName = (party: string, me: string): string => (party === me ? 'You' : party === 'BUYER' ? 'The buyer' : party === 'SELLER' ? 'The seller' : 'The mediator');
