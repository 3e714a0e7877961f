// Settling at any stage (rulebook edition 2): the seller concedes, the parties still trade offers
// in mediation and under appeal, the buyer may withdraw under appeal, and a mediator may rule a
// replacement. Each changed rule for an existing command is specified under both editions.
import { pendingDeadlines, refundDue } from '../../libs/domain/src';
import { at, buyer, DAY, HOUR, mediator, photo, RETURN_ADDRESS, secondMediator, seller, system } from './support/fixtures';
import { cmd, eur, histories, ruling } from './support/histories';
import { given } from './support/spec';

const FIRST_EDITION = { rulebook: 1 as const };
const ask = cmd('RequestInformation', mediator, { requestId: 'rq-1', from: 'SELLER', question: 'Do you have the courier report?' });
/** Under mediation again: the buyer returned the item (agreed RETURN_AND_REFUND, offer #3) and the seller contested it on day 4. */
const contested = () =>
  histories.returnInTransit().then(cmd('ContestReturn', seller, { explanation: 'A different phone came back.', evidence: [photo(30)] }), at(4 * DAY));

describe('the seller concedes', () => {
  it('while awaiting the response: a full refund, resolved by concession at once', () => {
    const T = at(HOUR);
    const when = given(histories.open().events).when(cmd('ConcedeDispute', seller, { remedy: 'FULL_REFUND' }), { now: T });
    when.then([
      { type: 'SellerConceded', data: { sellerId: seller.id, remedy: 'FULL_REFUND', terms: { kind: 'FULL_REFUND', amount: eur(10_000) }, mediatorId: null, message: null, at: T } },
      { type: 'DisputeResolved', data: { outcome: { kind: 'FULL_REFUND', refund: eur(10_000) }, via: 'CONCESSION', at: T } },
    ]);
  });

  it('in negotiation, as requested: the buyer\u2019s latest request; open offers lapse', () => {
    const T = at(DAY + 2 * HOUR);
    const h = histories.negotiating().then(cmd('MakeOffer', buyer, { terms: { kind: 'PARTIAL_REFUND', amount: eur(8_000) } }), at(DAY + HOUR));
    const when = given(h.events).when(cmd('ConcedeDispute', seller, { remedy: 'AS_REQUESTED', message: 'Fair enough.' }), { now: T });
    when.then([
      { type: 'SellerConceded', data: { sellerId: seller.id, remedy: 'AS_REQUESTED', terms: { kind: 'PARTIAL_REFUND', amount: eur(8_000) }, mediatorId: null, message: 'Fair enough.', at: T } },
      { type: 'DisputeResolved', data: { outcome: { kind: 'PARTIAL_REFUND', refund: eur(8_000) }, via: 'CONCESSION', at: T } },
    ]);
    const after = h.then(cmd('ConcedeDispute', seller, { remedy: 'AS_REQUESTED' }), T).state;
    expect(after.offers.map((o) => o.status)).toEqual(['SUPERSEDED', 'LAPSED', 'LAPSED']);
    expect(refundDue(after)).toEqual(eur(8_000));
  });

  it('as requested, a return-and-refund request goes through the return, then resolves by concession', () => {
    const T = at(DAY + 2 * HOUR);
    const h = histories.negotiating().then(cmd('MakeOffer', buyer, { terms: { kind: 'RETURN_AND_REFUND' } }), at(DAY + HOUR));
    given(h.events)
      .when(cmd('ConcedeDispute', seller, { remedy: 'AS_REQUESTED' }), { now: T })
      .then([
        { type: 'SellerConceded', data: { sellerId: seller.id, remedy: 'AS_REQUESTED', terms: { kind: 'RETURN_AND_REFUND', amount: eur(10_000) }, mediatorId: null, message: null, at: T } },
        // No address came with the concession, so the item goes back to the order's return address.
        { type: 'ReturnRequested', data: { refund: eur(10_000), returnShipmentDueAt: at(11 * DAY + 2 * HOUR), returnAddress: RETURN_ADDRESS, prepaidLabel: null, at: T } },
      ]);
    const shipped = h
      .then(cmd('ConcedeDispute', seller, { remedy: 'AS_REQUESTED' }), T)
      .then(cmd('MarkReturnShipped', buyer, { carrier: 'DHL', trackingNumber: 'JD014600003828' }), at(3 * DAY));
    given(shipped.events)
      .when(cmd('ConfirmReturnReceived', seller, {}), { now: at(4 * DAY) })
      .then([
        { type: 'ReturnReceived', data: { by: { role: 'SELLER', id: seller.id }, deemed: false, at: at(4 * DAY) } },
        { type: 'DisputeResolved', data: { outcome: { kind: 'RETURN_AND_REFUND', refund: eur(10_000) }, via: 'CONCESSION', at: at(4 * DAY) } },
      ]);
  });

  it('in mediation: names the mediator holding the case, closes open questions, and the SLA stops', () => {
    const T = at(2 * DAY + 3 * HOUR);
    const asked = histories.claimed().then(ask, at(2 * DAY + 2 * HOUR));
    const { decision } = given(asked.events).when(cmd('ConcedeDispute', seller, { remedy: 'FULL_REFUND' }), { now: T });
    expect(decision.ok && decision.events[0].data).toMatchObject({ mediatorId: mediator.id });
    const after = asked.then(cmd('ConcedeDispute', seller, { remedy: 'FULL_REFUND' }), T).state;
    expect(after.status).toBe('RESOLVED');
    expect(after.informationRequests.map((r) => r.status)).toEqual(['EXPIRED']);
    expect(pendingDeadlines(after)).toEqual([]);
    expect(after.mediation?.mediatorId).toBe(mediator.id);
  });

  it('under appeal, until the final ruling', () => {
    const T = at(4 * DAY + 2 * HOUR);
    const { decision } = given(histories.appealClaimed().events).when(cmd('ConcedeDispute', seller, { remedy: 'AS_REQUESTED' }), { now: T });
    expect(decision.ok && decision.events.map((e) => e.type)).toEqual(['SellerConceded', 'DisputeResolved']);
    expect(decision.ok && decision.events[0].data).toMatchObject({ mediatorId: secondMediator.id, terms: { kind: 'FULL_REFUND', amount: eur(10_000) } });
    expect(decision.ok && decision.events[1].data).toMatchObject({ via: 'CONCESSION' });
  });

  it('after a contested return, conceding refunds in full without another return, whatever the buyer last asked', () => {
    const T = at(5 * DAY);
    const fullRefund = [
      { type: 'SellerConceded', data: { sellerId: seller.id, remedy: 'AS_REQUESTED', terms: { kind: 'FULL_REFUND', amount: eur(10_000) }, mediatorId: null, message: null, at: T } },
      { type: 'DisputeResolved', data: { outcome: { kind: 'FULL_REFUND', refund: eur(10_000) }, via: 'CONCESSION', at: T } },
    ] as const;
    given(contested().events).when(cmd('ConcedeDispute', seller, { remedy: 'AS_REQUESTED' }), { now: T }).then([...fullRefund]);
    // The item is back with the seller: a replacement or a partial refund would leave the buyer short.
    const askedReplacement = contested().then(cmd('MakeOffer', buyer, { terms: { kind: 'REPLACEMENT' } }), at(4 * DAY + HOUR));
    given(askedReplacement.events).when(cmd('ConcedeDispute', seller, { remedy: 'AS_REQUESTED' }), { now: T }).then([...fullRefund]);
  });

  it('refusals: only the seller, only before the outcome is fixed, once, with a known remedy', () => {
    const T = at(HOUR);
    given(histories.open().events).when(cmd('ConcedeDispute', buyer, { remedy: 'FULL_REFUND' }), { now: T }).rejects('FORBIDDEN');
    given(histories.claimed().events).when(cmd('ConcedeDispute', mediator, { remedy: 'FULL_REFUND' })).rejects('FORBIDDEN');
    const conceded = histories.open().then(cmd('ConcedeDispute', seller, { remedy: 'FULL_REFUND' }), T);
    given(conceded.events).when(cmd('ConcedeDispute', seller, { remedy: 'FULL_REFUND' })).rejects('INVALID_STATE');
    given(histories.decided().events).when(cmd('ConcedeDispute', seller, { remedy: 'FULL_REFUND' })).rejects('INVALID_STATE');
    given(histories.awaitingReturn().events).when(cmd('ConcedeDispute', seller, { remedy: 'FULL_REFUND' })).rejects('INVALID_STATE');
    given(histories.withdrawn().events).when(cmd('ConcedeDispute', seller, { remedy: 'FULL_REFUND' })).rejects('INVALID_STATE');
    given(histories.open().events).when(cmd('ConcedeDispute', seller, { remedy: 'EVERYTHING' as never }), { now: T }).rejects('VALIDATION', 'remedy');
    given(histories.open().events).when(cmd('ConcedeDispute', seller, { remedy: 'FULL_REFUND', message: 42 as never }), { now: T }).rejects('VALIDATION', 'message');
  });
});

