import type { DisputeState } from '../../libs/domain/src';
import { availableActions, decide, fold, pendingDeadlines, whoseTurn } from '../../libs/domain/src';
import { at, buyer, ctx, DAY, HOUR, item, mediator, photo, seller, system } from './support/fixtures';
import { cmd, eur, histories, ruling } from './support/histories';
import { given } from './support/spec';

const shipped = { carrierCode: 'UPS' as const, trackingNumber: '1Z999AA10123456784' };
const problem = { explanation: 'The replacement arrived cracked as well.', evidence: [photo(50)] };

describe('an agreed replacement (second edition)', () => {
  const T = at(3 * DAY);
  it('waits for the seller to ship, with the shipment window as the seller\u2019s turn and deadline', () => {
    const { state } = histories.awaitingReplacement();
    expect(state).toMatchObject({ status: 'AWAITING_REPLACEMENT', outcome: { kind: 'REPLACEMENT', refund: null }, replacement: { status: 'AWAITING_SHIPMENT', shipmentDueAt: at(9 * DAY) } });
    expect(whoseTurn(state)).toEqual({ role: 'SELLER', reason: 'The seller must ship the replacement.', dueAt: at(9 * DAY) });
    expect(pendingDeadlines(state).map((d) => [d.kind, d.dueAt, d.command.type])).toEqual([['REPLACEMENT_SHIPMENT', at(9 * DAY), 'ReplacementShipmentWindowElapsed']]);
    expect(availableActions(state, seller, { now: T })).toEqual(['PostMessage', 'AddEvidence', 'MarkReplacementShipped']);
    expect(availableActions(state, buyer, { now: T })).toEqual(['PostMessage', 'AddEvidence']);
  });
  it('an accepted seller offer of a replacement starts the sub-flow too', () => {
    const h = histories.negotiating().then(cmd('MakeOffer', seller, { terms: { kind: 'REPLACEMENT' } }), at(DAY + HOUR)).then(cmd('AcceptOffer', buyer, { offerNumber: 3 }), at(2 * DAY));
    expect(h.state.status).toBe('AWAITING_REPLACEMENT');
  });
  it('the seller ships with a carrier code and a tracking number, starting the buyer\u2019s confirmation window', () => {
    given(histories.awaitingReplacement().events)
      .when(cmd('MarkReplacementShipped', seller, { carrierCode: 'UPS', trackingNumber: '1z 999 aa1 0123 456784' }), { now: T })
      .then([
        { type: 'ReplacementShipped', data: { actorId: seller.id, carrierCode: 'UPS', carrier: 'UPS', trackingNumber: '1Z999AA10123456784', confirmationDueAt: at(17 * DAY), at: T } },
      ]);
  });
  it('an OTHER carrier carries its name; the deprecated free-text carrier is matched to a code', () => {
    const awaiting = given(histories.awaitingReplacement().events);
    const other = awaiting.when(cmd('MarkReplacementShipped', seller, { carrierCode: 'OTHER', carrierName: 'Pony Express', trackingNumber: 'PX00001234' }), { now: T }).decision;
    expect(other.ok && other.events[0].data).toMatchObject({ carrierCode: 'OTHER', carrier: 'Pony Express' });
    const legacy = awaiting.when(cmd('MarkReplacementShipped', seller, { carrier: '4px', trackingNumber: 'PX00001234' }), { now: T }).decision;
    expect(legacy.ok && legacy.events[0].data).toMatchObject({ carrierCode: 'FOUR_PX', carrier: '4PX' });
  });
  it('refuses bad tracking input, naming the field (whatever the edition: the command is new)', () => {
    for (const rulebook of [1, 2] as const) {
      const awaiting = given(histories.awaitingReplacement().events);
      const when = (data: object) => awaiting.when(cmd('MarkReplacementShipped', seller, data as typeof shipped), { now: T, rulebook });
      expect(when({ trackingNumber: '1Z999AA10123456784' }).rejects('VALIDATION', 'carrierCode')).toContain('carrierCode');
      when({ carrierCode: 'PONY', trackingNumber: '1Z999AA10123456784' }).rejects('VALIDATION', 'carrierCode');
      when({ carrierCode: 'OTHER', trackingNumber: '1Z999AA10123456784' }).rejects('VALIDATION', 'carrierName');
      when({ carrierCode: 'UPS', carrierName: 'United Parcel', trackingNumber: '1Z999AA10123456784' }).rejects('VALIDATION', 'carrierName');
      when({ carrierCode: 'UPS', carrier: 'UPS', trackingNumber: '1Z999AA10123456784' }).rejects('VALIDATION', 'carrier');
      when({ carrier: '   ', trackingNumber: '1Z999AA10123456784' }).rejects('VALIDATION', 'carrier');
      when({ carrierCode: 'UPS', trackingNumber: '' }).rejects('VALIDATION', 'trackingNumber');
      when({ carrierCode: 'UPS', trackingNumber: 'ABC1234' }).rejects('VALIDATION', 'trackingNumber');
      when({ carrierCode: 'UPS', trackingNumber: 'A'.repeat(41) }).rejects('VALIDATION', 'trackingNumber');
      when({ carrierCode: 'UPS', trackingNumber: '<script>alert(1)</script>' }).rejects('VALIDATION', 'trackingNumber');
      when({ carrierCode: 'UPS', trackingNumber: 12345678 }).rejects('VALIDATION', 'trackingNumber');
    }
  });
  it('a pinned policy may only lower the tracking number\u2019s length limit', () => {
    const h = histories.awaitingReplacement();
    const short = { ...h.state, policy: { ...h.state.policy!, maxTrackingNumberLength: 10 } };
    const send = (state: DisputeState, trackingNumber: string) => decide(cmd('MarkReplacementShipped', seller, { carrierCode: 'UPS', trackingNumber }), state, ctx(T));
    expect(send(short, '1Z999AA10123456784')).toMatchObject({ ok: false, rejection: { code: 'VALIDATION', field: 'trackingNumber', message: expect.stringContaining('8 to 10') } });
    expect(send(short, '1Z999AA101').ok).toBe(true);
    expect(send(h.state, 'A'.repeat(40)).ok).toBe(true);
  });
  it('only the seller ships, within the replacement shipment window', () => {
    const awaiting = given(histories.awaitingReplacement().events);
    awaiting.when(cmd('MarkReplacementShipped', buyer, shipped), { now: T }).rejects('FORBIDDEN');
    awaiting.when(cmd('MarkReplacementShipped', seller, shipped), { now: at(9 * DAY) }).rejects('DEADLINE_PASSED');
    given(histories.negotiating().events).when(cmd('MarkReplacementShipped', seller, shipped), { now: T }).rejects('INVALID_STATE');
  });
  it('a seller who does not ship in time sends the case to a mediator, who may rule a refund', () => {
    const due = at(9 * DAY);
    const awaiting = given(histories.awaitingReplacement().events);
    awaiting.when(cmd('ReplacementShipmentWindowElapsed', system, {}), { now: at(9 * DAY - 1) }).rejects('INVALID_STATE');
    awaiting
      .when(cmd('ReplacementShipmentWindowElapsed', system, {}), { now: due })
      .then([
        { type: 'ReplacementNotShipped', data: { at: due } },
        { type: 'DisputeEscalated', data: { reason: 'REPLACEMENT_NOT_SHIPPED', by: system, note: null, slaDueAt: at(16 * DAY), at: due } },
      ]);
    const ruled = histories
      .awaitingReplacement()
      .then(cmd('ReplacementShipmentWindowElapsed', system, {}), due)
      .then(cmd('ClaimCase', mediator, {}), due)
      .then(cmd('IssueDecision', mediator, ruling({ outcome: 'FULL_REFUND', citedEvidenceIds: [], citedPolicyClauses: ['REP-1'] })), at(10 * DAY));
    expect(ruled.state).toMatchObject({ status: 'DECIDED', replacement: { status: 'NOT_SHIPPED' }, mediation: { reason: 'REPLACEMENT_NOT_SHIPPED' }, outcome: { kind: 'FULL_REFUND', refund: eur(10_000) } });
    given(ruled.events).when(cmd('WithdrawDispute', buyer, {}), { now: at(10 * DAY) }).rejects('INVALID_STATE');
  });
});

