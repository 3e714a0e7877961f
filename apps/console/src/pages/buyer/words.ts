// The buyer's pages speak in words, not enum codes: one table per vocabulary, so a new code
// fails the typecheck here instead of showing up raw on a page.
import type { DisputeStatus, DisputeReason, OfferKind, EvidenceKind } from '../../gql/graphql';

export const STATUS_WORDS: Record<DisputeStatus, string> = {
  OPEN: 'Open: waiting for the seller',
  NEGOTIATING: 'Negotiating with the seller',
  UNDER_MEDIATION: 'With a platform mediator',
  DECIDED: 'Decided by a mediator',
  UNDER_APPEAL: 'Under appeal',
  AGREED: 'Agreed',
  AWAITING_RETURN: 'Waiting for your return',
  RETURN_IN_TRANSIT: 'Return on its way',
  AWAITING_REPLACEMENT: 'Waiting for a replacement',
  REPLACEMENT_IN_TRANSIT: 'Replacement on its way',
  RESOLVED: 'Resolved',
  CLOSED: 'Closed',
  WITHDRAWN: 'Withdrawn',
};

export const REASON_WORDS: Record<DisputeReason, { label: string; hint: string }> = {
  NOT_RECEIVED: { label: 'I did not receive the item', hint: 'Nothing arrived, or tracking stopped.' },
  NOT_AS_DESCRIBED: { label: 'The item is not as described', hint: 'It arrived damaged, different, incomplete or fake. You will need at least one piece of evidence.' },
};

export { SUB_REASON_WORDS } from '../../format/dispute-words';

export const RESOLUTION_WORDS: Record<OfferKind, { label: string; hint: string }> = {
  FULL_REFUND: { label: 'A full refund', hint: 'You get back everything still refundable on the order.' },
  PARTIAL_REFUND: { label: 'A partial refund', hint: 'You keep the item and get part of the money back.' },
  RETURN_AND_REFUND: { label: 'Return it for a full refund', hint: 'You send the item back; the refund follows when the seller receives it.' },
  REPLACEMENT: { label: 'A replacement', hint: 'The seller sends the item again.' },
};

export const EVIDENCE_KIND_WORDS: Record<EvidenceKind, string> = {
  PHOTO: 'Photo',
  SCREENSHOT: 'Screenshot',
  CHAT_LOG: 'Chat log',
  DOCUMENT: 'Document',
  VIDEO: 'Video',
  TRACKING: 'Tracking page',
};
