import { availableActions, initialState, pendingDeadlines, refundDue, whoseTurn } from '../../libs/domain/src';
import { at, auditor, buyer, DAY, HOUR, mediator, order, otherBuyer, secondMediator, seller, system } from './support/fixtures';
import { cmd, histories, ruling } from './support/histories';

describe('available actions', () => {
  it('before a dispute exists, only the order\u2019s buyer may open one', () => {
    expect(availableActions(initialState, buyer, { now: at(0), order })).toEqual(['OpenDispute']);
    expect(availableActions(initialState, otherBuyer, { now: at(0), order })).toEqual([]);
    expect(availableActions(initialState, buyer)).toEqual([]);
  });
  it('awaiting the seller', () => {
    const state = histories.open().state;
    expect(availableActions(state, seller)).toEqual(['RespondToDispute', 'PostMessage', 'AddEvidence', 'ConcedeDispute']);
    expect(availableActions(state, buyer)).toEqual(['PostMessage', 'AddEvidence', 'WithdrawDispute']);
    expect(availableActions(state, mediator)).toEqual([]);
    expect(availableActions(state, auditor)).toEqual([]);
    expect(availableActions(state, system)).toEqual([]);
    expect(availableActions(state, system, { now: at(5 * DAY) })).toEqual(['SellerResponseWindowElapsed']);
    expect(availableActions(state, seller, { now: at(5 * DAY) })).toEqual(['PostMessage', 'AddEvidence', 'ConcedeDispute']);
  });
  it('negotiating', () => {
    const state = histories.negotiating().state;
    expect(availableActions(state, buyer)).toEqual(['PostMessage', 'AddEvidence', 'MakeOffer', 'AcceptOffer', 'RejectOffer', 'EscalateDispute', 'WithdrawDispute']);
    expect(availableActions(state, seller)).toEqual(['PostMessage', 'AddEvidence', 'MakeOffer', 'AcceptOffer', 'RejectOffer', 'EscalateDispute', 'ConcedeDispute']);
  });
  it('under mediation, a mediator may claim, then the holder works the case', () => {
    expect(availableActions(histories.escalated().state, mediator)).toEqual(['ClaimCase']);
    const claimed = histories.claimed().state;
    expect(availableActions(claimed, mediator)).toEqual(['PostMessage', 'ReleaseCase', 'RequestInformation', 'ExtendDeadline', 'IssueDecision']);
    expect(availableActions(claimed, secondMediator)).toEqual([]);
  });
  it('a mediator who asked both parties may not ask again until one answers', () => {
    const T = at(2 * DAY + 2 * HOUR);
    const h = histories
      .claimed()
      .then(cmd('RequestInformation', mediator, { requestId: 'a', from: 'BUYER', question: 'Photos?' }), T)
      .then(cmd('RequestInformation', mediator, { requestId: 'b', from: 'SELLER', question: 'Tracking?' }), T);
    expect(availableActions(h.state, mediator)).toEqual(['PostMessage', 'ReleaseCase', 'ExtendDeadline', 'IssueDecision']);
    expect(availableActions(h.state, buyer)).toContain('AnswerInformationRequest');
  });
  it('decided: the parties may appeal, the holder may still talk', () => {
    const state = histories.decided().state;
    expect(availableActions(state, seller)).toEqual(['PostMessage', 'AddEvidence', 'FileAppeal']);
    expect(availableActions(state, mediator)).toEqual(['PostMessage']);
  });
  it('under appeal, only a different mediator may claim', () => {
    const state = histories.appealed().state;
    expect(availableActions(state, mediator)).toEqual([]);
    expect(availableActions(state, secondMediator)).toEqual(['ClaimCase']);
  });
  it('returns', () => {
    expect(availableActions(histories.awaitingReturn().state, buyer)).toEqual(['PostMessage', 'AddEvidence', 'MarkReturnShipped']);
    expect(availableActions(histories.returnInTransit().state, seller)).toEqual(['PostMessage', 'AddEvidence', 'ConfirmReturnReceived', 'ContestReturn']);
  });
  it('resolved: only the system, to move the money', () => {
    expect(availableActions(histories.resolvedWithRefund().state, system)).toEqual(['RequestRefund']);
    expect(availableActions(histories.refundRequested().state, system)).toEqual(['RecordRefundSucceeded', 'RecordRefundFailed']);
    expect(availableActions(histories.resolvedWithRefund().state, buyer)).toEqual([]);
  });
});

