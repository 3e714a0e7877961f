// Shared vocabulary of the dispute domain: who acts, with what money, on which order.
import type { ReturnAddress, ReturnTo } from './return-address';

/**
 * ADMIN is a person of the marketplace's trust-and-safety team: publishes policies and reads
 * policy lines, and reads no dispute and sends no dispute command. SYSTEM is the marketplace
 * backend's machine identity (order feed, timers, refunds).
 */
export const ROLES = ['BUYER', 'SELLER', 'MEDIATOR', 'AUDITOR', 'SYSTEM', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];
export interface Actor {
  role: Role;
  id: string;
  /**
   * A lead mediator (a MEDIATOR whose token carries `lead: true`) may reassign cases. It is a
   * right of the caller, never part of a record: events store only role and id.
   */
  lead?: boolean;
}

/** The two parties of a dispute; offers, evidence and information requests belong to one of them. */
export type Party = 'BUYER' | 'SELLER';

/** Integer minor units (a safe integer) plus an ISO-4217 currency (currencies.ts); floats never represent money. */
export interface Money {
  amountMinor: number;
  currency: string;
}

export type RejectionCode = 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_STATE' | 'DEADLINE_PASSED' | 'VALIDATION' | 'CONFLICT';
/** `message` is a sentence a person understands; `field` is the input path at fault, e.g. 'requestedResolution.amount.amountMinor'. */
export interface Rejection {
  code: RejectionCode;
  message: string;
  field?: string;
}

/** What the marketplace's order feed knows about the order, handed to the core in the context. Times are ISO-8601 UTC. */
export interface OrderFacts {
  orderId: string;
  buyerId: string;
  sellerId: string;
  amountPaid: Money;
  amountRefundedMinor: number;
  shippedAt: string | null;
  deliveryDeadlineAt: string;
  deliveredAt: string | null;
  /** Disputes ever opened on this order before this one. */
  disputesOpened: number;
  /** Another dispute currently active on this order, if any. */
  activeDisputeId: string | null;
  /** What was bought, line by line; absent when the feed gave no lines and in snapshots pinned before lines existed. */
  lines?: OrderLine[];
  /** Where returns of this order go, when the order feed knows it (absent in orders pinned before it could). */
  returnAddress?: ReturnAddress | null;
}

/** One line of an order: `quantity` x `unitPrice` (the order's currency), of which `refundedMinor` was already refunded. */
export interface OrderLine {
  lineId: string;
  sku: string;
  title: string;
  quantity: number;
  unitPrice: Money;
  refundedMinor: number;
}

export type Reason = 'NOT_RECEIVED' | 'NOT_AS_DESCRIBED';
export const NOT_RECEIVED_SUB_REASONS = [
  'NO_TRACKING',
  'STUCK_IN_TRANSIT',
  'CUSTOMS',
  'RETURNED_TO_SENDER',
  'DELIVERED_NOT_RECEIVED',
] as const;
export const NOT_AS_DESCRIBED_SUB_REASONS = [
  'NOT_AS_DESCRIBED',
  'DAMAGED',
  'WRONG_ITEM',
  'MISSING_PARTS',
  'COUNTERFEIT',
  'QUALITY',
] as const;
export type NotReceivedSubReason = (typeof NOT_RECEIVED_SUB_REASONS)[number];
export type NotAsDescribedSubReason = (typeof NOT_AS_DESCRIBED_SUB_REASONS)[number];
export type SubReason = NotReceivedSubReason | NotAsDescribedSubReason;
export const SUB_REASONS: Record<Reason, readonly SubReason[]> = {
  NOT_RECEIVED: NOT_RECEIVED_SUB_REASONS,
  NOT_AS_DESCRIBED: NOT_AS_DESCRIBED_SUB_REASONS,
};

export const EVIDENCE_KINDS = ['PHOTO', 'SCREENSHOT', 'CHAT_LOG', 'DOCUMENT', 'VIDEO', 'TRACKING'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
/** A reference to an uploaded file; the bytes live elsewhere, the SHA-256 makes repeats detectable. */
export interface EvidenceRef {
  evidenceId: string;
  sha256: string;
  kind: EvidenceKind;
  description?: string;
}
/**
 * Evidence as recorded in events and state: optional input fields become explicit nulls. The
 * hash, size and content type are the upload catalog's; size and type are absent only in
 * events recorded before citations were checked against the catalog (docs/audit.md).
 */
export interface EvidenceItem {
  evidenceId: string;
  sha256: string;
  kind: EvidenceKind;
  description: string | null;
  sizeBytes?: number;
  contentType?: string;
}

export const OFFER_KINDS = ['FULL_REFUND', 'PARTIAL_REFUND', 'RETURN_AND_REFUND', 'REPLACEMENT'] as const;
export type OfferKind = (typeof OFFER_KINDS)[number];
/** A resolution proposal as typed by a party. FULL_REFUND / RETURN_AND_REFUND imply the refundable amount; REPLACEMENT has none. */
export interface OfferTerms {
  kind: OfferKind;
  amount?: Money;
  /** The seller's RETURN_AND_REFUND only: where the item goes (else the order's address) and an optional prepaid label. */
  returnAddress?: ReturnAddress;
  prepaidLabel?: string;
}
/** Terms after validation: refund kinds always carry the exact amount, REPLACEMENT carries null. */
export interface ResolvedTerms extends Partial<ReturnTo> {
  kind: OfferKind;
  amount: Money | null;
}
