// States folded by a build before edition 2 (carried across continue-as-new, or stored in the
// projection) lack the fields edition 2 added; the rules read them as the old build did.
import type { DisputeState } from '../../libs/domain/src';
import { decide, evolve, initialState } from '../../libs/domain/src';
import { extensionsOf } from '../../libs/domain/src/extensions';
import { at, buyer, ctx, DAY, mediator, seller, system } from './support/fixtures';
import { cmd, histories, ruling } from './support/histories';

/** The state as a build before edition 2 folded it. */
const legacy = (state: DisputeState): DisputeState => {
  const { outcomeVia: _via, deadlineExtensions: _ledger, ...rest } = state;
  return rest as DisputeState;
};
const routeAfterReceipt = (state: DisputeState, now: string) => {
  const decision = decide(cmd('ConfirmReturnReceived', seller, {}), legacy(state), ctx(now));
  return decision.ok ? decision.events.find((e) => e.type === 'DisputeResolved')?.data : null;
};

describe('states folded before edition 2', () => {
  it('the route of a returned item is inferred as before: agreement, decision, appeal', () => {
    expect(routeAfterReceipt(histories.returnInTransit().state, at(4 * DAY))).toMatchObject({ via: 'AGREEMENT' });
    const decided = histories
      .decided(ruling({ outcome: 'RETURN_AND_REFUND' }))
      .then(cmd('AppealWindowElapsed', system, {}), at(10 * DAY))
      .then(cmd('MarkReturnShipped', buyer, { carrier: 'DHL', trackingNumber: 'JD014600003828' }), at(11 * DAY));
    expect(routeAfterReceipt(decided.state, at(12 * DAY))).toMatchObject({ via: 'DECISION' });
    const appealed = histories
      .appealClaimed()
      .then(cmd('DecideAppeal', { role: 'MEDIATOR', id: 'mediator-2' }, ruling({ outcome: 'RETURN_AND_REFUND' })), at(5 * DAY))
      .then(cmd('MarkReturnShipped', buyer, { carrier: 'DHL', trackingNumber: 'JD014600003828' }), at(6 * DAY));
    expect(routeAfterReceipt(appealed.state, at(7 * DAY))).toMatchObject({ via: 'APPEAL' });
  });
  it('an extension starts the ledger of a state that had none', () => {
    const state = legacy(histories.claimed().state);
    const decision = decide(cmd('ExtendDeadline', mediator, { deadline: 'MEDIATION_SLA', dueAt: at(10 * DAY), reason: 'Strike.' }), state, ctx(at(3 * DAY)));
    expect(decision.ok).toBe(true);
    const next = decision.ok ? decision.events.reduce(evolve, state) : state;
    expect(next.deadlineExtensions).toHaveLength(1);
    expect(next.mediation).toMatchObject({ slaDueAt: at(10 * DAY), slaExtensions: 1 });
  });
  it('a full-refund concession needs something left to refund on the pinned order', () => {
    const state = histories.open().state;
    const refunded = { ...state, order: { ...state.order!, amountRefundedMinor: state.order!.amountPaid.amountMinor } };
    const decision = decide(cmd('ConcedeDispute', seller, { remedy: 'FULL_REFUND' }), refunded, ctx(at(DAY)));
    expect(decision).toMatchObject({ ok: false, rejection: { code: 'VALIDATION', field: 'remedy' } });
  });
});

describe('evolve stays total for the new events', () => {
  const extended = (deadline: 'MEDIATION_SLA' | 'RETURN_SHIPMENT' | 'RETURN_RECEIPT' | 'INFORMATION_REQUEST') => ({
    type: 'DeadlineExtended' as const,
    data: { deadline, requestId: null, previousDueAt: at(DAY), dueAt: at(2 * DAY), reason: 'x', mediatorId: mediator.id, at: at(DAY) },
  });
  it('an extension of a record that does not exist changes only the ledger', () => {
    for (const kind of ['MEDIATION_SLA', 'RETURN_SHIPMENT', 'RETURN_RECEIPT', 'INFORMATION_REQUEST'] as const) {
      const next = evolve(initialState, extended(kind));
      expect(next).toMatchObject({ mediation: null, return: null, informationRequests: [], deadlineExtensions: [extended(kind).data] });
      expect(extensionsOf(initialState, kind, 'rq-none')).toBe(0);
    }
    expect(evolve(initialState, { type: 'MediatorReleased', data: { mediatorId: 'm', stage: 'MEDIATION', reason: 'x', at: at(DAY) } }).mediation).toBeNull();
    expect(evolve(initialState, { type: 'RefundRetryOrdered', data: { by: system, reason: 'x', at: at(DAY) } }).refund).toBeNull();
  });
});