describe('whose turn', () => {
  it('follows the case', () => {
    expect(whoseTurn(initialState)).toBeNull();
    expect(whoseTurn(histories.open().state)).toEqual({ role: 'SELLER', reason: 'The seller must respond to the dispute.', dueAt: at(5 * DAY) });
    expect(whoseTurn(histories.negotiating().state)).toMatchObject({ role: 'BUYER', dueAt: at(8 * DAY) });
    expect(whoseTurn(histories.escalated().state)).toMatchObject({ role: 'MEDIATOR', reason: 'A mediator must claim the case.' });
    expect(whoseTurn(histories.claimed().state)).toMatchObject({ role: 'MEDIATOR', reason: 'The mediator must decide the case.' });
    expect(whoseTurn(histories.decided().state)).toMatchObject({ role: 'SELLER', dueAt: at(10 * DAY) });
    expect(whoseTurn(histories.decided(ruling({ outcome: 'NO_REFUND' })).state)).toMatchObject({ role: 'BUYER' });
    expect(whoseTurn(histories.appealClaimed().state)).toMatchObject({ role: 'MEDIATOR', reason: 'The mediator must decide the appeal.' });
    expect(whoseTurn(histories.awaitingReturn().state)).toMatchObject({ role: 'BUYER', dueAt: at(12 * DAY) });
    expect(whoseTurn(histories.returnInTransit().state)).toMatchObject({ role: 'SELLER', dueAt: at(18 * DAY) });
    expect(whoseTurn(histories.resolvedWithRefund().state)).toMatchObject({ role: 'SYSTEM' });
    expect(whoseTurn(histories.closed().state)).toBeNull();
  });
  it('points at the party the mediator is waiting for', () => {
    const T = at(2 * DAY + 2 * HOUR);
    const h = histories.claimed().then(cmd('RequestInformation', mediator, { requestId: 'a', from: 'BUYER', question: 'Photos?' }), T);
    expect(whoseTurn(h.state)).toEqual({ role: 'BUYER', reason: 'The mediator asked for information.', dueAt: at(5 * DAY + 2 * HOUR) });
  });
  it('in negotiation, the party who must answer the latest open offer', () => {
    const h = histories.negotiating().then(cmd('RejectOffer', buyer, { offerNumber: 2 }), at(DAY + HOUR));
    expect(whoseTurn(h.state)).toMatchObject({ role: 'SELLER' });
    const none = h.then(cmd('RejectOffer', seller, { offerNumber: 1 }), at(DAY + HOUR));
    expect(whoseTurn(none.state)).toMatchObject({ role: 'BUYER', reason: 'The buyer should make an offer or escalate.' });
  });
});

describe('pending deadlines', () => {
  it('awaiting the seller: the seller response timer', () => {
    expect(pendingDeadlines(histories.open().state)).toEqual([
      { kind: 'SELLER_RESPONSE', dueAt: at(5 * DAY), command: { type: 'SellerResponseWindowElapsed', actor: system, data: {} } },
    ]);
  });
  it('under mediation: the SLA and each open information request, earliest first', () => {
    const T = at(2 * DAY + 2 * HOUR);
    const h = histories.claimed().then(cmd('RequestInformation', mediator, { requestId: 'a', from: 'BUYER', question: 'Photos?' }), T);
    expect(pendingDeadlines(h.state).map((d) => [d.kind, d.dueAt])).toEqual([
      ['INFORMATION_REQUEST', at(5 * DAY + 2 * HOUR)],
      ['MEDIATION_SLA', at(9 * DAY)],
    ]);
  });
  it('one timer per waiting state', () => {
    expect(pendingDeadlines(histories.negotiating().state).map((d) => d.kind)).toEqual(['NEGOTIATION']);
    expect(pendingDeadlines(histories.decided().state).map((d) => d.kind)).toEqual(['APPEAL_WINDOW']);
    expect(pendingDeadlines(histories.awaitingReturn().state).map((d) => d.kind)).toEqual(['RETURN_SHIPMENT']);
    expect(pendingDeadlines(histories.returnInTransit().state).map((d) => d.kind)).toEqual(['RETURN_RECEIPT']);
    expect(pendingDeadlines(histories.resolvedWithRefund().state)).toEqual([]);
    expect(pendingDeadlines(initialState)).toEqual([]);
  });
});

describe('refund due', () => {
  it('only once resolved with money owed and nothing in flight', () => {
    expect(refundDue(histories.negotiating().state)).toBeNull();
    expect(refundDue(histories.closed().state)).toBeNull();
  });
});
