// The mediator's full job (rulebook edition 2): releasing a case to the queue, reassignment by a
// lead mediator or the workforce tool, and extending deadlines within the pinned policy's bounds.
import type { Actor } from '../../libs/domain/src';
import { availableActions, defaultPolicy, pendingDeadlines } from '../../libs/domain/src';
import { at, buyer, DAY, HOUR, mediator, secondMediator, seller, system } from './support/fixtures';
import { cmd, histories, ruling } from './support/histories';
import { given } from './support/spec';

const lead: Actor = { role: 'MEDIATOR', id: 'mediator-lead', lead: true };
const T = at(2 * DAY + 2 * HOUR);
const ask = (overrides: Record<string, unknown> = {}) => cmd('RequestInformation', mediator, { requestId: 'rq-1', from: 'SELLER', question: 'Courier report?', ...overrides });
const release = (actor: Actor = mediator) => cmd('ReleaseCase', actor, { reason: 'I know the seller.' });
const reassign = (actor: Actor, mediatorId = secondMediator.id) => cmd('ReassignCase', actor, { mediatorId, reason: 'Workload.' });
const extend = (data: Record<string, unknown>, actor: Actor = mediator) => cmd('ExtendDeadline', actor, { reason: 'The courier is on strike.', ...data } as never);

describe('releasing a case', () => {
  it('the holder hands the case back to the queue; open questions stay open and another mediator may claim', () => {
    const asked = histories.claimed().then(ask(), T);
    given(asked.events)
      .when(release(), { now: T })
      .then([{ type: 'MediatorReleased', data: { mediatorId: mediator.id, stage: 'MEDIATION', reason: 'I know the seller.', at: T } }]);
    const released = asked.then(release(), T);
    expect(released.state.mediation?.mediatorId).toBeNull();
    expect(released.state.informationRequests.map((r) => r.status)).toEqual(['OPEN']);
    expect(availableActions(released.state, secondMediator)).toContain('ClaimCase');
    expect(released.then(cmd('ClaimCase', secondMediator, {}), T).state.mediation?.mediatorId).toBe(secondMediator.id);
  });
  it('refusals: only the holder, only in mediation, with a reason', () => {
    given(histories.claimed().events).when(release(secondMediator), { now: T }).rejects('FORBIDDEN');
    given(histories.escalated().events).when(release(), { now: T }).rejects('FORBIDDEN');
    given(histories.claimed().events).when(cmd('ReleaseCase', buyer, { reason: 'x' }), { now: T }).rejects('FORBIDDEN');
    given(histories.decided().events).when(release()).rejects('INVALID_STATE');
    given(histories.claimed().events).when(cmd('ReleaseCase', mediator, { reason: ' ' }), { now: T }).rejects('VALIDATION', 'reason');
  });
  it('under appeal the appeal\u2019s mediator may release it too', () => {
    const { decision } = given(histories.appealClaimed().events).when(release(secondMediator));
    expect(decision.ok && decision.events[0].data).toMatchObject({ mediatorId: secondMediator.id, stage: 'APPEAL' });
  });
});

