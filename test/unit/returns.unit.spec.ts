import { at, buyer, DAY, item, mediator, photo, RETURN_ADDRESS, seller, system } from './support/fixtures';
import { cmd, eur, histories, ruling } from './support/histories';
import { given } from './support/spec';

const shipped = { carrier: 'DHL', trackingNumber: 'JD0146 0000 1234' };

describe('awaiting return', () => {
  const T = at(3 * DAY);
  it('the buyer ships the item with a tracking number, starting the receipt window', () => {
    // Second edition: the carrier becomes a code with its name, the tracking number is normalized.
    given(histories.awaitingReturn().events)
      .when(cmd('MarkReturnShipped', buyer, shipped), { now: T })
      .then([{ type: 'ReturnShipped', data: { actorId: buyer.id, carrierCode: 'DHL', carrier: 'DHL', trackingNumber: 'JD014600001234', returnReceiptDueAt: at(18 * DAY), at: T } }]);
    // The first edition recorded both as typed.
    given(histories.awaitingReturn().events)
      .when(cmd('MarkReturnShipped', buyer, shipped), { now: T, rulebook: 1 })
      .then([{ type: 'ReturnShipped', data: { actorId: buyer.id, ...shipped, returnReceiptDueAt: at(18 * DAY), at: T } }]);
  });
  it('checks the tracking input from the second edition; the first edition took any plausible text', () => {
    const awaiting = given(histories.awaitingReturn().events);
    // Too short once normalized, and an unknown carrier code.
    awaiting.when(cmd('MarkReturnShipped', buyer, { carrier: 'DHL', trackingNumber: 'AB-12' }), { now: T }).rejects('VALIDATION', 'trackingNumber');
    awaiting.when(cmd('MarkReturnShipped', buyer, { carrierCode: 'PONY_EXPRESS' as never, trackingNumber: 'JD014600001234' }), { now: T }).rejects('VALIDATION', 'carrierCode');
    const first = awaiting.when(cmd('MarkReturnShipped', buyer, { carrier: 'Pony Express', trackingNumber: 'AB-12' }), { now: T, rulebook: 1 }).decision;
    expect(first.ok && first.events[0].data).toMatchObject({ carrier: 'Pony Express', trackingNumber: 'AB-12' });
    // The deprecated free-text carrier maps to a code when it names one, else to OTHER with its name.
    const legacy = awaiting.when(cmd('MarkReturnShipped', buyer, { carrier: 'royal mail', trackingNumber: 'jd0146 0000 1234' }), { now: T }).decision;
    expect(legacy.ok && legacy.events[0].data).toMatchObject({ carrierCode: 'ROYAL_MAIL', carrier: 'Royal Mail', trackingNumber: 'JD014600001234' });
    const other = awaiting.when(cmd('MarkReturnShipped', buyer, { carrier: 'Pony Express', trackingNumber: 'PX-0000-1234' }), { now: T }).decision;
    expect(other.ok && other.events[0].data).toMatchObject({ carrierCode: 'OTHER', carrier: 'Pony Express', trackingNumber: 'PX00001234' });
  });
  it('the first edition\u2019s refusals stay as they were', () => {
    const awaiting = given(histories.awaitingReturn().events);
    const first = { now: T, rulebook: 1 as const };
    awaiting.when(cmd('MarkReturnShipped', buyer, { ...shipped, carrier: '' }), first).rejects('VALIDATION', 'carrier');
    awaiting.when(cmd('MarkReturnShipped', buyer, { ...shipped, trackingNumber: '' }), first).rejects('VALIDATION', 'trackingNumber');
    expect(awaiting.when(cmd('MarkReturnShipped', buyer, { ...shipped, trackingNumber: '<script>' }), first).rejects('VALIDATION', 'trackingNumber')).toBe(
      'A tracking number has only letters, digits, spaces and dashes.',
    );
  });
  it('the return record shows the address and the carrier code', () => {
    const state = histories.returnInTransit().state;
    expect(state.return).toMatchObject({ status: 'IN_TRANSIT', returnAddress: RETURN_ADDRESS, prepaidLabel: null, carrierCode: 'DHL', carrier: 'DHL', trackingNumber: 'JD014600001234' });
  });
  it('requires a carrier and a plausible tracking number', () => {
    given(histories.awaitingReturn().events).when(cmd('MarkReturnShipped', buyer, { ...shipped, carrier: '' }), { now: T }).rejects('VALIDATION', 'carrier');
    given(histories.awaitingReturn().events).when(cmd('MarkReturnShipped', buyer, { ...shipped, trackingNumber: '<script>' }), { now: T }).rejects('VALIDATION', 'trackingNumber');
    given(histories.awaitingReturn().events).when(cmd('MarkReturnShipped', buyer, { ...shipped, trackingNumber: 'X'.repeat(65) }), { now: T }).rejects('VALIDATION', 'trackingNumber');
  });
  it('only the buyer ships, within the return shipment window', () => {
    given(histories.awaitingReturn().events).when(cmd('MarkReturnShipped', seller, shipped), { now: T }).rejects('FORBIDDEN');
    given(histories.awaitingReturn().events).when(cmd('MarkReturnShipped', buyer, shipped), { now: at(12 * DAY) }).rejects('DEADLINE_PASSED');
  });
  it('an abandoned return closes the case in the seller\u2019s favour', () => {
    const due = at(12 * DAY);
    given(histories.awaitingReturn().events)
      .when(cmd('ReturnShipmentWindowElapsed', system, {}), { now: due })
      .then([
        { type: 'ReturnAbandoned', data: { at: due } },
        { type: 'DisputeResolved', data: { outcome: { kind: 'NO_REFUND', refund: null }, via: 'RETURN_ABANDONED', at: due } },
        { type: 'DisputeClosed', data: { refundedMinor: 0, at: due } },
      ]);
  });
  it('the buyer can no longer withdraw once a return is agreed', () => {
    given(histories.awaitingReturn().events).when(cmd('WithdrawDispute', buyer, {}), { now: T }).rejects('INVALID_STATE');
  });
});

