import type { DisputeStatus, Role } from '../../../libs/domain/src';
import type { Citation } from '../../support/evidence';
import type { ResilientClient } from './resilient-client';

export interface CaseOrder {
  orderId: string;
  buyerId: string;
  sellerId: string;
  /** The photo the buyer uploaded to open with (scripts that open cite it). */
  photo?: Citation;
}

const photoOf = (order: CaseOrder): Citation => {
  if (!order.photo) throw new Error(`order ${order.orderId} has no uploaded photo to cite (register it with registerCases)`);
  return order.photo;
};

interface Step {
  role: Role;
  /** Which account of the role: the order's buyer or seller, or one of two mediators. */
  who: 'buyer' | 'seller' | 'mediator' | 'appealMediator';
  mutation: string;
  /** The mutation's input, or how to make it from the case's order (what it cites). */
  input: Record<string, unknown> | ((order: CaseOrder) => Record<string, unknown>);
}

/** A whole dispute, command by command, and what it must end as (the only outcome those commands allow). */
export interface CaseScript {
  name: string;
  steps: Step[];
  expected: { status: DisputeStatus; refundedMinor: number; eventTypes: string[] };
}

const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
const ruling = (amountMinor: number) => (order: CaseOrder) => ({
  outcome: 'PARTIAL_REFUND',
  amount: eur(amountMinor),
  rationale: 'The photos show damage that a partial refund fairly covers.',
  citedEvidenceIds: [photoOf(order).evidenceId],
  citedPolicyClauses: ['NAD-2'],
});

const open: Step = {
  role: 'BUYER',
  who: 'buyer',
  mutation: 'openDispute',
  input: (order) => ({
    reason: 'NOT_AS_DESCRIBED',
    subReason: 'DAMAGED',
    description: 'The screen arrived cracked across the middle.',
    evidence: [{ ...photoOf(order), description: 'As unpacked' }],
    requestedResolution: { kind: 'PARTIAL_REFUND', amount: eur(2000) },
  }),
};
const counterOffer: Step = { role: 'SELLER', who: 'seller', mutation: 'respondToDispute', input: { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: eur(1000) } } };
const buyerMessage: Step = { role: 'BUYER', who: 'buyer', mutation: 'postMessage', input: { body: 'The crack runs through the display; it is not cosmetic.' } };
const sellerMessage: Step = { role: 'SELLER', who: 'seller', mutation: 'postMessage', input: { body: 'Please send a photo of the packaging too.' } };
const escalate: Step = { role: 'BUYER', who: 'buyer', mutation: 'escalateDispute', input: { note: 'We cannot agree on the amount.' } };
const claim = (who: 'mediator' | 'appealMediator'): Step => ({ role: 'MEDIATOR', who, mutation: 'claimCase', input: {} });

/** The buyer raises the seller's counter-offer and the seller accepts: settled, refunded, closed. */
export const AGREED: CaseScript = {
  name: 'agreed',
  steps: [
    open,
    counterOffer,
    buyerMessage,
    sellerMessage,
    { role: 'BUYER', who: 'buyer', mutation: 'makeOffer', input: { terms: { kind: 'PARTIAL_REFUND', amount: eur(1800) } } },
    { role: 'SELLER', who: 'seller', mutation: 'acceptOffer', input: { offerNumber: 3 } },
  ],
  expected: {
    status: 'CLOSED',
    refundedMinor: 1800,
    eventTypes: ['DisputeOpened', 'OfferMade', 'SellerResponded', 'OfferMade', 'MessagePosted', 'MessagePosted', 'OfferSuperseded', 'OfferMade', 'OfferAccepted', 'DisputeResolved', 'RefundRequested', 'RefundSucceeded', 'DisputeClosed'],
  },
};

