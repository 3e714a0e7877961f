import { defaultPolicy } from '../../libs/domain/src';
import { at, auditor, buyer, DAY, mediator, opened, openData, order, OPENED_AT, otherBuyer, photo, seller, SHIPPED_AT, system } from './support/fixtures';
import { given } from './support/spec';

const open = (data = openData(), actor = buyer) => ({ type: 'OpenDispute' as const, actor, data });
const now = { now: OPENED_AT };

describe('opening a dispute', () => {
  it('opens with the buyer\u2019s requested resolution as offer #1', () => {
    given([]).when(open(), now).then(opened());
  });

  it('opens a "not received" dispute without evidence', () => {
    given([])
      .when(open(openData({ reason: 'NOT_RECEIVED', subReason: undefined, evidence: [] })), now)
      .then(opened({ reason: 'NOT_RECEIVED' }));
  });

  it('trims the description and records evidence descriptions as given', () => {
    const { decision } = given([]).when(open(openData({ description: '  cracked  ', evidence: [photo(1, { description: 'front' })] })), now);
    expect(decision.ok && decision.events[0].type === 'DisputeOpened' && decision.events[0].data).toMatchObject({
      description: 'cracked',
      evidence: [{ evidenceId: 'ev-1', description: 'front' }],
    });
  });

  it('pins the policy in force and the order facts', () => {
    const { decision } = given([]).when(open(), now);
    expect(decision.ok && decision.events[0].data).toMatchObject({ policy: defaultPolicy, order });
  });

  it('computes the implied amount of a return-and-refund from what is still refundable', () => {
    const partlyRefunded = { ...order, amountRefundedMinor: 2_500 };
    const { decision } = given([]).when(open(openData({ requestedResolution: { kind: 'RETURN_AND_REFUND' } })), { now: OPENED_AT, order: partlyRefunded });
    expect(decision.ok && decision.events[1].data).toMatchObject({ terms: { kind: 'RETURN_AND_REFUND', amount: { amountMinor: 7_500, currency: 'EUR' } } });
  });

  it('accepts a partial refund within the refundable amount and a replacement without amount', () => {
    const partial = given([]).when(open(openData({ requestedResolution: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 2_000, currency: 'EUR' } } })), now);
    expect(partial.decision.ok).toBe(true);
    const replacement = given([]).when(open(openData({ requestedResolution: { kind: 'REPLACEMENT' } })), now);
    expect(replacement.decision.ok && replacement.decision.events[1].data).toMatchObject({ terms: { kind: 'REPLACEMENT', amount: null } });
  });

  it('accepts an explicit full-refund amount equal to the refundable amount', () => {
    const { decision } = given([]).when(open(openData({ requestedResolution: { kind: 'FULL_REFUND', amount: { amountMinor: 10_000, currency: 'EUR' } } })), now);
    expect(decision.ok).toBe(true);
  });

  it('allows a second dispute after a withdrawal while the window lasts', () => {
    expect(given([]).when(open(), { now: OPENED_AT, order: { ...order, disputesOpened: 1 } }).decision.ok).toBe(true);
  });

  describe('who may open', () => {
    it('forbids anyone but a buyer', () => {
      for (const actor of [seller, mediator, auditor, system]) given([]).when(open(openData(), actor), now).rejects('FORBIDDEN');
    });
    it('hides another buyer\u2019s order as not found', () => {
      given([]).when(open(openData(), otherBuyer), now).rejects('NOT_FOUND', 'orderId');
    });
    it('reports a missing order as not found', () => {
      given([]).when(open(), { now: OPENED_AT, order: null }).rejects('NOT_FOUND', 'orderId');
    });
    it('reports an order id that does not match the order as not found', () => {
      given([]).when(open(openData({ orderId: 'order-9' })), now).rejects('NOT_FOUND', 'orderId');
    });
  });

  describe('one active dispute per order, at most two in all', () => {
    it('rejects a dispute id that already exists', () => {
      given(opened()).when(open(), now).rejects('CONFLICT', 'disputeId');
    });
    it('rejects while another dispute on the order is active', () => {
      given([]).when(open(), { now: OPENED_AT, order: { ...order, activeDisputeId: 'dispute-0' } }).rejects('CONFLICT', 'orderId');
    });
    it('rejects a third dispute on the same order', () => {
      given([]).when(open(), { now: OPENED_AT, order: { ...order, disputesOpened: 2 } }).rejects('CONFLICT', 'orderId');
    });
  });

  describe('the protection window', () => {
    it('rejects before the order has shipped', () => {
      given([]).when(open(), { now: OPENED_AT, order: { ...order, shippedAt: null } }).rejects('INVALID_STATE', 'orderId');
      given([]).when(open(), { now: at(-DAY, SHIPPED_AT) }).rejects('INVALID_STATE', 'orderId');
    });
    it('is open until 15 days after the delivery deadline when delivery is unconfirmed', () => {
      expect(given([]).when(open(), { now: at(15 * DAY - 1, '2026-12-10T10:00:00.000Z') }).decision.ok).toBe(true);
      const message = given([]).when(open(), { now: at(15 * DAY, '2026-12-10T10:00:00.000Z') }).rejects('DEADLINE_PASSED', 'orderId');
      expect(message).toContain('2026-12-25T10:00:00Z');
    });
    it('is counted from delivery confirmation when there is one', () => {
      const delivered = { ...order, deliveredAt: '2026-11-22T10:00:00.000Z' };
      given([]).when(open(), { now: '2026-12-07T10:00:00.000Z', order: delivered }).rejects('DEADLINE_PASSED', 'orderId');
      expect(given([]).when(open(), { now: '2026-12-07T09:59:59.999Z', order: delivered }).decision.ok).toBe(true);
    });
    it('rejects an order whose delivery deadline is unreadable', () => {
      given([]).when(open(), { now: OPENED_AT, order: { ...order, deliveryDeadlineAt: 'soon' } }).rejects('VALIDATION', 'orderId');
    });
  });

  describe('what the buyer must say', () => {
    it('requires a description', () => {
      given([]).when(open(openData({ description: '   ' })), now).rejects('VALIDATION', 'description');
    });
    it('limits the description length', () => {
      given([]).when(open(openData({ description: 'x'.repeat(defaultPolicy.maxDescriptionLength + 1) })), now).rejects('VALIDATION', 'description');
    });
    it('requires evidence for "not as described"', () => {
      given([]).when(open(openData({ evidence: [] })), now).rejects('VALIDATION', 'evidence');
    });
    it('requires a known reason and a sub-reason of that reason', () => {
      given([]).when(open(openData({ reason: 'BROKEN' as never })), now).rejects('VALIDATION', 'reason');
      given([]).when(open(openData({ subReason: 'CUSTOMS' })), now).rejects('VALIDATION', 'subReason');
    });
    it('requires a dispute id', () => {
      given([]).when(open(openData({ disputeId: '' })), now).rejects('VALIDATION', 'disputeId');
    });
    it('rejects malformed command data', () => {
      given([]).when({ type: 'OpenDispute', actor: buyer, data: null as never }, now).rejects('VALIDATION', 'data');
    });
  });

  describe('evidence', () => {
    it('requires a 64-character lowercase hex SHA-256', () => {
      given([]).when(open(openData({ evidence: [photo(1, { sha256: 'ABC' })] })), now).rejects('VALIDATION', 'evidence[0].sha256');
      given([]).when(open(openData({ evidence: [photo(1, { sha256: 'A'.repeat(64) })] })), now).rejects('VALIDATION', 'evidence[0].sha256');
    });
    it('rejects the same file twice', () => {
      given([]).when(open(openData({ evidence: [photo(1), photo(1, { evidenceId: 'ev-other' })] })), now).rejects('VALIDATION', 'evidence[1].sha256');
    });
    it('rejects a repeated evidence id', () => {
      given([]).when(open(openData({ evidence: [photo(1), photo(2, { evidenceId: 'ev-1' })] })), now).rejects('VALIDATION', 'evidence[1].evidenceId');
    });
    it('rejects an unknown kind', () => {
      given([]).when(open(openData({ evidence: [photo(1, { kind: 'AUDIO' as never })] })), now).rejects('VALIDATION', 'evidence[0].kind');
    });
    it('limits the evidence per party', () => {
      const many = Array.from({ length: defaultPolicy.maxEvidencePerParty + 1 }, (_, i) => photo(i + 1));
      given([]).when(open(openData({ evidence: many })), now).rejects('VALIDATION', 'evidence');
    });
  });

  describe('the requested resolution', () => {
    const eur = (amountMinor: number) => ({ amountMinor, currency: 'EUR' });
    const asking = (requestedResolution: object) => open(openData({ requestedResolution: requestedResolution as never }));
    it('requires a positive partial refund', () => {
      given([]).when(asking({ kind: 'PARTIAL_REFUND' }), now).rejects('VALIDATION', 'requestedResolution.amount');
      given([]).when(asking({ kind: 'PARTIAL_REFUND', amount: eur(0) }), now).rejects('VALIDATION', 'requestedResolution.amount.amountMinor');
      given([]).when(asking({ kind: 'PARTIAL_REFUND', amount: eur(-5) }), now).rejects('VALIDATION', 'requestedResolution.amount.amountMinor');
    });
    it('requires whole minor units within the safe integer range', () => {
      given([]).when(asking({ kind: 'PARTIAL_REFUND', amount: eur(10.5) }), now).rejects('VALIDATION', 'requestedResolution.amount.amountMinor');
      given([]).when(asking({ kind: 'PARTIAL_REFUND', amount: eur(2 ** 60) }), now).rejects('VALIDATION', 'requestedResolution.amount.amountMinor');
    });
    it('requires the order\u2019s currency', () => {
      given([]).when(asking({ kind: 'PARTIAL_REFUND', amount: { amountMinor: 100, currency: 'USD' } }), now).rejects('VALIDATION', 'requestedResolution.amount.currency');
    });
    it('never asks for more than is still refundable', () => {
      given([]).when(asking({ kind: 'PARTIAL_REFUND', amount: eur(10_001) }), now).rejects('VALIDATION', 'requestedResolution.amount.amountMinor');
    });
    it('rejects a full-refund amount that differs from the refundable amount', () => {
      given([]).when(asking({ kind: 'FULL_REFUND', amount: eur(5_000) }), now).rejects('VALIDATION', 'requestedResolution.amount.amountMinor');
    });
    it('rejects an amount on a replacement', () => {
      given([]).when(asking({ kind: 'REPLACEMENT', amount: eur(5_000) }), now).rejects('VALIDATION', 'requestedResolution.amount');
    });
    it('rejects a return when the item never arrived', () => {
      given([])
        .when(open(openData({ reason: 'NOT_RECEIVED', subReason: undefined, requestedResolution: { kind: 'RETURN_AND_REFUND' } })), now)
        .rejects('VALIDATION', 'requestedResolution.kind');
    });
    it('rejects a refund when nothing is left to refund', () => {
      given([]).when(asking({ kind: 'FULL_REFUND' }), { now: OPENED_AT, order: { ...order, amountRefundedMinor: 10_000 } }).rejects('VALIDATION', 'requestedResolution.kind');
    });
    it('rejects an unknown kind', () => {
      given([]).when(asking({ kind: 'STORE_CREDIT' }), now).rejects('VALIDATION', 'requestedResolution.kind');
      given([]).when(asking(null as never), now).rejects('VALIDATION', 'requestedResolution');
    });
  });

  it('rejects a context without a readable current time', () => {
    given([]).when(open(), { now: 'yesterday' }).rejects('VALIDATION', 'now');
  });
});
