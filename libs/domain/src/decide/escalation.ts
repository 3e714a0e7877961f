// EscalateDispute and WithdrawDispute: the two ways a party ends negotiation on their own.
// Edition 2 lets the buyer withdraw under appeal too (docs/decisions.md, issue 13).
import { accept, refuse, rejection } from '../result';
import { dataOf, readOptionalText, readText } from '../validate';
import type { DisputeState } from '../state';
import type { Rejection } from '../types';
import { escalated, IN_MEDIATION } from './common';
import type { Handler } from './context';
import { before, firstOf, roleIn, statusIn, visible } from './guards';

export const escalateDispute: Handler<'EscalateDispute'> = {
  guard: (input) =>
    firstOf(
      () => visible(input.state, input.actor),
      () => roleIn(input.actor, ['BUYER', 'SELLER'], 'escalate a dispute'),
      () => statusIn(input.state, ['NEGOTIATING'], 'escalate the dispute'),
      () => before(input, input.state.negotiationDueAt, 'negotiation window'),
    ),
  decide(command, input) {
    const { actor, policy } = input;
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const note = readText(data.value.note, 'note', 'reason for escalating', policy.maxTextLength);
    if (!note.ok) return refuse(note.rejection);
    return accept([escalated(actor.role === 'BUYER' ? 'BUYER_REQUEST' : 'SELLER_REQUEST', actor, note.value, input)]);
  },
};

// "Before a decision": once an outcome is agreed or ruled (even if a contested return reopened mediation), it stands.
const outcomeStands = (state: DisputeState): Rejection | null =>
  state.outcome ? rejection('INVALID_STATE', 'An outcome has already been agreed or decided, so the dispute can no longer be withdrawn.') : null;

/**
 * Edition 2: "before the platform's final word". A decision under appeal is not final, so the
 * buyer may still walk away; but once the item went back (a contested return) withdrawing
 * would leave the buyer with neither item nor money, so the outcome stands.
 */
const outcomeStandsSecondEdition = (state: DisputeState): Rejection | null =>
  state.return
    ? rejection('INVALID_STATE', 'The item has already been returned to the seller, so the dispute can no longer be withdrawn.')
    : state.status === 'UNDER_APPEAL'
      ? null
      : outcomeStands(state);

export const withdrawDispute: Handler<'WithdrawDispute'> = {
  guard: ({ state, actor, rulebook }) =>
    firstOf(
      () => visible(state, actor),
      () => roleIn(actor, ['BUYER'], 'withdraw a dispute'),
      () => statusIn(state, rulebook >= 2 ? ['OPEN', 'NEGOTIATING', ...IN_MEDIATION] : ['OPEN', 'NEGOTIATING', 'UNDER_MEDIATION'], 'withdraw the dispute'),
      () => (rulebook >= 2 ? outcomeStandsSecondEdition(state) : outcomeStands(state)),
    ),
  decide(command, { actor, now, policy }) {
    const data = dataOf(command.data ?? {});
    if (!data.ok) return refuse(data.rejection);
    const reason = readOptionalText(data.value.reason, 'reason', 'reason', policy.maxTextLength);
    if (!reason.ok) return refuse(reason.rejection);
    return accept([{ type: 'DisputeWithdrawn', data: { buyerId: actor.id, reason: reason.value, at: now.iso } }]);
  },
};
