import { defaultPolicy } from '../../libs/domain/src';
import { at, buyer, DAY, HOUR, mediator, photo, seller, system } from './support/fixtures';
import { cmd, eur, histories } from './support/histories';
import { given } from './support/spec';

// Negotiating since day 1: buyer's offer #1 (full refund) and seller's offer #2 (30 EUR) are both open.
const history = () => histories.negotiating().events;
const now = { now: at(DAY + HOUR) };
const dueAt = at(8 * DAY);

describe('negotiating', () => {
  describe('offers', () => {
    it('a new offer supersedes the party\u2019s previous open offer', () => {
      given(history())
        .when(cmd('MakeOffer', buyer, { terms: { kind: 'PARTIAL_REFUND', amount: eur(6_000) } }), now)
        .then([
          { type: 'OfferSuperseded', data: { offerNumber: 1, supersededBy: 3, at: now.now } },
          { type: 'OfferMade', data: { offerNumber: 3, by: 'BUYER', actorId: buyer.id, terms: { kind: 'PARTIAL_REFUND', amount: eur(6_000) }, at: now.now } },
        ]);
    });

    it('an offer from a party without an open offer supersedes nothing', () => {
      const rejected = given(history()).when(cmd('RejectOffer', seller, { offerNumber: 1 }), now).decision;
      if (!rejected.ok) throw new Error('fixture');
      const withoutBuyerOffer = [...history(), ...rejected.events];
      given(withoutBuyerOffer)
        .when(cmd('MakeOffer', buyer, { terms: { kind: 'REPLACEMENT' } }), now)
        .then([{ type: 'OfferMade', data: { offerNumber: 3, by: 'BUYER', actorId: buyer.id, terms: { kind: 'REPLACEMENT', amount: null }, at: now.now } }]);
    });

    it('accepting the other party\u2019s open offer is agreement', () => {
      given(history())
        .when(cmd('AcceptOffer', buyer, { offerNumber: 2 }), now)
        .then([
          { type: 'OfferAccepted', data: { offerNumber: 2, by: 'BUYER', actorId: buyer.id, terms: { kind: 'PARTIAL_REFUND', amount: eur(3_000) }, at: now.now } },
          { type: 'DisputeResolved', data: { outcome: { kind: 'PARTIAL_REFUND', refund: eur(3_000) }, via: 'AGREEMENT', at: now.now } },
        ]);
    });

    it('the seller may still accept the buyer\u2019s original request', () => {
      const { decision } = given(history()).when(cmd('AcceptOffer', seller, { offerNumber: 1 }), now);
      expect(decision.ok && decision.events.map((e) => e.type)).toEqual(['OfferAccepted', 'DisputeResolved']);
    });

    it('rejecting the other party\u2019s offer records the reason', () => {
      given(history())
        .when(cmd('RejectOffer', buyer, { offerNumber: 2, reason: 'Too little.' }), now)
        .then([{ type: 'OfferRejected', data: { offerNumber: 2, by: 'BUYER', actorId: buyer.id, reason: 'Too little.', at: now.now } }]);
    });

    it('cannot accept one\u2019s own offer', () => {
      given(history()).when(cmd('AcceptOffer', buyer, { offerNumber: 1 }), now).rejects('FORBIDDEN', 'offerNumber');
    });
    it('cannot accept an offer that does not exist', () => {
      given(history()).when(cmd('AcceptOffer', buyer, { offerNumber: 9 }), now).rejects('NOT_FOUND', 'offerNumber');
      given(history()).when(cmd('AcceptOffer', buyer, { offerNumber: 'two' as never }), now).rejects('VALIDATION', 'offerNumber');
    });
    it('cannot accept an offer that is no longer open', () => {
      const superseded = given(history()).when(cmd('MakeOffer', seller, { terms: { kind: 'REPLACEMENT' } }), now).decision;
      if (!superseded.ok) throw new Error('fixture');
      given([...history(), ...superseded.events]).when(cmd('AcceptOffer', buyer, { offerNumber: 2 }), now).rejects('CONFLICT', 'offerNumber');
    });
    it('cannot answer when the other party has no open offer', () => {
      const rejected = given(history()).when(cmd('RejectOffer', buyer, { offerNumber: 2 }), now).decision;
      if (!rejected.ok) throw new Error('fixture');
      given([...history(), ...rejected.events]).when(cmd('AcceptOffer', buyer, { offerNumber: 2 }), now).rejects('INVALID_STATE');
    });
    it('never offers more than is refundable', () => {
      given(history()).when(cmd('MakeOffer', buyer, { terms: { kind: 'PARTIAL_REFUND', amount: eur(10_001) } }), now).rejects('VALIDATION', 'terms.amount.amountMinor');
      given(history()).when(cmd('MakeOffer', buyer, { terms: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1, currency: 'eur' } } }), now).rejects('VALIDATION', 'terms.amount.currency');
    });
    it('limits the number of offers per party', () => {
      let events = history();
      for (let i = 0; i < defaultPolicy.maxOffersPerParty - 1; i++) {
        const next = given(events).when(cmd('MakeOffer', seller, { terms: { kind: 'PARTIAL_REFUND', amount: eur(3_000 + i) } }), now).decision;
        if (!next.ok) throw new Error('fixture');
        events = [...events, ...next.events];
      }
      given(events).when(cmd('MakeOffer', seller, { terms: { kind: 'REPLACEMENT' } }), now).rejects('CONFLICT');
    });
    it('mediators and the system do not negotiate', () => {
      given(history()).when(cmd('MakeOffer', system, { terms: { kind: 'REPLACEMENT' } }), now).rejects('FORBIDDEN');
      given(history()).when(cmd('AcceptOffer', mediator, { offerNumber: 2 }), now).rejects('NOT_FOUND');
    });
    it('offers close with the negotiation window', () => {
      given(history()).when(cmd('MakeOffer', buyer, { terms: { kind: 'REPLACEMENT' } }), { now: dueAt }).rejects('DEADLINE_PASSED');
      given(history()).when(cmd('AcceptOffer', buyer, { offerNumber: 2 }), { now: dueAt }).rejects('DEADLINE_PASSED');
    });
  });

  describe('escalation', () => {
    it('either party may escalate to mediation', () => {
      given(history())
        .when(cmd('EscalateDispute', seller, { note: 'We cannot agree.' }), now)
        .then([{ type: 'DisputeEscalated', data: { reason: 'SELLER_REQUEST', by: seller, note: 'We cannot agree.', slaDueAt: at(8 * DAY + HOUR), at: now.now } }]);
      const { decision } = given(history()).when(cmd('EscalateDispute', buyer, { note: 'Help.' }), now);
      expect(decision.ok && decision.events[0].data).toMatchObject({ reason: 'BUYER_REQUEST' });
    });
    it('requires a reason to escalate', () => {
      given(history()).when(cmd('EscalateDispute', buyer, { note: '' }), now).rejects('VALIDATION', 'note');
    });
    it('escalates when the negotiation window elapses', () => {
      given(history())
        .when(cmd('NegotiationWindowElapsed', system, {}), { now: dueAt })
        .then([{ type: 'DisputeEscalated', data: { reason: 'NEGOTIATION_TIMEOUT', by: system, note: null, slaDueAt: at(15 * DAY), at: dueAt } }]);
    });
    it('the negotiation timer does not fire early', () => {
      given(history()).when(cmd('NegotiationWindowElapsed', system, {}), now).rejects('INVALID_STATE');
    });
    it('escalation lapses the open offers', () => {
      const escalated = histories.escalated().state;
      expect(escalated.offers.map((o) => o.status)).toEqual(['LAPSED', 'LAPSED']);
    });
  });

  describe('messages and evidence', () => {
    it('validates messages', () => {
      given(history()).when(cmd('PostMessage', seller, { messageId: '', body: 'x' }), now).rejects('VALIDATION', 'messageId');
      given(history()).when(cmd('PostMessage', seller, { messageId: 'm', body: 'x'.repeat(defaultPolicy.maxTextLength + 1) }), now).rejects('VALIDATION', 'body');
    });
    it('requires at least one piece of evidence and a readable list', () => {
      given(history()).when(cmd('AddEvidence', buyer, { evidence: [] }), now).rejects('VALIDATION', 'evidence');
      given(history()).when(cmd('AddEvidence', buyer, { evidence: 'photo' as never }), now).rejects('VALIDATION', 'evidence');
      given(history()).when(cmd('AddEvidence', buyer, { evidence: [null as never] }), now).rejects('VALIDATION', 'evidence[0]');
    });
    it('rejects an evidence id already in the case file', () => {
      given(history()).when(cmd('AddEvidence', buyer, { evidence: [photo(50, { evidenceId: 'ev-1' })] }), now).rejects('CONFLICT', 'evidence[0].evidenceId');
    });
    it('a mediator may not message a case they do not hold', () => {
      given(history()).when(cmd('PostMessage', mediator, { messageId: 'm', body: 'x' }), now).rejects('NOT_FOUND');
    });
  });

  it('the buyer may withdraw, lapsing the open offers', () => {
    const { decision } = given(history()).when(cmd('WithdrawDispute', buyer, {}), now);
    expect(decision).toEqual({ ok: true, events: [{ type: 'DisputeWithdrawn', data: { buyerId: buyer.id, reason: null, at: now.now } }] });
    expect(histories.negotiating().then(cmd('WithdrawDispute', buyer, {}), now.now).state.offers.every((o) => o.status === 'LAPSED')).toBe(true);
  });
  it('the seller may not withdraw', () => {
    given(history()).when(cmd('WithdrawDispute', seller, {}), now).rejects('FORBIDDEN');
  });
});