describe('offers in mediation and under appeal', () => {
  const T = at(2 * DAY + 2 * HOUR);
  const offer = cmd('MakeOffer', seller, { terms: { kind: 'PARTIAL_REFUND', amount: eur(5_000) } });

  it('edition 2: an offer accepted in mediation resolves by agreement and ends the mediation\u2019s questions', () => {
    const made = histories.claimed().then(ask, T).then(offer, T);
    expect(made.state.offers[2]).toMatchObject({ offerNumber: 3, by: 'SELLER', status: 'OPEN' });
    given(made.events)
      .when(cmd('AcceptOffer', buyer, { offerNumber: 3 }), { now: T })
      .then([
        { type: 'OfferAccepted', data: { offerNumber: 3, by: 'BUYER', actorId: buyer.id, terms: { kind: 'PARTIAL_REFUND', amount: eur(5_000) }, at: T } },
        { type: 'DisputeResolved', data: { outcome: { kind: 'PARTIAL_REFUND', refund: eur(5_000) }, via: 'AGREEMENT', at: T } },
      ]);
    const agreed = made.then(cmd('AcceptOffer', buyer, { offerNumber: 3 }), T).state;
    expect(agreed.informationRequests.map((r) => r.status)).toEqual(['EXPIRED']);
    expect(pendingDeadlines(agreed)).toEqual([]);
  });

  it('edition 2: no negotiation window applies in mediation; rejecting works too', () => {
    const late = at(20 * DAY);
    const made = histories.claimed().then(offer, late);
    given(made.events)
      .when(cmd('RejectOffer', buyer, { offerNumber: 3, reason: 'Too little.' }), { now: late })
      .then([{ type: 'OfferRejected', data: { offerNumber: 3, by: 'BUYER', actorId: buyer.id, reason: 'Too little.', at: late } }]);
  });

  it('edition 1: offers in mediation are refused as before', () => {
    given(histories.claimed().events).when(offer, { now: T, ...FIRST_EDITION }).rejects('INVALID_STATE');
    const made = histories.claimed().then(offer, T);
    given(made.events).when(cmd('AcceptOffer', buyer, { offerNumber: 3 }), { now: T, ...FIRST_EDITION }).rejects('INVALID_STATE');
    given(histories.appealClaimed().events).when(offer, FIRST_EDITION).rejects('INVALID_STATE');
  });

  it('a ruling lapses the offers still open', () => {
    const made = histories.claimed().then(offer, T);
    expect(made.then(cmd('IssueDecision', mediator, ruling()), at(3 * DAY)).state.offers[2].status).toBe('LAPSED');
    const appealOffer = histories.appealClaimed().then(offer, at(4 * DAY + 2 * HOUR));
    expect(appealOffer.state.offers[2].status).toBe('OPEN');
    const ruled = appealOffer.then(cmd('DecideAppeal', secondMediator, ruling()), at(5 * DAY)).state;
    expect(ruled.offers[2].status).toBe('LAPSED');
    expect(ruled.status).toBe('RESOLVED');
  });

  it('under appeal an accepted offer replaces the decision under appeal', () => {
    const made = histories.appealClaimed().then(offer, at(4 * DAY + 2 * HOUR));
    const agreed = made.then(cmd('AcceptOffer', buyer, { offerNumber: 3 }), at(4 * DAY + 3 * HOUR)).state;
    expect(agreed).toMatchObject({ status: 'RESOLVED', resolvedVia: 'AGREEMENT', outcome: { kind: 'PARTIAL_REFUND', refund: eur(5_000) } });
  });

  it('after a contested return no offer may ask for another return', () => {
    given(contested().events).when(cmd('MakeOffer', buyer, { terms: { kind: 'RETURN_AND_REFUND' } })).rejects('VALIDATION', 'terms.kind');
    given(contested().events)
      .when(cmd('MakeOffer', buyer, { terms: { kind: 'PARTIAL_REFUND', amount: eur(9_000) } }), { now: at(5 * DAY) })
      .then([{ type: 'OfferMade', data: { offerNumber: 4, by: 'BUYER', actorId: buyer.id, terms: { kind: 'PARTIAL_REFUND', amount: eur(9_000) }, at: at(5 * DAY) } }]);
  });
});

