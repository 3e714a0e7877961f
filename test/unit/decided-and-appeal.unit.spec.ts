import { at, buyer, DAY, HOUR, item, mediator, RETURN_ADDRESS, photo, secondMediator, seller, system } from './support/fixtures';
import { cmd, eur, histories, ruling } from './support/histories';
import { given } from './support/spec';

const appealDue = at(10 * DAY);
const appeal = (grounds = 'The courier report shows it was dropped.') => cmd('FileAppeal', seller, { grounds });

describe('decided', () => {
  it('becomes final when the appeal window elapses, and the outcome is executed', () => {
    given(histories.decided().events)
      .when(cmd('AppealWindowElapsed', system, {}), { now: appealDue })
      .then([{ type: 'DisputeResolved', data: { outcome: { kind: 'FULL_REFUND', refund: eur(10_000) }, via: 'DECISION', at: appealDue } }]);
  });
  it('a final ruling for the seller closes at once', () => {
    const { decision } = given(histories.decided(ruling({ outcome: 'NO_REFUND' })).events).when(cmd('AppealWindowElapsed', system, {}), { now: appealDue });
    expect(decision.ok && decision.events.map((e) => e.type)).toEqual(['DisputeResolved', 'DisputeClosed']);
  });
  it('a final return-and-refund ruling waits for the return', () => {
    const { decision } = given(histories.decided(ruling({ outcome: 'RETURN_AND_REFUND' })).events).when(cmd('AppealWindowElapsed', system, {}), { now: appealDue });
    expect(decision.ok && decision.events).toEqual([
      { type: 'ReturnRequested', data: { refund: eur(10_000), returnShipmentDueAt: at(20 * DAY), returnAddress: RETURN_ADDRESS, prepaidLabel: null, at: appealDue } },
    ]);
    // The first edition knew no addresses.
    const first = given(histories.decided(ruling({ outcome: 'RETURN_AND_REFUND' })).events).when(cmd('AppealWindowElapsed', system, {}), { now: appealDue, rulebook: 1 }).decision;
    expect(first.ok && first.events).toEqual([{ type: 'ReturnRequested', data: { refund: eur(10_000), returnShipmentDueAt: at(20 * DAY), at: appealDue } }]);
  });
  it('the appeal timer does not fire early', () => {
    given(histories.decided().events).when(cmd('AppealWindowElapsed', system, {}), { now: at(10 * DAY - 1) }).rejects('INVALID_STATE');
  });
  it('either party may appeal with grounds and new evidence within the window', () => {
    const now = at(4 * DAY);
    given(histories.decided().events)
      .when(cmd('FileAppeal', buyer, { grounds: 'Here is the video.', evidence: [photo(30, { kind: 'VIDEO' })] }), { now })
      .then([
        { type: 'EvidenceAdded', data: { evidence: { ...item(30), kind: 'VIDEO', contentType: 'video/mp4' }, addedBy: 'BUYER', actorId: buyer.id, at: now } },
        { type: 'AppealFiled', data: { by: 'BUYER', actorId: buyer.id, grounds: 'Here is the video.', evidenceIds: ['ev-30'], slaDueAt: at(11 * DAY), at: now } },
      ]);
  });
  it('an appeal must carry grounds', () => {
    given(histories.decided().events).when(appeal(''), { now: at(4 * DAY) }).rejects('VALIDATION', 'grounds');
  });
  it('rejects an appeal after the window closed', () => {
    given(histories.decided().events).when(appeal(), { now: appealDue }).rejects('DEADLINE_PASSED');
  });
  it('mediators and the system do not appeal', () => {
    given(histories.decided().events).when(cmd('FileAppeal', mediator, { grounds: 'x' }), { now: at(4 * DAY) }).rejects('FORBIDDEN');
  });
  it('the buyer can no longer withdraw', () => {
    given(histories.decided().events).when(cmd('WithdrawDispute', buyer, {}), { now: at(4 * DAY) }).rejects('INVALID_STATE');
  });
  it('the deciding mediator may still message the parties', () => {
    const { decision } = given(histories.decided().events).when(cmd('PostMessage', mediator, { messageId: 'm-1', body: 'Decided.' }), { now: at(4 * DAY) });
    expect(decision.ok).toBe(true);
  });
});

