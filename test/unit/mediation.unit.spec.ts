import { defaultPolicy } from '../../libs/domain/src';
import { at, auditor, buyer, DAY, HOUR, item, mediator, photo, secondMediator, seller, system } from './support/fixtures';
import { cmd, eur, histories, ruling } from './support/histories';
import { given } from './support/spec';

const T = at(2 * DAY + 2 * HOUR);
const ask = (overrides: Record<string, unknown> = {}) =>
  cmd('RequestInformation', mediator, { requestId: 'rq-1', from: 'SELLER', question: 'Do you have the courier report?', ...overrides });

describe('under mediation', () => {
  describe('claiming the case', () => {
    it('a mediator claims an unassigned case', () => {
      given(histories.escalated().events)
        .when(cmd('ClaimCase', mediator, {}), { now: T })
        .then([{ type: 'MediatorAssigned', data: { mediatorId: mediator.id, stage: 'MEDIATION', at: T } }]);
    });
    it('a claimed case cannot be claimed again', () => {
      given(histories.claimed().events).when(cmd('ClaimCase', secondMediator, {}), { now: T }).rejects('CONFLICT');
    });
    it('only mediators claim', () => {
      given(histories.escalated().events).when(cmd('ClaimCase', buyer, {}), { now: T }).rejects('FORBIDDEN');
      given(histories.escalated().events).when(cmd('ClaimCase', auditor, {}), { now: T }).rejects('FORBIDDEN');
    });
    it('only the holder decides', () => {
      given(histories.escalated().events).when(cmd('IssueDecision', mediator, ruling()), { now: T }).rejects('FORBIDDEN');
      given(histories.claimed().events).when(cmd('IssueDecision', secondMediator, ruling()), { now: T }).rejects('FORBIDDEN');
    });
    it('another mediator hears FORBIDDEN whether or not the holder has decided yet; the holder hears INVALID_STATE', () => {
      const later = at(3 * DAY + HOUR);
      given(histories.decided().events).when(cmd('IssueDecision', secondMediator, ruling()), { now: later }).rejects('FORBIDDEN');
      given(histories.decided().events).when(ask({}), { now: later }).rejects('INVALID_STATE');
      given(histories.decided().events).when(cmd('IssueDecision', mediator, ruling()), { now: later }).rejects('INVALID_STATE');
    });
  });

  describe('information requests', () => {
    it('asks a party with the default deadline', () => {
      given(histories.claimed().events)
        .when(ask(), { now: T })
        .then([
          {
            type: 'InformationRequested',
            data: { requestId: 'rq-1', mediatorId: mediator.id, from: 'SELLER', question: 'Do you have the courier report?', dueAt: at(5 * DAY + 2 * HOUR), at: T },
          },
        ]);
    });
    it('accepts a deadline set by the mediator within the policy bounds', () => {
      const { decision } = given(histories.claimed().events).when(ask({ dueAt: '2026-11-28T12:00:00+02:00' }), { now: T });
      expect(decision.ok && decision.events[0].data).toMatchObject({ dueAt: '2026-11-28T10:00:00.000Z' });
      given(histories.claimed().events).when(ask({ dueAt: at(2 * DAY + 2 * HOUR + 60_000) }), { now: T }).rejects('VALIDATION', 'dueAt');
      given(histories.claimed().events).when(ask({ dueAt: at(30 * DAY) }), { now: T }).rejects('VALIDATION', 'dueAt');
      given(histories.claimed().events).when(ask({ dueAt: 'Friday' }), { now: T }).rejects('VALIDATION', 'dueAt');
    });
    it('one open request per party; request ids are unique', () => {
      const asked = histories.claimed().then(ask(), T);
      given(asked.events).when(ask({ requestId: 'rq-2' }), { now: T }).rejects('CONFLICT', 'from');
      given(asked.events).when(ask({ from: 'BUYER' }), { now: T }).rejects('CONFLICT', 'requestId');
      const both = asked.then(ask({ requestId: 'rq-2', from: 'BUYER' }), T);
      given(both.events).when(ask({ requestId: 'rq-3' }), { now: T }).rejects('CONFLICT');
    });
    it('limits how often a party may be asked', () => {
      let h = histories.claimed();
      for (let i = 0; i < defaultPolicy.maxInformationRequestsPerParty; i++) {
        h = h.then(ask({ requestId: `rq-${i}` }), T).then(cmd('AnswerInformationRequest', seller, { requestId: `rq-${i}`, answer: 'Here.' }), T);
      }
      given(h.events).when(ask({ requestId: 'rq-x' }), { now: T }).rejects('CONFLICT', 'from');
    });
    it('validates the request', () => {
      given(histories.claimed().events).when(ask({ from: 'MEDIATOR' }), { now: T }).rejects('VALIDATION', 'from');
      given(histories.claimed().events).when(ask({ question: '' }), { now: T }).rejects('VALIDATION', 'question');
      given(histories.claimed().events).when(ask({ requestId: ' rq' }), { now: T }).rejects('VALIDATION', 'requestId');
    });
    it('the party answers with optional evidence', () => {
      given(histories.claimed().then(ask(), T).events)
        .when(cmd('AnswerInformationRequest', seller, { requestId: 'rq-1', answer: 'Attached.', evidence: [photo(20)] }), { now: T })
        .then([
          { type: 'EvidenceAdded', data: { evidence: item(20), addedBy: 'SELLER', actorId: seller.id, at: T } },
          { type: 'InformationProvided', data: { requestId: 'rq-1', from: 'SELLER', actorId: seller.id, answer: 'Attached.', evidenceIds: ['ev-20'], at: T } },
        ]);
    });
    it('only the asked party answers, once, before the deadline', () => {
      const asked = histories.claimed().then(ask(), T).then(ask({ requestId: 'rq-2', from: 'BUYER' }), T);
      given(asked.events).when(cmd('AnswerInformationRequest', seller, { requestId: 'rq-2', answer: 'x' }), { now: T }).rejects('FORBIDDEN', 'requestId');
      given(asked.events).when(cmd('AnswerInformationRequest', seller, { requestId: 'rq-9', answer: 'x' }), { now: T }).rejects('NOT_FOUND', 'requestId');
      given(asked.events).when(cmd('AnswerInformationRequest', seller, { requestId: 'rq-1', answer: '' }), { now: T }).rejects('VALIDATION', 'answer');
      given(asked.events).when(cmd('AnswerInformationRequest', seller, { requestId: 'rq-1', answer: 'x' }), { now: at(6 * DAY) }).rejects('DEADLINE_PASSED');
      const answered = asked.then(cmd('AnswerInformationRequest', seller, { requestId: 'rq-1', answer: 'x' }), T);
      given(answered.events).when(cmd('AnswerInformationRequest', seller, { requestId: 'rq-1', answer: 'x' }), { now: T }).rejects('INVALID_STATE');
      given(answered.events).when(cmd('AnswerInformationRequest', buyer, { requestId: 'rq-1', answer: 'x' }), { now: T }).rejects('FORBIDDEN', 'requestId');
    });
    it('a party with no question cannot answer', () => {
      given(histories.claimed().events).when(cmd('AnswerInformationRequest', buyer, { requestId: 'rq-1', answer: 'x' }), { now: T }).rejects('INVALID_STATE');
    });
    it('tells the mediator when the party did not answer in time', () => {
      const asked = histories.claimed().then(ask(), T);
      const due = at(5 * DAY + 2 * HOUR);
      given(asked.events)
        .when(cmd('InformationRequestElapsed', system, { requestId: 'rq-1' }), { now: due })
        .then([{ type: 'InformationRequestExpired', data: { requestId: 'rq-1', from: 'SELLER', at: due } }]);
      given(asked.events).when(cmd('InformationRequestElapsed', system, { requestId: 'rq-1' }), { now: T }).rejects('INVALID_STATE');
      given(asked.events).when(cmd('InformationRequestElapsed', system, { requestId: 'nope' }), { now: due }).rejects('NOT_FOUND', 'requestId');
    });
    it('a request answered early does not expire; another party\u2019s due request does', () => {
      const h = histories
        .claimed()
        .then(ask(), T)
        .then(ask({ requestId: 'rq-2', from: 'BUYER', dueAt: at(4 * DAY) }), T)
        .then(cmd('AnswerInformationRequest', seller, { requestId: 'rq-1', answer: 'x' }), T);
      given(h.events).when(cmd('InformationRequestElapsed', system, { requestId: 'rq-1' }), { now: at(6 * DAY) }).rejects('INVALID_STATE', 'requestId');
      const early = histories.claimed().then(ask(), T).then(ask({ requestId: 'rq-2', from: 'BUYER', dueAt: at(4 * DAY) }), T);
      given(early.events).when(cmd('InformationRequestElapsed', system, { requestId: 'rq-1' }), { now: at(4 * DAY) }).rejects('INVALID_STATE');
    });
  });

  describe('the mediation SLA', () => {
    const due = at(9 * DAY);
    it('raises an alert when the SLA elapses, without ruling', () => {
      given(histories.claimed().events)
        .when(cmd('MediationSlaElapsed', system, {}), { now: due })
        .then([{ type: 'MediationSlaBreached', data: { stage: 'MEDIATION', slaDueAt: due, mediatorId: mediator.id, at: due } }]);
    });
    it('fires once', () => {
      const breached = histories.claimed().then(cmd('MediationSlaElapsed', system, {}), due);
      expect(breached.state.status).toBe('UNDER_MEDIATION');
      given(breached.events).when(cmd('MediationSlaElapsed', system, {}), { now: due }).rejects('INVALID_STATE');
    });
  });

  describe('the decision', () => {
    it('decides with a rationale citing evidence and policy clauses, opening the appeal window', () => {
      given(histories.claimed().events)
        .when(cmd('IssueDecision', mediator, ruling()), { now: T })
        .then([
          {
            type: 'DecisionIssued',
            data: {
              mediatorId: mediator.id,
              outcome: 'FULL_REFUND',
              refund: eur(10_000),
              rationale: 'The photos show the screen cracked on arrival.',
              citedEvidenceIds: ['ev-1'],
              citedPolicyClauses: ['NAD-1'],
              appealDueAt: at(9 * DAY + 2 * HOUR),
              at: T,
            },
          },
        ]);
    });
    it('a partial refund needs an amount within the refundable amount', () => {
      const { decision } = given(histories.claimed().events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'PARTIAL_REFUND', amount: eur(2_500) })), { now: T });
      expect(decision.ok && decision.events[0].data).toMatchObject({ refund: eur(2_500) });
      given(histories.claimed().events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'PARTIAL_REFUND' })), { now: T }).rejects('VALIDATION', 'amount');
      given(histories.claimed().events)
        .when(cmd('IssueDecision', mediator, ruling({ outcome: 'PARTIAL_REFUND', amount: eur(10_001) })), { now: T })
        .rejects('VALIDATION', 'amount.amountMinor');
    });
    it('a ruling for the seller has no amount', () => {
      const { decision } = given(histories.claimed().events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'NO_REFUND', citedPolicyClauses: ['EV-1'] })), { now: T });
      expect(decision.ok && decision.events[0].data).toMatchObject({ outcome: 'NO_REFUND', refund: null });
      given(histories.claimed().events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'NO_REFUND', amount: eur(1) })), { now: T }).rejects('VALIDATION', 'amount');
    });
    it('cites only evidence in the case file and clauses of the pinned policy, at least one clause', () => {
      given(histories.claimed().events).when(cmd('IssueDecision', mediator, ruling({ citedEvidenceIds: ['ev-404'] })), { now: T }).rejects('VALIDATION', 'citedEvidenceIds[0]');
      given(histories.claimed().events).when(cmd('IssueDecision', mediator, ruling({ citedEvidenceIds: ['ev-1', 'ev-1'] })), { now: T }).rejects('VALIDATION', 'citedEvidenceIds[1]');
      given(histories.claimed().events).when(cmd('IssueDecision', mediator, ruling({ citedPolicyClauses: [] })), { now: T }).rejects('VALIDATION', 'citedPolicyClauses');
      given(histories.claimed().events).when(cmd('IssueDecision', mediator, ruling({ citedPolicyClauses: ['toString'] })), { now: T }).rejects('VALIDATION', 'citedPolicyClauses[0]');
      given(histories.claimed().events).when(cmd('IssueDecision', mediator, ruling({ citedEvidenceIds: 'ev-1' as never })), { now: T }).rejects('VALIDATION', 'citedEvidenceIds');
    });
    it('requires a rationale and a known outcome', () => {
      given(histories.claimed().events).when(cmd('IssueDecision', mediator, ruling({ rationale: ' ' })), { now: T }).rejects('VALIDATION', 'rationale');
      given(histories.claimed().events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'SPLIT' as never })), { now: T }).rejects('VALIDATION', 'outcome');
      given(histories.claimed().events).when(cmd('IssueDecision', mediator, null as never), { now: T }).rejects('VALIDATION', 'data');
    });
    it('cannot order a return of an item that never arrived', () => {
      const h = histories
        .open('NOT_RECEIVED')
        .then(cmd('SellerResponseWindowElapsed', system, {}), at(5 * DAY))
        .then(cmd('ClaimCase', mediator, {}), at(5 * DAY));
      given(h.events)
        .when(cmd('IssueDecision', mediator, ruling({ outcome: 'RETURN_AND_REFUND', citedEvidenceIds: [] })), { now: at(6 * DAY) })
        .rejects('VALIDATION', 'outcome');
    });
  });

  describe('while mediating', () => {
    it('the holder and both parties may message', () => {
      given(histories.claimed().events)
        .when(cmd('PostMessage', mediator, { messageId: 'm-9', body: 'Please be patient.' }), { now: T })
        .then([{ type: 'MessagePosted', data: { messageId: 'm-9', author: mediator, body: 'Please be patient.', at: T } }]);
      given(histories.claimed().events).when(cmd('PostMessage', secondMediator, { messageId: 'm', body: 'x' }), { now: T }).rejects('FORBIDDEN');
    });
    it('negotiation is over', () => {
      given(histories.claimed().events).when(cmd('AcceptOffer', buyer, { offerNumber: 2 }), { now: T }).rejects('INVALID_STATE');
      given(histories.claimed().events).when(cmd('NegotiationWindowElapsed', system, {}), { now: at(20 * DAY) }).rejects('INVALID_STATE');
    });
    it('the buyer may still withdraw before a decision', () => {
      const { decision } = given(histories.claimed().events).when(cmd('WithdrawDispute', buyer, { reason: '   ' }), { now: T });
      expect(decision.ok && decision.events[0].data).toMatchObject({ reason: null });
    });
  });
});
