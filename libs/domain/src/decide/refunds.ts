// Executing the refund of a resolved dispute. The workflow issues these as SYSTEM after
// calling the payment provider; a failed attempt may be retried with a new refund id.
import { accept, refuse, rejection } from '../result';
import type { Rejection } from '../types';
import { dataOf, readId, readOptionalText, readText } from '../validate';
import { known } from './common';
import type { GuardInput, Handler } from './context';
import { firstOf, roleIn, statusIn, visible } from './guards';

const resolvedForSystem = (input: GuardInput, action: string): Rejection | null =>
  firstOf(
    () => visible(input.state, input.actor),
    () => roleIn(input.actor, ['SYSTEM'], action),
    () => statusIn(input.state, ['RESOLVED'], action),
  );

const inFlight = (input: GuardInput, action: string): Rejection | null =>
  resolvedForSystem(input, action) ?? (input.state.refund?.status === 'REQUESTED' ? null : rejection('INVALID_STATE', 'No refund is in progress.'));

function currentRefund(input: GuardInput, raw: unknown) {
  const refund = input.state.refund;
  if (!refund || raw !== refund.refundId) return { rejection: rejection('NOT_FOUND', 'This is not the refund in progress.', 'refundId') };
  return { refund };
}

export const requestRefund: Handler<'RequestRefund'> = {
  guard: (input) =>
    resolvedForSystem(input, 'request a refund') ??
    (input.state.refund && input.state.refund.status !== 'FAILED' ? rejection('CONFLICT', 'A refund for this dispute is already in progress or done.') : null),
  decide(command, { state, now }) {
    const refund = known(state.outcome?.refund, 'the refund owed');
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const refundId = readId(data.value.refundId, 'refundId', 'refund id');
    if (!refundId.ok) return refuse(refundId.rejection);
    if (state.refund?.refundId === refundId.value) {
      return refuse(rejection('CONFLICT', 'A retry needs a new refund id; this one was already used.', 'refundId'));
    }
    return accept([{ type: 'RefundRequested', data: { refundId: refundId.value, amount: refund, at: now.iso } }]);
  },
};

/**
 * An operator orders one more attempt after a refund failed (the automatic retries may have
 * given up); the refund saga makes it at once with a new refund id.
 */
export const retryRefund: Handler<'RetryRefund'> = {
  guard: (input) =>
    resolvedForSystem(input, 'order a refund retry') ??
    (input.state.refund?.status !== 'FAILED'
      ? rejection('INVALID_STATE', 'Only a failed refund can be retried.')
      : input.state.refund.retryOrderedAt
        ? rejection('CONFLICT', 'A retry of this refund is already ordered.')
        : null),
  decide(command, { actor, now }) {
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const reason = readText(data.value.reason, 'reason', 'reason for the retry', 500);
    if (!reason.ok) return refuse(reason.rejection);
    return accept([{ type: 'RefundRetryOrdered', data: { by: { role: actor.role, id: actor.id }, reason: reason.value, at: now.iso } }]);
  },
};

export const recordRefundSucceeded: Handler<'RecordRefundSucceeded'> = {
  guard: (input) => inFlight(input, 'record a refund'),
  decide(command, input) {
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const found = currentRefund(input, data.value.refundId);
    if (!found.refund) return refuse(found.rejection);
    const reference = readOptionalText(data.value.providerReference, 'providerReference', 'provider reference', 200);
    if (!reference.ok) return refuse(reference.rejection);
    const { refund } = found;
    const at = input.now.iso;
    return accept([
      { type: 'RefundSucceeded', data: { refundId: refund.refundId, amount: refund.amount, providerReference: reference.value, at } },
      { type: 'DisputeClosed', data: { refundedMinor: input.state.refundedMinor + refund.amount.amountMinor, at } },
    ]);
  },
};

export const recordRefundFailed: Handler<'RecordRefundFailed'> = {
  guard: (input) => inFlight(input, 'record a refund'),
  decide(command, input) {
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const found = currentRefund(input, data.value.refundId);
    if (!found.refund) return refuse(found.rejection);
    const reason = readText(data.value.failureReason, 'failureReason', 'failure reason', 500);
    if (!reason.ok) return refuse(reason.rejection);
    return accept([{ type: 'RefundFailed', data: { refundId: found.refund.refundId, failureReason: reason.value, at: input.now.iso } }]);
  },
};
