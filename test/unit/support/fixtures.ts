// Named people, an order and times the specifications share, so each test states only what matters to it.
import type {
  Actor,
  DecisionContext,
  DisputeCommand,
  DisputeEvent,
  EvidenceKind,
  EvidenceRef,
  OpenDisputeData,
  OrderFacts,
  ReturnAddress,
  UploadedFile,
} from '../../../libs/domain/src';
import { KIND_CONTENT_TYPES, addMs, defaultPolicy } from '../../../libs/domain/src';
import { isRecord } from '../../../libs/domain/src/records';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

export const buyer: Actor = { role: 'BUYER', id: 'buyer-1' };
export const seller: Actor = { role: 'SELLER', id: 'seller-1' };
export const mediator: Actor = { role: 'MEDIATOR', id: 'mediator-1' };
export const secondMediator: Actor = { role: 'MEDIATOR', id: 'mediator-2' };
export const auditor: Actor = { role: 'AUDITOR', id: 'auditor-1' };
export const system: Actor = { role: 'SYSTEM', id: 'clock' };
export const otherBuyer: Actor = { role: 'BUYER', id: 'buyer-2' };
export const otherSeller: Actor = { role: 'SELLER', id: 'seller-2' };

export const SHIPPED_AT = '2026-11-20T10:00:00.000Z';
export const DELIVERY_DEADLINE_AT = '2026-12-10T10:00:00.000Z';
export const OPENED_AT = '2026-11-25T10:00:00.000Z';
export const at = (ms: number, from = OPENED_AT): string => addMs(from, ms);

/** Where the order feed says this seller takes returns. */
export const RETURN_ADDRESS: ReturnAddress = { name: 'Acme Returns', line1: 'Hafenstra\u00dfe 1', line2: null, city: 'Hamburg', region: null, postalCode: '20457', countryCode: 'DE' };

export const order: OrderFacts = {
  orderId: 'order-1',
  buyerId: buyer.id,
  sellerId: seller.id,
  amountPaid: { amountMinor: 10_000, currency: 'EUR' },
  amountRefundedMinor: 0,
  shippedAt: SHIPPED_AT,
  deliveryDeadlineAt: DELIVERY_DEADLINE_AT,
  deliveredAt: null,
  disputesOpened: 0,
  activeDisputeId: null,
  returnAddress: RETURN_ADDRESS,
};

export const sha = (n: number): string => n.toString(16).padStart(64, '0');
export const photo = (n: number, extra: Partial<EvidenceRef> = {}): EvidenceRef => ({ evidenceId: `ev-${n}`, sha256: sha(n), kind: 'PHOTO', ...extra });
/** Every upload in these specifications has this size. */
export const UPLOAD_SIZE = 2048;
/** A file as the catalog records it, e.g. when `by` uploaded photo(n). */
export const upload = (ref: EvidenceRef, by: Actor, contentType = KIND_CONTENT_TYPES[ref.kind as EvidenceKind]?.[0] ?? 'image/jpeg'): UploadedFile => ({
  evidenceId: ref.evidenceId,
  sha256: ref.sha256,
  sizeBytes: UPLOAD_SIZE,
  contentType,
  uploader: by,
});
/**
 * The catalog's answer for a command whose author uploaded every file it cites, exactly as
 * cited: what the API hands decide when a client cites its own uploads. The citation rule's own
 * specifications (citations.unit.spec.ts) pass other catalogs.
 */
export function uploadsFor(command: DisputeCommand): UploadedFile[] {
  const data = command?.data as unknown;
  const list = isRecord(data) && Array.isArray(data.evidence) ? data.evidence : [];
  return list.filter((ref): ref is EvidenceRef => isRecord(ref) && typeof ref.evidenceId === 'string' && typeof ref.sha256 === 'string').map((ref) => upload(ref, command.actor));
}
/** A photo as recorded in an event: the catalog's size and type travel with it. */
export const item = (n: number) => ({ evidenceId: `ev-${n}`, sha256: sha(n), kind: 'PHOTO' as const, description: null, sizeBytes: UPLOAD_SIZE, contentType: 'image/jpeg' });

export const ctx = (now: string, overrides: Partial<DecisionContext> = {}): DecisionContext => ({
  now,
  order,
  policy: defaultPolicy,
  ...overrides,
});

export const openData = (overrides: Partial<OpenDisputeData> = {}): OpenDisputeData => ({
  disputeId: 'dispute-1',
  orderId: order.orderId,
  reason: 'NOT_AS_DESCRIBED',
  subReason: 'DAMAGED',
  description: 'The screen arrived cracked.',
  evidence: [photo(1)],
  requestedResolution: { kind: 'FULL_REFUND' },
  ...overrides,
});

/** The two events a default OpenDispute produces at OPENED_AT. */
export const opened = (overrides: { reason?: 'NOT_RECEIVED' | 'NOT_AS_DESCRIBED'; order?: OrderFacts } = {}): DisputeEvent[] => {
  const reason = overrides.reason ?? 'NOT_AS_DESCRIBED';
  const o = overrides.order ?? order;
  const refundable = o.amountPaid.amountMinor - o.amountRefundedMinor;
  return [
    {
      type: 'DisputeOpened',
      data: {
        disputeId: 'dispute-1',
        orderId: o.orderId,
        buyerId: o.buyerId,
        sellerId: o.sellerId,
        order: o,
        policy: defaultPolicy,
        reason,
        subReason: reason === 'NOT_AS_DESCRIBED' ? 'DAMAGED' : null,
        description: 'The screen arrived cracked.',
        evidence: reason === 'NOT_AS_DESCRIBED' ? [item(1)] : [],
        requestedResolution: { kind: 'FULL_REFUND', amount: { amountMinor: refundable, currency: 'EUR' } },
        sellerResponseDueAt: at(5 * DAY),
        resolutionTargetAt: at(15 * DAY),
        at: OPENED_AT,
      },
    },
    {
      type: 'OfferMade',
      data: { offerNumber: 1, by: 'BUYER', actorId: buyer.id, terms: { kind: 'FULL_REFUND', amount: { amountMinor: refundable, currency: 'EUR' } }, at: OPENED_AT },
    },
  ];
};
