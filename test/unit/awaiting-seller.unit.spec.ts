import { defaultPolicy } from '../../libs/domain/src';
import { at, auditor, openData, buyer, DAY, HOUR, item, mediator, RETURN_ADDRESS, otherBuyer, otherSeller, photo, seller, system } from './support/fixtures';
import { cmd, counterTerms, eur, histories } from './support/histories';
import { given } from './support/spec';

const history = () => histories.open().events;
const dueAt = at(5 * DAY);

describe('awaiting seller', () => {
  describe('the seller responds', () => {
    it('accepting the buyer\u2019s request agrees and resolves with the refund owed', () => {
      given(history())
        .when(cmd('RespondToDispute', seller, { response: 'ACCEPT_REQUEST' }), { now: at(DAY) })
        .then([
          { type: 'SellerResponded', data: { sellerId: seller.id, response: 'ACCEPT_REQUEST', explanation: null, negotiationDueAt: at(8 * DAY), at: at(DAY) } },
          { type: 'OfferAccepted', data: { offerNumber: 1, by: 'SELLER', actorId: seller.id, terms: { kind: 'FULL_REFUND', amount: eur(10_000) }, at: at(DAY) } },
          { type: 'DisputeResolved', data: { outcome: { kind: 'FULL_REFUND', refund: eur(10_000) }, via: 'AGREEMENT', at: at(DAY) } },
        ]);
    });

    it('counter-offering starts negotiation with the seller\u2019s offer #2', () => {
      given(history())
        .when(cmd('RespondToDispute', seller, { response: 'COUNTER_OFFER', offer: counterTerms, message: 'I can refund part.' }), { now: at(DAY) })
        .then([
          { type: 'SellerResponded', data: { sellerId: seller.id, response: 'COUNTER_OFFER', explanation: 'I can refund part.', negotiationDueAt: at(8 * DAY), at: at(DAY) } },
          { type: 'OfferMade', data: { offerNumber: 2, by: 'SELLER', actorId: seller.id, terms: { kind: 'PARTIAL_REFUND', amount: eur(3_000) }, at: at(DAY) } },
        ]);
    });

    it('rejecting with evidence starts negotiation and rejects offer #1', () => {
      given(history())
        .when(cmd('RespondToDispute', seller, { response: 'REJECT', explanation: 'It left intact.', evidence: [photo(7)] }), { now: at(DAY) })
        .then([
          { type: 'SellerResponded', data: { sellerId: seller.id, response: 'REJECT', explanation: 'It left intact.', negotiationDueAt: at(8 * DAY), at: at(DAY) } },
          { type: 'EvidenceAdded', data: { evidence: item(7), addedBy: 'SELLER', actorId: seller.id, at: at(DAY) } },
          { type: 'OfferRejected', data: { offerNumber: 1, by: 'SELLER', actorId: seller.id, reason: 'It left intact.', at: at(DAY) } },
        ]);
    });

    it('accepting a return-and-refund request waits for the item to come back, at the order\u2019s address (second edition)', () => {
      const events = given([])
        .when(cmd('OpenDispute', buyer, openData({ requestedResolution: { kind: 'RETURN_AND_REFUND' } })), { now: at(0) })
        .decision;
      expect(events.ok).toBe(true);
      if (!events.ok) return;
      const responded = { type: 'SellerResponded', data: { sellerId: seller.id, response: 'ACCEPT_REQUEST', explanation: null, negotiationDueAt: at(8 * DAY), at: at(DAY) } } as const;
      const accepted = { type: 'OfferAccepted', data: { offerNumber: 1, by: 'SELLER', actorId: seller.id, terms: { kind: 'RETURN_AND_REFUND', amount: eur(10_000) }, at: at(DAY) } } as const;
      given(events.events)
        .when(cmd('RespondToDispute', seller, { response: 'ACCEPT_REQUEST' }), { now: at(DAY) })
        .then([responded, accepted, { type: 'ReturnRequested', data: { refund: eur(10_000), returnShipmentDueAt: at(11 * DAY), returnAddress: RETURN_ADDRESS, prepaidLabel: null, at: at(DAY) } }]);
      // The first edition knew no addresses.
      given(events.events)
        .when(cmd('RespondToDispute', seller, { response: 'ACCEPT_REQUEST' }), { now: at(DAY), rulebook: 1 })
        .then([responded, accepted, { type: 'ReturnRequested', data: { refund: eur(10_000), returnShipmentDueAt: at(11 * DAY), at: at(DAY) } }]);
    });

    it('accepting a replacement waits for the seller to ship it (second edition); the first edition resolved and closed at once', () => {
      const opened = given([]).when(
        cmd('OpenDispute', buyer, { disputeId: 'dispute-1', orderId: 'order-1', reason: 'NOT_RECEIVED', description: 'Never came.', evidence: [], requestedResolution: { kind: 'REPLACEMENT' } }),
        { now: at(0) },
      ).decision;
      if (!opened.ok) throw new Error('fixture');
      const second = given(opened.events).when(cmd('RespondToDispute', seller, { response: 'ACCEPT_REQUEST' }), { now: at(DAY) }).decision;
      expect(second.ok && second.events.map((e) => e.type)).toEqual(['SellerResponded', 'OfferAccepted', 'ReplacementRequested']);
      expect(second.ok && second.events[2].data).toEqual({ shipmentDueAt: at(8 * DAY), at: at(DAY) });
      const first = given(opened.events).when(cmd('RespondToDispute', seller, { response: 'ACCEPT_REQUEST' }), { now: at(DAY), rulebook: 1 }).decision;
      expect(first.ok && first.events.map((e) => e.type)).toEqual(['SellerResponded', 'OfferAccepted', 'DisputeResolved', 'DisputeClosed']);
    });

    it('rejects a response after the seller response window closed', () => {
      const message = given(history()).when(cmd('RespondToDispute', seller, { response: 'ACCEPT_REQUEST' }), { now: dueAt }).rejects('DEADLINE_PASSED');
      expect(message).toContain('2026-11-30T10:00:00Z');
    });

    it('requires evidence and an explanation to reject', () => {
      given(history()).when(cmd('RespondToDispute', seller, { response: 'REJECT', explanation: 'No.', evidence: [] })).rejects('VALIDATION', 'evidence');
      given(history()).when(cmd('RespondToDispute', seller, { response: 'REJECT', explanation: ' ', evidence: [photo(7)] })).rejects('VALIDATION', 'explanation');
    });

    it('rejects evidence the buyer already attached as a repeat', () => {
      given(history())
        .when(cmd('RespondToDispute', seller, { response: 'REJECT', explanation: 'Same photo.', evidence: [photo(1, { evidenceId: 'ev-s' })] }))
        .rejects('CONFLICT', 'evidence[0].sha256');
    });

    it('validates the counter-offer', () => {
      given(history())
        .when(cmd('RespondToDispute', seller, { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: eur(20_000) } }))
        .rejects('VALIDATION', 'offer.amount.amountMinor');
      given(history())
        .when(cmd('RespondToDispute', seller, { response: 'COUNTER_OFFER', offer: counterTerms, message: 7 as never }))
        .rejects('VALIDATION', 'message');
    });

    it('rejects an unknown response', () => {
      given(history()).when(cmd('RespondToDispute', seller, { response: 'IGNORE' } as never)).rejects('VALIDATION', 'response');
    });
  });

  describe('who may do what', () => {
    it('only the seller responds', () => {
      given(history()).when(cmd('RespondToDispute', buyer, { response: 'ACCEPT_REQUEST' })).rejects('FORBIDDEN');
      given(history()).when(cmd('RespondToDispute', auditor, { response: 'ACCEPT_REQUEST' })).rejects('FORBIDDEN');
    });
    it('hides the dispute from other buyers and sellers and from mediators before escalation', () => {
      given(history()).when(cmd('RespondToDispute', otherSeller, { response: 'ACCEPT_REQUEST' })).rejects('NOT_FOUND');
      given(history()).when(cmd('PostMessage', otherBuyer, { messageId: 'm', body: 'hi' })).rejects('NOT_FOUND');
      given(history()).when(cmd('ClaimCase', mediator, {})).rejects('NOT_FOUND');
    });
    it('does not let anyone act on a dispute that does not exist', () => {
      given([]).when(cmd('RespondToDispute', seller, { response: 'ACCEPT_REQUEST' })).rejects('NOT_FOUND');
      given([]).when(cmd('SellerResponseWindowElapsed', system, {})).rejects('NOT_FOUND');
    });
    it('lets both parties message and add evidence while waiting', () => {
      given(history())
        .when(cmd('PostMessage', buyer, { messageId: 'm-1', body: ' Any news? ' }), { now: at(HOUR) })
        .then([{ type: 'MessagePosted', data: { messageId: 'm-1', author: buyer, body: 'Any news?', at: at(HOUR) } }]);
      given(history())
        .when(cmd('AddEvidence', seller, { evidence: [photo(9)] }), { now: at(HOUR) })
        .then([{ type: 'EvidenceAdded', data: { evidence: item(9), addedBy: 'SELLER', actorId: seller.id, at: at(HOUR) } }]);
    });
    it('does not let the buyer make offers or escalate before the seller responds', () => {
      given(history()).when(cmd('MakeOffer', buyer, { terms: counterTerms })).rejects('INVALID_STATE');
      given(history()).when(cmd('EscalateDispute', buyer, { note: 'Hurry.' })).rejects('INVALID_STATE');
    });
  });

  describe('the seller response window', () => {
    it('escalates when the seller response window elapses', () => {
      given(history())
        .when(cmd('SellerResponseWindowElapsed', system, {}), { now: dueAt })
        .then([
          {
            type: 'DisputeEscalated',
            data: { reason: 'SELLER_NO_RESPONSE', by: system, note: null, slaDueAt: at(12 * DAY), at: dueAt },
          },
        ]);
    });
    it('does not fire early', () => {
      given(history()).when(cmd('SellerResponseWindowElapsed', system, {}), { now: at(5 * DAY - 1) }).rejects('INVALID_STATE');
    });
    it('is fired only by the system clock', () => {
      given(history()).when(cmd('SellerResponseWindowElapsed', buyer, {}), { now: dueAt }).rejects('FORBIDDEN');
    });
  });

  it('the buyer may withdraw', () => {
    given(history())
      .when(cmd('WithdrawDispute', buyer, { reason: 'Arrived after all.' }), { now: at(HOUR) })
      .then([{ type: 'DisputeWithdrawn', data: { buyerId: buyer.id, reason: 'Arrived after all.', at: at(HOUR) } }]);
  });

  it('limits each party\u2019s evidence', () => {
    const many = Array.from({ length: defaultPolicy.maxEvidencePerParty }, (_, i) => photo(100 + i));
    given(history()).when(cmd('AddEvidence', seller, { evidence: [...many, photo(999)] })).rejects('VALIDATION', 'evidence');
    const full = given(history()).when(cmd('AddEvidence', seller, { evidence: many })).decision;
    if (!full.ok) throw new Error('fixture');
    given([...history(), ...full.events]).when(cmd('AddEvidence', seller, { evidence: [photo(999)] })).rejects('CONFLICT');
  });
});