describe('a replacement in transit (second edition)', () => {
  const T = at(5 * DAY);
  it('is the buyer\u2019s turn until the confirmation window ends', () => {
    const { state } = histories.replacementInTransit();
    expect(state).toMatchObject({ status: 'REPLACEMENT_IN_TRANSIT', replacement: { status: 'IN_TRANSIT', carrierCode: 'UPS', carrier: 'UPS', trackingNumber: '1Z999AA10123456784', confirmationDueAt: at(17 * DAY) } });
    expect(whoseTurn(state)).toEqual({ role: 'BUYER', reason: 'The buyer must confirm the replacement arrived or report a problem.', dueAt: at(17 * DAY) });
    expect(pendingDeadlines(state).map((d) => [d.kind, d.dueAt])).toEqual([['REPLACEMENT_CONFIRMATION', at(17 * DAY)]]);
    expect(availableActions(state, buyer, { now: T })).toEqual(['PostMessage', 'AddEvidence', 'ConfirmReplacementReceived', 'ReportReplacementProblem']);
  });
  it('the buyer confirms receipt: resolved as agreed and closed, as no money moves', () => {
    given(histories.replacementInTransit().events)
      .when(cmd('ConfirmReplacementReceived', buyer, {}), { now: T })
      .then([
        { type: 'ReplacementReceived', data: { by: buyer, deemed: false, at: T } },
        { type: 'DisputeResolved', data: { outcome: { kind: 'REPLACEMENT', refund: null }, via: 'AGREEMENT', at: T } },
        { type: 'DisputeClosed', data: { refundedMinor: 0, at: T } },
      ]);
  });
  it('the buyer\u2019s silence past the window counts as receipt', () => {
    const due = at(17 * DAY);
    const transit = given(histories.replacementInTransit().events);
    transit.when(cmd('ReplacementConfirmationWindowElapsed', system, {}), { now: at(17 * DAY - 1) }).rejects('INVALID_STATE');
    transit
      .when(cmd('ReplacementConfirmationWindowElapsed', system, {}), { now: due })
      .then([
        { type: 'ReplacementReceived', data: { by: system, deemed: true, at: due } },
        { type: 'DisputeResolved', data: { outcome: { kind: 'REPLACEMENT', refund: null }, via: 'AGREEMENT', at: due } },
        { type: 'DisputeClosed', data: { refundedMinor: 0, at: due } },
      ]);
    transit.when(cmd('ConfirmReplacementReceived', buyer, {}), { now: due }).rejects('DEADLINE_PASSED');
  });
  it('only the buyer confirms or reports, and only while the replacement is on its way', () => {
    const transit = given(histories.replacementInTransit().events);
    transit.when(cmd('ConfirmReplacementReceived', seller, {}), { now: T }).rejects('FORBIDDEN');
    transit.when(cmd('ReportReplacementProblem', seller, problem), { now: T }).rejects('FORBIDDEN');
    given(histories.awaitingReplacement().events).when(cmd('ConfirmReplacementReceived', buyer, {}), { now: T }).rejects('INVALID_STATE');
  });
  it('a problem reported with evidence sends the case back to mediation', () => {
    given(histories.replacementInTransit().events)
      .when(cmd('ReportReplacementProblem', buyer, problem), { now: T })
      .then([
        { type: 'EvidenceAdded', data: { evidence: item(50), addedBy: 'BUYER', actorId: buyer.id, at: T } },
        { type: 'ReplacementDisputed', data: { actorId: buyer.id, explanation: problem.explanation, evidenceIds: ['ev-50'], at: T } },
        { type: 'DisputeEscalated', data: { reason: 'REPLACEMENT_PROBLEM', by: buyer, note: problem.explanation, slaDueAt: at(12 * DAY), at: T } },
      ]);
    const h = histories.replacementInTransit().then(cmd('ReportReplacementProblem', buyer, problem), T);
    expect(h.state).toMatchObject({ status: 'UNDER_MEDIATION', replacement: { status: 'DISPUTED' } });
  });
  it('a problem needs an explanation and evidence, within the buyer\u2019s evidence quota', () => {
    const transit = given(histories.replacementInTransit().events);
    transit.when(cmd('ReportReplacementProblem', buyer, { ...problem, evidence: [] }), { now: T }).rejects('VALIDATION', 'evidence');
    transit.when(cmd('ReportReplacementProblem', buyer, { ...problem, explanation: ' ' }), { now: T }).rejects('VALIDATION', 'explanation');
    transit.when(cmd('ReportReplacementProblem', buyer, 'nonsense' as never), { now: T }).rejects('VALIDATION', 'data');
    transit.when(cmd('MarkReplacementShipped', seller, shipped), { now: T }).rejects('INVALID_STATE');
    const full = histories.replacementInTransit().state;
    const quota = { ...full, policy: { ...full.policy!, maxEvidencePerParty: 1 } };
    expect(availableActions(quota, buyer, { now: T })).not.toContain('ReportReplacementProblem');
  });
});

