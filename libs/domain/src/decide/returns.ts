// The return flow: the buyer ships the item back with tracking within the window; the seller
// confirms receipt (refund follows) or contests it (back to mediation).
import type { Checked } from '../result';
import { accept, invalid, refuse, rejection, valid } from '../result';
import { readTracking } from '../tracking';
import { addMs } from '../time';
import { dataOf, readText } from '../validate';
import { escalated, evidenceEvents, evidenceRemaining, known, readComplaint, resolve, routeOf } from './common';
import type { GuardInput, Handler } from './context';
import { before, firstOf, roleIn, statusIn, visible } from './guards';

const TRACKING = /^[A-Za-z0-9][A-Za-z0-9 -]*$/;

const sellerAwaitingItem = (input: GuardInput, action: string) =>
  firstOf(
    () => visible(input.state, input.actor),
    () => roleIn(input.actor, ['SELLER'], action),
    () => statusIn(input.state, ['RETURN_IN_TRANSIT'], action),
    () => before(input, input.state.return?.receiptDueAt ?? null, 'window to confirm receipt of the return'),
  );

export const markReturnShipped: Handler<'MarkReturnShipped'> = {
  guard: (input) =>
    firstOf(
      () => visible(input.state, input.actor),
      () => roleIn(input.actor, ['BUYER'], 'ship a return'),
      () => statusIn(input.state, ['AWAITING_RETURN'], 'mark the return as shipped'),
      () => before(input, input.state.return?.shipmentDueAt ?? null, 'return shipment window'),
    ),
  decide(command, input) {
    const { actor, now, policy } = input;
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const shipment = input.rulebook >= 2 ? readTracking(data.value, policy.maxTrackingNumberLength) : firstEditionShipment(data.value, policy.maxTrackingNumberLength);
    if (!shipment.ok) return refuse(shipment.rejection);
    return accept([{ type: 'ReturnShipped', data: { actorId: actor.id, ...shipment.value, returnReceiptDueAt: addMs(now.iso, policy.returnReceiptWindowMs), at: now.iso } }]);
  },
};

/** The first edition's reading, kept for replay: free-text carrier, tracking number recorded as typed. */
function firstEditionShipment(data: Record<string, unknown>, maxLength: number): Checked<{ carrier: string; trackingNumber: string }> {
  const carrier = readText(data.carrier, 'carrier', 'carrier', 100);
  if (!carrier.ok) return carrier;
  const tracking = readText(data.trackingNumber, 'trackingNumber', 'tracking number', maxLength);
  if (!tracking.ok) return tracking;
  if (!TRACKING.test(tracking.value)) return invalid('trackingNumber', 'A tracking number has only letters, digits, spaces and dashes.');
  return valid({ carrier: carrier.value, trackingNumber: tracking.value });
}

export const confirmReturnReceived: Handler<'ConfirmReturnReceived'> = {
  guard: (input) => sellerAwaitingItem(input, 'confirm receipt of the return'),
  decide(_command, { state, actor, now }) {
    return accept([
      { type: 'ReturnReceived', data: { by: { role: actor.role, id: actor.id }, deemed: false, at: now.iso } },
      ...resolve(known(state.outcome, 'the outcome'), routeOf(state), state, now.iso),
    ]);
  },
};

export const contestReturn: Handler<'ContestReturn'> = {
  guard: (input) =>
    sellerAwaitingItem(input, 'contest the return') ??
    (evidenceRemaining(input.state, 'SELLER', input.policy) === 0
      ? rejection('CONFLICT', 'Contesting needs evidence, and you have already attached the maximum allowed.')
      : null),
  decide(command, input) {
    const { actor, now } = input;
    const complaint = readComplaint(command.data, input, 'SELLER', 'Contesting a return');
    if (!complaint.ok) return refuse(complaint.rejection);
    const { explanation, evidence } = complaint.value;
    return accept([
      ...evidenceEvents(evidence, 'SELLER', actor, now.iso),
      { type: 'ReturnContested', data: { actorId: actor.id, explanation, evidenceIds: evidence.map((e) => e.evidenceId), at: now.iso } },
      escalated('RETURN_CONTESTED', actor, explanation, input),
    ]);
  },
};
