// Histories the specifications start from, built by sending commands through decide itself,
// so every given history is one the rules actually allow.
import type { Actor, DecisionData, DisputeCommand, DisputeEvent, OfferTerms, OrderFacts } from '../../../libs/domain/src';
import { decide, fold } from '../../../libs/domain/src';
import { at, buyer, ctx, DAY, HOUR, mediator, openData, order, photo, secondMediator, seller, system, uploadsFor } from './fixtures';

export const cmd = <T extends DisputeCommand['type']>(type: T, actor: Actor, data: Extract<DisputeCommand, { type: T }>['data']) =>
  ({ type, actor, data }) as Extract<DisputeCommand, { type: T }>;

export const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });

export class History {
  constructor(
    readonly events: DisputeEvent[] = [],
    private readonly orderFacts: OrderFacts = order,
  ) {}

  /** Sends the command at `now` and returns the longer history; a rejection is a broken fixture. */
  then(command: DisputeCommand, now: string): History {
    const decision = decide(command, fold(this.events), ctx(now, { order: this.orderFacts, evidenceFiles: uploadsFor(command) }));
    if (!decision.ok) throw new Error(`fixture step ${command.type} rejected: ${decision.rejection.code} ${decision.rejection.message}`);
    return new History([...this.events, ...decision.events], this.orderFacts);
  }

  get state() {
    return fold(this.events);
  }
}

export const counterTerms: OfferTerms = { kind: 'PARTIAL_REFUND', amount: eur(3_000) };

export const ruling = (overrides: Partial<DecisionData> = {}): DecisionData => ({
  outcome: 'FULL_REFUND',
  rationale: 'The photos show the screen cracked on arrival.',
  citedEvidenceIds: ['ev-1'],
  citedPolicyClauses: ['NAD-1'],
  ...overrides,
});

export const histories = {
  /** Awaiting the seller: opened at OPENED_AT, buyer asks for a full refund (offer #1). */
  open: (reason: 'NOT_RECEIVED' | 'NOT_AS_DESCRIBED' = 'NOT_AS_DESCRIBED', orderFacts: OrderFacts = order) =>
    new History([], orderFacts).then(
      cmd('OpenDispute', buyer, openData(reason === 'NOT_RECEIVED' ? { reason, subReason: 'NO_TRACKING', evidence: [] } : {})),
      at(0),
    ),
  /** Negotiating: the seller counter-offered a 30 EUR partial refund (offer #2) one day after opening. */
  negotiating: () => histories.open().then(cmd('RespondToDispute', seller, { response: 'COUNTER_OFFER', offer: counterTerms }), at(DAY)),
  /** Under mediation: the buyer escalated on day 2; nobody has claimed it yet. */
  escalated: () => histories.negotiating().then(cmd('EscalateDispute', buyer, { note: 'The seller will not refund.' }), at(2 * DAY)),
  /** Under mediation, held by mediator-1. */
  claimed: () => histories.escalated().then(cmd('ClaimCase', mediator, {}), at(2 * DAY + HOUR)),
  /** Decided on day 3 by mediator-1 (default: full refund, no return). */
  decided: (r: DecisionData = ruling()) => histories.claimed().then(cmd('IssueDecision', mediator, r), at(3 * DAY)),
  /** Under appeal filed by the seller on day 4. */
  appealed: () => histories.decided().then(cmd('FileAppeal', seller, { grounds: 'The buyer dropped it; see the courier report.' }), at(4 * DAY)),
  /** Under appeal, held by mediator-2. */
  appealClaimed: () => histories.appealed().then(cmd('ClaimCase', secondMediator, {}), at(4 * DAY + HOUR)),
  /** Awaiting the return: the seller accepted the buyer's return-and-refund request (offer #2 supersedes #1) on day 2. */
  awaitingReturn: () =>
    histories
      .negotiating()
      .then(cmd('MakeOffer', buyer, { terms: { kind: 'RETURN_AND_REFUND' } }), at(DAY + HOUR))
      .then(cmd('AcceptOffer', seller, { offerNumber: 3 }), at(2 * DAY)),
  /** Return in transit: the buyer shipped on day 3. */
  returnInTransit: () => histories.awaitingReturn().then(cmd('MarkReturnShipped', buyer, { carrier: 'DHL', trackingNumber: 'JD0146 0000 1234' }), at(3 * DAY)),
  /** Awaiting a replacement (second edition): the seller accepted the buyer's replacement request (offer #3) on day 2; ship by day 9. */
  awaitingReplacement: () =>
    histories
      .negotiating()
      .then(cmd('MakeOffer', buyer, { terms: { kind: 'REPLACEMENT' } }), at(DAY + HOUR))
      .then(cmd('AcceptOffer', seller, { offerNumber: 3 }), at(2 * DAY)),
  /** The replacement is on its way: the seller shipped it on day 3; the buyer confirms by day 17. */
  replacementInTransit: () => histories.awaitingReplacement().then(cmd('MarkReplacementShipped', seller, { carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784' }), at(3 * DAY)),
  /** Resolved with a 30 EUR refund owed: the buyer accepted the seller's counter-offer on day 2. */
  resolvedWithRefund: () => histories.negotiating().then(cmd('AcceptOffer', buyer, { offerNumber: 2 }), at(2 * DAY)),
  /** A refund attempt is in flight. */
  refundRequested: () => histories.resolvedWithRefund().then(cmd('RequestRefund', system, { refundId: 'refund-1' }), at(2 * DAY + HOUR)),
  closed: () => histories.refundRequested().then(cmd('RecordRefundSucceeded', system, { refundId: 'refund-1' }), at(2 * DAY + 2 * HOUR)),
  withdrawn: () => histories.open().then(cmd('WithdrawDispute', buyer, {}), at(HOUR)),
};

export { photo };