describe('reassigning a case', () => {
  it('a lead mediator gives a held case to another mediator; the event records who, never the lead flag', () => {
    given(histories.claimed().events)
      .when(reassign(lead), { now: T })
      .then([
        {
          type: 'MediatorReassigned',
          data: { fromMediatorId: mediator.id, toMediatorId: secondMediator.id, by: { role: 'MEDIATOR', id: lead.id }, reason: 'Workload.', stage: 'MEDIATION', at: T },
        },
      ]);
    expect(histories.claimed().then(reassign(lead), T).state.mediation?.mediatorId).toBe(secondMediator.id);
  });
  it('the workforce tool (SYSTEM) assigns an unclaimed case', () => {
    const workforce: Actor = { role: 'SYSTEM', id: 'workforce' };
    given(histories.escalated().events)
      .when(reassign(workforce, mediator.id), { now: T })
      .then([
        {
          type: 'MediatorReassigned',
          data: { fromMediatorId: null, toMediatorId: mediator.id, by: { role: 'SYSTEM', id: 'workforce' }, reason: 'Workload.', stage: 'MEDIATION', at: T },
        },
      ]);
  });
  it('never to the mediator whose decision is under appeal (the claim\u2019s own sentence)', () => {
    const byReassign = given(histories.appealed().events).when(reassign(lead, mediator.id)).rejects('FORBIDDEN', 'mediatorId');
    const byClaim = given(histories.appealed().events).when(cmd('ClaimCase', mediator, {})).rejects('FORBIDDEN');
    expect(byReassign).toBe(byClaim);
    const { decision } = given(histories.appealed().events).when(reassign(lead, secondMediator.id));
    expect(decision.ok && decision.events[0].data).toMatchObject({ stage: 'APPEAL', toMediatorId: secondMediator.id });
  });
  it('refusals: only a lead mediator or the system, only in mediation, to someone else, with a reason', () => {
    given(histories.claimed().events).when(reassign(secondMediator), { now: T }).rejects('FORBIDDEN');
    given(histories.claimed().events).when(reassign(seller), { now: T }).rejects('FORBIDDEN');
    given(histories.claimed().events).when(reassign(lead, mediator.id), { now: T }).rejects('CONFLICT', 'mediatorId');
    given(histories.decided().events).when(reassign(lead)).rejects('INVALID_STATE');
    given(histories.negotiating().events).when(reassign(system)).rejects('INVALID_STATE');
    given(histories.claimed().events).when(cmd('ReassignCase', lead, { mediatorId: '', reason: 'x' }), { now: T }).rejects('VALIDATION', 'mediatorId');
    given(histories.claimed().events).when(cmd('ReassignCase', lead, { mediatorId: 'm-9', reason: '' }), { now: T }).rejects('VALIDATION', 'reason');
  });
  it('availableActions offers it to lead mediators only', () => {
    expect(availableActions(histories.claimed().state, lead)).toContain('ReassignCase');
    expect(availableActions(histories.claimed().state, secondMediator)).not.toContain('ReassignCase');
  });
});