describe('withdrawing', () => {
  const T = at(4 * DAY + 2 * HOUR);
  it('edition 2: the buyer may withdraw under appeal, with no refund', () => {
    given(histories.appealClaimed().events)
      .when(cmd('WithdrawDispute', buyer, { reason: 'Not worth it.' }), { now: T })
      .then([{ type: 'DisputeWithdrawn', data: { buyerId: buyer.id, reason: 'Not worth it.', at: T } }]);
    const withdrawn = histories.appealClaimed().then(cmd('WithdrawDispute', buyer, {}), T).state;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', outcome: null });
    expect(refundDue(withdrawn)).toBeNull();
  });
  it('edition 1: refused under appeal as before', () => {
    given(histories.appealClaimed().events).when(cmd('WithdrawDispute', buyer, {}), { now: T, ...FIRST_EDITION }).rejects('INVALID_STATE');
  });
  it('both editions: not once decided, nor after the item went back to the seller', () => {
    for (const edition of [{}, FIRST_EDITION]) {
      given(histories.decided().events).when(cmd('WithdrawDispute', buyer, {}), edition).rejects('INVALID_STATE');
      const message = given(contested().events).when(cmd('WithdrawDispute', buyer, {}), edition).rejects('INVALID_STATE');
      expect(message).toMatch(edition === FIRST_EDITION ? /already been agreed or decided/ : /already been returned/);
    }
  });
  it('the seller still cannot withdraw', () => {
    given(histories.appealClaimed().events).when(cmd('WithdrawDispute', seller, {}), { now: T }).rejects('FORBIDDEN');
  });
});

