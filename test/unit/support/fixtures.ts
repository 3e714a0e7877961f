// Named people, an order and times the specifications share, so each test states only what matters to it.
import type {
  Actor,
  DecisionContext,
  DisputeEvent,
  EvidenceRef,
  OpenDisputeData,
  OrderFacts,
} from '../../../libs/domain/src';
import { addMs, defaultPolicy } from '../../../libs/domain/src';

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
};

export const sha = (n: number): string => n.toString(16).padStart(64, '0');
export const photo = (n: number, extra: Partial<EvidenceRef> = {}): EvidenceRef => ({ evidenceId: `ev-${n}`, sha256: sha(n), kind: 'PHOTO', ...extra });
export const item = (n: number) => ({ evidenceId: `ev-${n}`, sha256: sha(n), kind: 'PHOTO' as const, description: null });

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