describe('extending a deadline', () => {
  const sla = at(9 * DAY);
  it('the holder moves the mediation SLA; the timer follows the new due date', () => {
    given(histories.claimed().events)
      .when(extend({ deadline: 'MEDIATION_SLA', dueAt: at(12 * DAY) }), { now: T })
      .then([
        {
          type: 'DeadlineExtended',
          data: { deadline: 'MEDIATION_SLA', requestId: null, previousDueAt: sla, dueAt: at(12 * DAY), reason: 'The courier is on strike.', mediatorId: mediator.id, at: T },
        },
      ]);
    const extended = histories.claimed().then(extend({ deadline: 'MEDIATION_SLA', dueAt: at(12 * DAY) }), T);
    expect(pendingDeadlines(extended.state).map((d) => [d.kind, d.dueAt])).toEqual([['MEDIATION_SLA', at(12 * DAY)]]);
    expect(extended.state.deadlineExtensions).toHaveLength(1);
    given(extended.events).when(cmd('MediationSlaElapsed', system, {}), { now: sla }).rejects('INVALID_STATE');
    const { decision } = given(extended.events).when(cmd('MediationSlaElapsed', system, {}), { now: at(12 * DAY) });
    expect(decision.ok && decision.events[0].data).toMatchObject({ slaDueAt: at(12 * DAY) });
  });
  it('bounds from the pinned policy: later than now due, at most 14 days later, twice per deadline', () => {
    const claimed = histories.claimed();
    given(claimed.events).when(extend({ deadline: 'MEDIATION_SLA', dueAt: sla }), { now: T }).rejects('VALIDATION', 'dueAt');
    given(claimed.events).when(extend({ deadline: 'MEDIATION_SLA', dueAt: at(23 * DAY + 1) }), { now: T }).rejects('VALIDATION', 'dueAt');
    given(claimed.events).when(extend({ deadline: 'MEDIATION_SLA', dueAt: 'soon' }), { now: T }).rejects('VALIDATION', 'dueAt');
    const twice = claimed.then(extend({ deadline: 'MEDIATION_SLA', dueAt: at(23 * DAY) }), T).then(extend({ deadline: 'MEDIATION_SLA', dueAt: at(37 * DAY) }), T);
    expect(defaultPolicy.maxExtensionsPerDeadline).toBe(2);
    given(twice.events).when(extend({ deadline: 'MEDIATION_SLA', dueAt: at(40 * DAY) }), { now: T }).rejects('INVALID_STATE');
    const withRequest = twice.then(ask(), T);
    given(withRequest.events).when(extend({ deadline: 'MEDIATION_SLA', dueAt: at(40 * DAY) }), { now: T }).rejects('CONFLICT', 'deadline');
  });
  it('an information request, by its id; the limit counts per request', () => {
    const asked = histories.claimed().then(ask(), T);
    const due = at(5 * DAY + 2 * HOUR);
    given(asked.events)
      .when(extend({ deadline: 'INFORMATION_REQUEST', requestId: 'rq-1', dueAt: at(7 * DAY) }), { now: T })
      .then([
        {
          type: 'DeadlineExtended',
          data: { deadline: 'INFORMATION_REQUEST', requestId: 'rq-1', previousDueAt: due, dueAt: at(7 * DAY), reason: 'The courier is on strike.', mediatorId: mediator.id, at: T },
        },
      ]);
    const extended = asked.then(extend({ deadline: 'INFORMATION_REQUEST', requestId: 'rq-1', dueAt: at(7 * DAY) }), T);
    expect(extended.state.informationRequests[0].dueAt).toBe(at(7 * DAY));
    given(extended.events).when(cmd('AnswerInformationRequest', seller, { requestId: 'rq-1', answer: 'Attached.' }), { now: at(6 * DAY) }).then([
      { type: 'InformationProvided', data: { requestId: 'rq-1', from: 'SELLER', actorId: seller.id, answer: 'Attached.', evidenceIds: [], at: at(6 * DAY) } },
    ]);
    given(asked.events).when(extend({ deadline: 'INFORMATION_REQUEST', dueAt: at(7 * DAY) }), { now: T }).rejects('VALIDATION', 'requestId');
    given(asked.events).when(extend({ deadline: 'INFORMATION_REQUEST', requestId: 'rq-9', dueAt: at(7 * DAY) }), { now: T }).rejects('INVALID_STATE', 'requestId');
    given(asked.events).when(extend({ deadline: 'MEDIATION_SLA', requestId: 'rq-1', dueAt: at(10 * DAY) }), { now: T }).rejects('VALIDATION', 'requestId');
    // Past its due date (the SLA still runs, so the guard lets the command through to the request's own check).
    given(asked.events).when(extend({ deadline: 'INFORMATION_REQUEST', requestId: 'rq-1', dueAt: at(7 * DAY) }), { now: at(6 * DAY) }).rejects('DEADLINE_PASSED');
  });
  it('the return windows, by the mediator who ruled the return', () => {
    const returning = histories.decided(ruling({ outcome: 'RETURN_AND_REFUND' })).then(cmd('AppealWindowElapsed', system, {}), at(10 * DAY));
    expect(returning.state.status).toBe('AWAITING_RETURN');
    const { decision } = given(returning.events).when(extend({ deadline: 'RETURN_SHIPMENT', dueAt: at(25 * DAY) }), { now: at(11 * DAY) });
    expect(decision.ok && decision.events[0].data).toMatchObject({ deadline: 'RETURN_SHIPMENT', previousDueAt: at(20 * DAY), dueAt: at(25 * DAY) });
    const extended = returning.then(extend({ deadline: 'RETURN_SHIPMENT', dueAt: at(25 * DAY) }), at(11 * DAY));
    expect(pendingDeadlines(extended.state).map((d) => [d.kind, d.dueAt])).toEqual([['RETURN_SHIPMENT', at(25 * DAY)]]);
    const shipped = extended.then(cmd('MarkReturnShipped', buyer, { carrier: 'DHL', trackingNumber: 'JD014600003828' }), at(21 * DAY));
    const receipt = shipped.state.return?.receiptDueAt;
    const { decision: receiptExtension } = given(shipped.events).when(extend({ deadline: 'RETURN_RECEIPT', dueAt: at(40 * DAY) }), { now: at(22 * DAY) });
    expect(receiptExtension.ok && receiptExtension.events[0].data).toMatchObject({ deadline: 'RETURN_RECEIPT', previousDueAt: receipt, dueAt: at(40 * DAY) });
  });
  it('each kind counts its own extensions, up to the limit', () => {
    const asked = histories.claimed().then(ask(), T);
    const twice = asked
      .then(extend({ deadline: 'INFORMATION_REQUEST', requestId: 'rq-1', dueAt: at(6 * DAY) }), T)
      .then(extend({ deadline: 'INFORMATION_REQUEST', requestId: 'rq-1', dueAt: at(7 * DAY) }), T);
    expect(twice.state.informationRequests[0]).toMatchObject({ dueAt: at(7 * DAY), extensions: 2 });
    given(twice.events).when(extend({ deadline: 'INFORMATION_REQUEST', requestId: 'rq-1', dueAt: at(8 * DAY) }), { now: T }).rejects('CONFLICT', 'deadline');
    let returning = histories.decided(ruling({ outcome: 'RETURN_AND_REFUND' })).then(cmd('AppealWindowElapsed', system, {}), at(10 * DAY));
    returning = returning.then(extend({ deadline: 'RETURN_SHIPMENT', dueAt: at(21 * DAY) }), at(11 * DAY)).then(extend({ deadline: 'RETURN_SHIPMENT', dueAt: at(22 * DAY) }), at(11 * DAY));
    expect(returning.state.return).toMatchObject({ shipmentDueAt: at(22 * DAY), shipmentExtensions: 2 });
    returning = returning.then(cmd('MarkReturnShipped', buyer, { carrier: 'DHL', trackingNumber: 'JD014600003828' }), at(12 * DAY));
    returning = returning.then(extend({ deadline: 'RETURN_RECEIPT', dueAt: at(28 * DAY) }), at(12 * DAY)).then(extend({ deadline: 'RETURN_RECEIPT', dueAt: at(29 * DAY) }), at(12 * DAY));
    expect(returning.state.return).toMatchObject({ receiptDueAt: at(29 * DAY), receiptExtensions: 2 });
    given(returning.events).when(extend({ deadline: 'RETURN_RECEIPT', dueAt: at(30 * DAY) }), { now: at(12 * DAY) }).rejects('INVALID_STATE');
  });
  it('refusals: only the holder, only running deadlines of the extendable kinds', () => {
    given(histories.claimed().events).when(extend({ deadline: 'MEDIATION_SLA', dueAt: at(12 * DAY) }, secondMediator), { now: T }).rejects('FORBIDDEN');
    given(histories.claimed().events).when(extend({ deadline: 'MEDIATION_SLA', dueAt: at(12 * DAY) }, buyer), { now: T }).rejects('FORBIDDEN');
    // An agreed return has no mediator to extend it.
    given(histories.awaitingReturn().events).when(extend({ deadline: 'RETURN_SHIPMENT', dueAt: at(14 * DAY) })).rejects('NOT_FOUND');
    given(histories.claimed().events).when(extend({ deadline: 'APPEAL_WINDOW', dueAt: at(12 * DAY) }), { now: T }).rejects('VALIDATION', 'deadline');
    given(histories.claimed().events).when(extend({ deadline: 'RETURN_SHIPMENT', dueAt: at(12 * DAY) }), { now: T }).rejects('INVALID_STATE', 'deadline');
    const breached = histories.claimed().then(cmd('MediationSlaElapsed', system, {}), sla);
    given(breached.events).when(extend({ deadline: 'MEDIATION_SLA', dueAt: at(12 * DAY) }), { now: sla }).rejects('INVALID_STATE');
    given(histories.decided().events).when(extend({ deadline: 'MEDIATION_SLA', dueAt: at(12 * DAY) })).rejects('INVALID_STATE');
  });
  it('a new mediation round\u2019s SLA is a new deadline with its own extensions', () => {
    let h = histories.claimed().then(extend({ deadline: 'MEDIATION_SLA', dueAt: at(10 * DAY) }), T).then(extend({ deadline: 'MEDIATION_SLA', dueAt: at(11 * DAY) }), T);
    h = h.then(cmd('IssueDecision', mediator, ruling()), at(3 * DAY)).then(cmd('FileAppeal', seller, { grounds: 'New courier report.' }), at(4 * DAY));
    h = h.then(cmd('ClaimCase', secondMediator, {}), at(4 * DAY + HOUR));
    const { decision } = given(h.events).when(extend({ deadline: 'MEDIATION_SLA', dueAt: at(12 * DAY) }, secondMediator), { now: at(4 * DAY + 2 * HOUR) });
    expect(decision.ok && decision.events[0].data).toMatchObject({ previousDueAt: at(11 * DAY), dueAt: at(12 * DAY), mediatorId: secondMediator.id });
  });
});