/** Escalated, decided, appealed and decided again: the appeal ruling is final and refunded. */
export const APPEALED: CaseScript = {
  name: 'appealed',
  steps: [
    open,
    counterOffer,
    escalate,
    claim('mediator'),
    { role: 'MEDIATOR', who: 'mediator', mutation: 'issueDecision', input: ruling(1500) },
    { role: 'BUYER', who: 'buyer', mutation: 'fileAppeal', input: { grounds: 'A repair shop quoted 25 euros for the screen.' } },
    claim('appealMediator'),
    { role: 'MEDIATOR', who: 'appealMediator', mutation: 'decideAppeal', input: ruling(2500) },
  ],
  expected: {
    status: 'CLOSED',
    refundedMinor: 2500,
    eventTypes: [
      'DisputeOpened',
      'OfferMade',
      'SellerResponded',
      'OfferMade',
      'DisputeEscalated',
      'MediatorAssigned',
      'DecisionIssued',
      'AppealFiled',
      'MediatorAssigned',
      'AppealDecided',
      'DisputeResolved',
      'RefundRequested',
      'RefundSucceeded',
      'DisputeClosed',
    ],
  },
};

/** Decided and waiting out the appeal window (days): nothing more may happen yet. */
export const DECIDED: CaseScript = {
  name: 'decided',
  steps: [open, counterOffer, buyerMessage, escalate, claim('mediator'), { role: 'MEDIATOR', who: 'mediator', mutation: 'issueDecision', input: ruling(1200) }],
  expected: {
    status: 'DECIDED',
    refundedMinor: 0,
    eventTypes: ['DisputeOpened', 'OfferMade', 'SellerResponded', 'OfferMade', 'MessagePosted', 'DisputeEscalated', 'MediatorAssigned', 'DecisionIssued'],
  },
};

/** The buyer gives up while negotiating. */
export const WITHDRAWN: CaseScript = {
  name: 'withdrawn',
  steps: [open, counterOffer, sellerMessage, { role: 'BUYER', who: 'buyer', mutation: 'withdrawDispute', input: { reason: 'The seller sent a replacement.' } }],
  expected: { status: 'WITHDRAWN', refundedMinor: 0, eventTypes: ['DisputeOpened', 'OfferMade', 'SellerResponded', 'OfferMade', 'MessagePosted', 'DisputeWithdrawn'] },
};

export const ALL_CASES = [AGREED, APPEALED, DECIDED, WITHDRAWN];

export interface PlayedCase {
  script: CaseScript;
  order: CaseOrder;
  disputeId: string;
  /** The idempotency keys sent, one per step (each must have exactly one effect). */
  keys: string[];
}

/** The mediators every fault test uses. */
export const MEDIATORS = { mediator: 'mediator-fault-1', appealMediator: 'mediator-fault-2' };

/**
 * Plays a script over GraphQL, one step after the other (as the parties would), every step
 * with its own idempotency key. `onStep` is told after each answered step.
 */
export async function playCase(client: ResilientClient, script: CaseScript, order: CaseOrder, onStep: () => void = () => undefined): Promise<PlayedCase> {
  let disputeId = '';
  const keys: string[] = [];
  for (const [index, step] of script.steps.entries()) {
    const key = `${order.orderId}-step-${index}`;
    keys.push(key);
    const account = step.who === 'buyer' ? order.buyerId : step.who === 'seller' ? order.sellerId : MEDIATORS[step.who];
    const target = step.mutation === 'openDispute' ? { orderId: order.orderId } : { disputeId };
    const input = typeof step.input === 'function' ? step.input(order) : step.input;
    const view = await client.mutate(step.role, account, step.mutation, { ...target, ...input, idempotencyKey: key });
    if (index === 0) disputeId = view.id;
    onStep();
  }
  return { script, order, disputeId, keys };
}

/** Plays `cases` with at most `lanes` disputes in flight at once. */
export async function playAll(client: ResilientClient, cases: { script: CaseScript; order: CaseOrder }[], lanes: number, onStep?: () => void): Promise<PlayedCase[]> {
  const played: PlayedCase[] = [];
  let next = 0;
  const lane = async () => {
    while (next < cases.length) {
      const { script, order } = cases[next++];
      played.push(await playCase(client, script, order, onStep));
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return played;
}

/** A seller who never answers: the seller-response timer escalates the dispute to mediation. */
export const SILENT_SELLER: CaseScript = {
  name: 'silent seller',
  steps: [],
  expected: { status: 'UNDER_MEDIATION', refundedMinor: 0, eventTypes: ['DisputeOpened', 'OfferMade', 'DisputeEscalated'] },
};