describe('under appeal', () => {
  const T = at(5 * DAY);
  it('is claimed by a different mediator', () => {
    given(histories.appealed().events)
      .when(cmd('ClaimCase', secondMediator, {}), { now: T })
      .then([{ type: 'MediatorAssigned', data: { mediatorId: secondMediator.id, stage: 'APPEAL', at: T } }]);
  });
  it('the mediator who decided may not claim the appeal', () => {
    given(histories.appealed().events).when(cmd('ClaimCase', mediator, {}), { now: T }).rejects('FORBIDDEN');
  });
  it('the appeal ruling upholding the decision is final', () => {
    given(histories.appealClaimed().events)
      .when(cmd('DecideAppeal', secondMediator, ruling({ rationale: 'The report does not change the facts.' })), { now: T })
      .then([
        {
          type: 'AppealDecided',
          data: {
            mediatorId: secondMediator.id,
            upheld: true,
            outcome: 'FULL_REFUND',
            refund: eur(10_000),
            rationale: 'The report does not change the facts.',
            citedEvidenceIds: ['ev-1'],
            citedPolicyClauses: ['NAD-1'],
            at: T,
          },
        },
        { type: 'DisputeResolved', data: { outcome: { kind: 'FULL_REFUND', refund: eur(10_000) }, via: 'APPEAL', at: T } },
      ]);
  });
  it('the appeal ruling may change the outcome', () => {
    const { decision } = given(histories.appealClaimed().events).when(
      cmd('DecideAppeal', secondMediator, ruling({ outcome: 'NO_REFUND', citedPolicyClauses: ['EV-1'] })),
      { now: T },
    );
    expect(decision.ok && decision.events.map((e) => e.type)).toEqual(['AppealDecided', 'DisputeResolved', 'DisputeClosed']);
    expect(decision.ok && decision.events[0].data).toMatchObject({ upheld: false });
  });
  it('only the appeal\u2019s holder decides it', () => {
    given(histories.appealed().events).when(cmd('DecideAppeal', secondMediator, ruling()), { now: T }).rejects('FORBIDDEN');
    given(histories.appealClaimed().events).when(cmd('DecideAppeal', mediator, ruling()), { now: T }).rejects('FORBIDDEN');
    given(histories.appealClaimed().events).when(cmd('IssueDecision', secondMediator, ruling()), { now: T }).rejects('INVALID_STATE');
  });
  it('validates the appeal ruling like a decision', () => {
    given(histories.appealClaimed().events).when(cmd('DecideAppeal', secondMediator, ruling({ rationale: '' })), { now: T }).rejects('VALIDATION', 'rationale');
  });
  it('cannot be appealed again', () => {
    given(histories.appealClaimed().events).when(appeal(), { now: T }).rejects('INVALID_STATE');
  });
  it('restarts the mediation SLA for the appeal review', () => {
    const due = at(11 * DAY);
    given(histories.appealClaimed().events)
      .when(cmd('MediationSlaElapsed', system, {}), { now: due })
      .then([{ type: 'MediationSlaBreached', data: { stage: 'APPEAL', slaDueAt: due, mediatorId: secondMediator.id, at: due } }]);
  });
  it('the appeal mediator may request information', () => {
    const { decision } = given(histories.appealClaimed().events).when(
      cmd('RequestInformation', secondMediator, { requestId: 'rq-a', from: 'BUYER', question: 'Any packaging photos?' }),
      { now: at(4 * DAY + 2 * HOUR) },
    );
    expect(decision.ok).toBe(true);
  });
});
