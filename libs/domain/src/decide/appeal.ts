// Appeals: once per dispute, within the appeal window, with grounds; decided by a different
// mediator, and that ruling is final.
import { accept, refuse } from '../result';
import { addMs } from '../time';
import { dataOf, readEvidence, readText } from '../validate';
import { assignedMediator, evidenceEvents, evidenceRules, known, settle, sideOf } from './common';
import type { Handler } from './context';
import { before, firstOf, roleIn, statusIn, visible } from './guards';
import { readRuling } from './decision';

export const fileAppeal: Handler<'FileAppeal'> = {
  guard: (input) =>
    firstOf(
      () => visible(input.state, input.actor),
      () => roleIn(input.actor, ['BUYER', 'SELLER'], 'appeal a decision'),
      () => statusIn(input.state, ['DECIDED'], 'appeal'),
      () => before(input, input.state.decision?.appealDueAt ?? null, 'appeal window'),
    ),
  decide(command, input) {
    const { actor, now, policy } = input;
    const party = sideOf(actor);
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const grounds = readText(data.value.grounds, 'grounds', 'grounds for the appeal', policy.maxTextLength);
    if (!grounds.ok) return refuse(grounds.rejection);
    const evidence = readEvidence(data.value.evidence, 'evidence', evidenceRules(input, party, 0, 'An appeal'));
    if (!evidence.ok) return refuse(evidence.rejection);
    return accept([
      ...evidenceEvents(evidence.value, party, actor, now.iso),
      {
        type: 'AppealFiled',
        data: {
          by: party,
          actorId: actor.id,
          grounds: grounds.value,
          evidenceIds: evidence.value.map((e) => e.evidenceId),
          slaDueAt: addMs(now.iso, policy.mediationSlaMs),
          at: now.iso,
        },
      },
    ]);
  },
};

export const decideAppeal: Handler<'DecideAppeal'> = {
  guard: ({ state, actor }) =>
    firstOf(
      () => visible(state, actor),
      () => roleIn(actor, ['MEDIATOR'], 'decide an appeal'),
      () => statusIn(state, ['UNDER_APPEAL'], 'decide an appeal'),
      // Claiming already refuses the first decision's mediator, so holding the case is enough.
      () => assignedMediator(state, actor, 'decide the appeal'),
    ),
  decide(command, input) {
    const { state, actor, now, policy } = input;
    const underAppeal = known(state.decision, 'the decision under appeal');
    const ruling = readRuling(command.data, state, policy, input.rulebook);
    if (!ruling.ok) return refuse(ruling.rejection);
    const r = ruling.value;
    const upheld = r.outcome === underAppeal.outcome && r.refund?.amountMinor === underAppeal.refund?.amountMinor;
    return accept([
      { type: 'AppealDecided', data: { mediatorId: actor.id, upheld, ...r, at: now.iso } },
      ...settle({ kind: r.outcome, refund: r.refund }, 'APPEAL', state, input),
    ]);
  },
};
