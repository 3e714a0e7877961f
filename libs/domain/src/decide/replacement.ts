// The replacement sub-flow (second edition): once a replacement is agreed or ruled, the seller
// ships it with tracking within the shipment window; the buyer confirms it arrived (the dispute
// closes) or reports a problem with evidence (back to mediation). Silence past either window
// moves the case on by itself: the buyer's counts as receipt, the seller's goes to a mediator.
import type { DisputeEvent } from '../events';
import { accept, refuse, rejection } from '../result';
import { addMs } from '../time';
import { readTracking } from '../tracking';
import { dataOf } from '../validate';
import { escalated, evidenceEvents, evidenceRemaining, known, readComplaint, resolve, routeOf } from './common';
import type { GuardInput, Handler } from './context';
import { before, firstOf, roleIn, statusIn, visible } from './guards';
import { timer } from './timers';

/** Receipt, real or deemed, fixes the replacement as the outcome: nothing is refunded, so the dispute closes at once. */
function received(input: GuardInput, deemed: boolean): DisputeEvent[] {
  const { state, actor, now } = input;
  return [
    { type: 'ReplacementReceived', data: { by: { role: actor.role, id: actor.id }, deemed, at: now.iso } },
    ...resolve(known(state.outcome, 'the agreed replacement'), routeOf(state), state, now.iso),
  ];
}

const buyerAwaitingReplacement = (input: GuardInput, action: string) =>
  firstOf(
    () => visible(input.state, input.actor),
    () => roleIn(input.actor, ['BUYER'], action),
    () => statusIn(input.state, ['REPLACEMENT_IN_TRANSIT'], action),
    () => before(input, known(input.state.replacement, 'the replacement').confirmationDueAt, 'window to confirm the replacement'),
  );

export const markReplacementShipped: Handler<'MarkReplacementShipped'> = {
  guard: (input) =>
    firstOf(
      () => visible(input.state, input.actor),
      () => roleIn(input.actor, ['SELLER'], 'ship a replacement'),
      () => statusIn(input.state, ['AWAITING_REPLACEMENT'], 'mark the replacement as shipped'),
      () => before(input, known(input.state.replacement, 'the replacement').shipmentDueAt, 'replacement shipment window'),
    ),
  decide(command, input) {
    const { actor, now, policy } = input;
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const shipment = readTracking(data.value, policy.maxTrackingNumberLength);
    if (!shipment.ok) return refuse(shipment.rejection);
    return accept([
      { type: 'ReplacementShipped', data: { actorId: actor.id, ...shipment.value, confirmationDueAt: addMs(now.iso, policy.replacementConfirmationWindowMs), at: now.iso } },
    ]);
  },
};

export const confirmReplacementReceived: Handler<'ConfirmReplacementReceived'> = {
  guard: (input) => buyerAwaitingReplacement(input, 'confirm the replacement arrived'),
  decide: (_command, input) => accept(received(input, false)),
};

export const reportReplacementProblem: Handler<'ReportReplacementProblem'> = {
  guard: (input) =>
    buyerAwaitingReplacement(input, 'report a problem with the replacement') ??
    (evidenceRemaining(input.state, 'BUYER', input.policy) === 0
      ? rejection('CONFLICT', 'Reporting a problem needs evidence, and you have already attached the maximum allowed.')
      : null),
  decide(command, input) {
    const { actor, now } = input;
    const complaint = readComplaint(command.data, input, 'BUYER', 'Reporting a problem with the replacement');
    if (!complaint.ok) return refuse(complaint.rejection);
    const { explanation, evidence } = complaint.value;
    return accept([
      ...evidenceEvents(evidence, 'BUYER', actor, now.iso),
      { type: 'ReplacementDisputed', data: { actorId: actor.id, explanation, evidenceIds: evidence.map((e) => e.evidenceId), at: now.iso } },
      escalated('REPLACEMENT_PROBLEM', actor, explanation, input),
    ]);
  },
};

export const replacementShipmentWindowElapsed: Handler<'ReplacementShipmentWindowElapsed'> = {
  guard: (input) => timer(input, ['AWAITING_REPLACEMENT'], () => known(input.state.replacement, 'the replacement').shipmentDueAt, 'replacement shipment window'),
  // A mediator rules (docs/decisions.md): policy clause REP-1 says the buyer is then refunded in full.
  decide: (_command, input) => accept([{ type: 'ReplacementNotShipped', data: { at: input.now.iso } }, escalated('REPLACEMENT_NOT_SHIPPED', input.actor, null, input)]),
};

export const replacementConfirmationWindowElapsed: Handler<'ReplacementConfirmationWindowElapsed'> = {
  guard: (input) => timer(input, ['REPLACEMENT_IN_TRANSIT'], () => known(input.state.replacement, 'the replacement').confirmationDueAt, 'replacement confirmation window'),
  decide: (_command, input) => accept(received(input, true)),
};