describe('a replacement ruling', () => {
  const T = at(3 * DAY);
  it('edition 2: a mediator may rule a replacement (no amount); once final the seller owes the replacement, as when agreed', () => {
    const replacement = ruling({ outcome: 'REPLACEMENT' });
    const { decision } = given(histories.claimed().events).when(cmd('IssueDecision', mediator, replacement), { now: T });
    expect(decision.ok && decision.events[0]).toMatchObject({ type: 'DecisionIssued', data: { outcome: 'REPLACEMENT', refund: null } });
    const decided = histories.decided(replacement);
    given(decided.events)
      .when(cmd('AppealWindowElapsed', system, {}), { now: at(10 * DAY) })
      .then([{ type: 'ReplacementRequested', data: { shipmentDueAt: at(17 * DAY), at: at(10 * DAY) } }]);
  });
  it('has no amount', () => {
    given(histories.claimed().events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'REPLACEMENT', amount: eur(1) })), { now: T }).rejects('VALIDATION', 'amount');
  });
  it('edition 1: refused as an unknown outcome, for decisions and appeals', () => {
    given(histories.claimed().events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'REPLACEMENT' })), { now: T, ...FIRST_EDITION }).rejects('VALIDATION', 'outcome');
    given(histories.appealClaimed().events).when(cmd('DecideAppeal', secondMediator, ruling({ outcome: 'REPLACEMENT' })), FIRST_EDITION).rejects('VALIDATION', 'outcome');
  });
});