describe('return in transit', () => {
  const T = at(5 * DAY);
  it('the seller confirms receipt and the refund is owed', () => {
    given(histories.returnInTransit().events)
      .when(cmd('ConfirmReturnReceived', seller, {}), { now: T })
      .then([
        { type: 'ReturnReceived', data: { by: seller, deemed: false, at: T } },
        { type: 'DisputeResolved', data: { outcome: { kind: 'RETURN_AND_REFUND', refund: eur(10_000) }, via: 'AGREEMENT', at: T } },
      ]);
  });
  it('the seller\u2019s silence past the receipt window counts as receipt', () => {
    const due = at(18 * DAY);
    given(histories.returnInTransit().events)
      .when(cmd('ReturnReceiptWindowElapsed', system, {}), { now: due })
      .then([
        { type: 'ReturnReceived', data: { by: system, deemed: true, at: due } },
        { type: 'DisputeResolved', data: { outcome: { kind: 'RETURN_AND_REFUND', refund: eur(10_000) }, via: 'AGREEMENT', at: due } },
      ]);
  });
  it('rejects a confirmation after the receipt window', () => {
    given(histories.returnInTransit().events).when(cmd('ConfirmReturnReceived', seller, {}), { now: at(18 * DAY) }).rejects('DEADLINE_PASSED');
  });
  it('only the seller confirms or contests', () => {
    given(histories.returnInTransit().events).when(cmd('ConfirmReturnReceived', buyer, {}), { now: T }).rejects('FORBIDDEN');
    given(histories.returnInTransit().events).when(cmd('ContestReturn', buyer, { explanation: 'x', evidence: [photo(40)] }), { now: T }).rejects('FORBIDDEN');
  });
  it('contesting with evidence sends the case to mediation', () => {
    given(histories.returnInTransit().events)
      .when(cmd('ContestReturn', seller, { explanation: 'The box held a brick.', evidence: [photo(40)] }), { now: T })
      .then([
        { type: 'EvidenceAdded', data: { evidence: item(40), addedBy: 'SELLER', actorId: seller.id, at: T } },
        { type: 'ReturnContested', data: { actorId: seller.id, explanation: 'The box held a brick.', evidenceIds: ['ev-40'], at: T } },
        { type: 'DisputeEscalated', data: { reason: 'RETURN_CONTESTED', by: seller, note: 'The box held a brick.', slaDueAt: at(12 * DAY), at: T } },
      ]);
  });
  it('contesting requires evidence and an explanation', () => {
    given(histories.returnInTransit().events).when(cmd('ContestReturn', seller, { explanation: 'x', evidence: [] }), { now: T }).rejects('VALIDATION', 'evidence');
    given(histories.returnInTransit().events).when(cmd('ContestReturn', seller, { explanation: '', evidence: [photo(40)] }), { now: T }).rejects('VALIDATION', 'explanation');
  });
  it('after a contested return the mediator rules without ordering another return', () => {
    const h = histories
      .returnInTransit()
      .then(cmd('ContestReturn', seller, { explanation: 'The box held a brick.', evidence: [photo(40)] }), T)
      .then(cmd('ClaimCase', mediator, {}), T);
    given(h.events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'RETURN_AND_REFUND' })), { now: T }).rejects('VALIDATION', 'outcome');
    given(h.events).when(cmd('WithdrawDispute', buyer, {}), { now: T }).rejects('INVALID_STATE');
    const decided = h.then(cmd('IssueDecision', mediator, ruling({ outcome: 'NO_REFUND', citedEvidenceIds: ['ev-40'], citedPolicyClauses: ['GEN-1'] })), T);
    expect(decided.state.status).toBe('DECIDED');
  });
  it('a return ordered on appeal resolves via the appeal', () => {
    const h = histories
      .appealClaimed()
      .then(cmd('DecideAppeal', { role: 'MEDIATOR', id: 'mediator-2' }, ruling({ outcome: 'RETURN_AND_REFUND' })), at(5 * DAY))
      .then(cmd('MarkReturnShipped', buyer, shipped), at(6 * DAY))
      .then(cmd('ConfirmReturnReceived', seller, {}), at(7 * DAY));
    expect(h.state).toMatchObject({ status: 'RESOLVED', resolvedVia: 'APPEAL', outcome: { kind: 'RETURN_AND_REFUND', refund: eur(10_000) } });
  });
  it('a return ordered by a final decision resolves via the decision', () => {
    const h = histories
      .decided(ruling({ outcome: 'RETURN_AND_REFUND' }))
      .then(cmd('AppealWindowElapsed', system, {}), at(10 * DAY))
      .then(cmd('MarkReturnShipped', buyer, shipped), at(11 * DAY))
      .then(cmd('ReturnReceiptWindowElapsed', system, {}), at(26 * DAY));
    expect(h.state).toMatchObject({ status: 'RESOLVED', resolvedVia: 'DECISION', return: { status: 'RECEIVED' } });
  });
  it('a ruling after a used appeal is final at once', () => {
    // Decided, appealed (upheld with a return), item returned and contested: the new ruling cannot be appealed.
    const h = histories
      .appealClaimed()
      .then(cmd('DecideAppeal', { role: 'MEDIATOR', id: 'mediator-2' }, ruling({ outcome: 'RETURN_AND_REFUND' })), at(5 * DAY))
      .then(cmd('MarkReturnShipped', buyer, shipped), at(6 * DAY))
      .then(cmd('ContestReturn', seller, { explanation: 'Empty box.', evidence: [photo(41)] }), at(7 * DAY))
      .then(cmd('ClaimCase', mediator, {}), at(7 * DAY));
    const { decision } = given(h.events).when(cmd('IssueDecision', mediator, ruling({ outcome: 'NO_REFUND', citedEvidenceIds: ['ev-41'] })), { now: at(8 * DAY) });
    expect(decision.ok && decision.events.map((e) => e.type)).toEqual(['DecisionIssued', 'DisputeResolved', 'DisputeClosed']);
    expect(decision.ok && decision.events[0].data).toMatchObject({ appealDueAt: null });
  });
});
