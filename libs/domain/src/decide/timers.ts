// Timer-fired commands, sent by the workflow as SYSTEM when a deadline of pendingDeadlines
// comes due. A stale or early timer is rejected (INVALID_STATE) and changes nothing.
import { accept, refuse, rejection } from '../result';
import type { Rejection } from '../types';
import { dataOf } from '../validate';
import { escalated, IN_MEDIATION, known, resolve, routeOf, settle } from './common';
import type { GuardInput, Handler } from './context';
import type { DisputeStatus } from '../state';
import { returnToOf } from './decision';
import { elapsed, firstOf, roleIn, statusIn, visible } from './guards';

export const timer = (input: GuardInput, statuses: readonly DisputeStatus[], dueAt: () => string | null, what: string): Rejection | null =>
  firstOf(
    () => visible(input.state, input.actor),
    () => roleIn(input.actor, ['SYSTEM'], 'fire timers'),
    () => statusIn(input.state, statuses, `fire the ${what} timer`),
    () => elapsed(input, dueAt(), what),
  );

export const sellerResponseWindowElapsed: Handler<'SellerResponseWindowElapsed'> = {
  guard: (input) => timer(input, ['OPEN'], () => input.state.sellerResponseDueAt, 'seller response window'),
  decide: (_command, input) => accept([escalated('SELLER_NO_RESPONSE', input.actor, null, input)]),
};

export const negotiationWindowElapsed: Handler<'NegotiationWindowElapsed'> = {
  guard: (input) => timer(input, ['NEGOTIATING'], () => input.state.negotiationDueAt, 'negotiation window'),
  decide: (_command, input) => accept([escalated('NEGOTIATION_TIMEOUT', input.actor, null, input)]),
};

export const mediationSlaElapsed: Handler<'MediationSlaElapsed'> = {
  guard: (input) =>
    timer(input, IN_MEDIATION, () => (input.state.mediation && !input.state.mediation.slaBreached ? input.state.mediation.slaDueAt : null), 'mediation SLA'),
  decide(_command, { state, now }) {
    const mediation = known(state.mediation, 'the running mediation');
    // Only an alert: the SLA never rules on the case by itself.
    return accept([{ type: 'MediationSlaBreached', data: { stage: mediation.stage, slaDueAt: mediation.slaDueAt, mediatorId: mediation.mediatorId, at: now.iso } }]);
  },
};

export const informationRequestElapsed: Handler<'InformationRequestElapsed'> = {
  guard: (input) =>
    timer(
      input,
      IN_MEDIATION,
      // Available when some open request is due; the payload names which one.
      () => {
        const open = input.state.informationRequests.filter((r) => r.status === 'OPEN');
        return open.length === 0 ? null : open.reduce((a, b) => (a.dueAt <= b.dueAt ? a : b)).dueAt;
      },
      'information request',
    ),
  decide(command, input) {
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const request = input.state.informationRequests.find((r) => r.requestId === data.value.requestId);
    if (!request) return refuse(rejection('NOT_FOUND', 'There is no information request with this id.', 'requestId'));
    if (request.status !== 'OPEN') return refuse(rejection('INVALID_STATE', `This information request is already ${request.status.toLowerCase()}.`, 'requestId'));
    const due = elapsed(input, request.dueAt, 'information request');
    if (due) return refuse(due);
    return accept([{ type: 'InformationRequestExpired', data: { requestId: request.requestId, from: request.from, at: input.now.iso } }]);
  },
};

export const appealWindowElapsed: Handler<'AppealWindowElapsed'> = {
  guard: (input) => timer(input, ['DECIDED'], () => input.state.decision?.appealDueAt ?? null, 'appeal window'),
  decide(_command, input) {
    return accept(settle(known(input.state.outcome, 'the decided outcome'), 'DECISION', input.state, input, returnToOf(known(input.state.decision, 'the decision'))));
  },
};

export const returnShipmentWindowElapsed: Handler<'ReturnShipmentWindowElapsed'> = {
  guard: (input) => timer(input, ['AWAITING_RETURN'], () => input.state.return?.shipmentDueAt ?? null, 'return shipment window'),
  decide(_command, { state, now }) {
    // An abandoned return closes the case in the seller's favour.
    return accept([{ type: 'ReturnAbandoned', data: { at: now.iso } }, ...resolve({ kind: 'NO_REFUND', refund: null }, 'RETURN_ABANDONED', state, now.iso)]);
  },
};

export const returnReceiptWindowElapsed: Handler<'ReturnReceiptWindowElapsed'> = {
  guard: (input) => timer(input, ['RETURN_IN_TRANSIT'], () => input.state.return?.receiptDueAt ?? null, 'return receipt window'),
  decide(_command, { state, actor, now }) {
    const outcome = known(state.outcome, 'the outcome');
    // The seller's silence counts as receipt, so the refund goes ahead.
    return accept([{ type: 'ReturnReceived', data: { by: { role: actor.role, id: actor.id }, deemed: true, at: now.iso } }, ...resolve(outcome, routeOf(state), state, now.iso)]);
  },
};
