// Who holds a case in mediation besides claiming it: the holder may hand it back to the queue,
// and a lead mediator (or the marketplace's workforce tool, as SYSTEM) may give it to someone.
import { accept, refuse, rejection } from '../result';
import { dataOf, readId, readText } from '../validate';
import { assignedMediator, decidedUnderAppeal, IN_MEDIATION, known } from './common';
import type { Handler } from './context';
import { firstOf, roleIn, statusIn, visible } from './guards';

export const releaseCase: Handler<'ReleaseCase'> = {
  guard: ({ state, actor }) =>
    firstOf(
      () => visible(state, actor),
      () => roleIn(actor, ['MEDIATOR'], 'release a case'),
      () => statusIn(state, IN_MEDIATION, 'release the case'),
      () => assignedMediator(state, actor, 'release it'),
    ),
  decide(command, { state, actor, now, policy }) {
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const reason = readText(data.value.reason, 'reason', 'reason for releasing the case', policy.maxTextLength);
    if (!reason.ok) return refuse(reason.rejection);
    const mediation = known(state.mediation, 'the running mediation');
    return accept([{ type: 'MediatorReleased', data: { mediatorId: actor.id, stage: mediation.stage, reason: reason.value, at: now.iso } }]);
  },
};

export const reassignCase: Handler<'ReassignCase'> = {
  guard: ({ state, actor }) =>
    firstOf(
      () => visible(state, actor),
      () => roleIn(actor, ['MEDIATOR', 'SYSTEM'], 'reassign a case'),
      () => (actor.role === 'MEDIATOR' && actor.lead !== true ? rejection('FORBIDDEN', 'Only a lead mediator or the system may reassign a case.') : null),
      () => statusIn(state, IN_MEDIATION, 'reassign the case'),
    ),
  decide(command, { state, actor, now, policy }) {
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const to = readId(data.value.mediatorId, 'mediatorId', 'mediator id');
    if (!to.ok) return refuse(to.rejection);
    const mediation = known(state.mediation, 'the running mediation');
    if (mediation.mediatorId === to.value) return refuse(rejection('CONFLICT', `Mediator ${to.value} already holds this case.`, 'mediatorId'));
    const appealRule = decidedUnderAppeal(state, to.value, 'mediatorId');
    if (appealRule) return refuse(appealRule);
    const reason = readText(data.value.reason, 'reason', 'reason for reassigning the case', policy.maxTextLength);
    if (!reason.ok) return refuse(reason.rejection);
    return accept([
      {
        type: 'MediatorReassigned',
        data: {
          fromMediatorId: mediation.mediatorId,
          toMediatorId: to.value,
          // Events record who acted, never the caller's rights (the lead flag).
          by: { role: actor.role, id: actor.id },
          reason: reason.value,
          stage: mediation.stage,
          at: now.iso,
        },
      },
    ]);
  },
};