describe('states folded from older records', () => {
  it('a replacement status without its record shows no deadline and no due date', () => {
    for (const status of ['AWAITING_REPLACEMENT', 'REPLACEMENT_IN_TRANSIT'] as const) {
      const state = { ...histories.replacementInTransit().state, status, replacement: null };
      expect(pendingDeadlines(state)).toEqual([]);
      expect(whoseTurn(state)?.dueAt).toBeNull();
    }
  });
  it('return events recorded before addresses and carrier codes fold with nulls', () => {
    const state = fold([
      ...histories.negotiating().events,
      { type: 'ReturnRequested', data: { refund: eur(10_000), returnShipmentDueAt: at(12 * DAY), at: at(2 * DAY) } },
      { type: 'ReturnShipped', data: { actorId: buyer.id, carrier: 'Pony Express', trackingNumber: 'px 1', returnReceiptDueAt: at(18 * DAY), at: at(3 * DAY) } },
    ]);
    expect(state.return).toEqual({
      status: 'IN_TRANSIT',
      shipmentDueAt: at(12 * DAY),
      carrier: 'Pony Express',
      trackingNumber: 'px 1',
      receiptDueAt: at(18 * DAY),
      carrierCode: null,
      returnAddress: null,
      prepaidLabel: null,
    });
  });
});
