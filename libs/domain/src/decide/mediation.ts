// Mediation: a mediator claims the case, may ask either party for information with a
// deadline, and decides on the evidence. The decision can be appealed once.
import type { DisputeEvent } from '../events';
import { accept, refuse, rejection } from '../result';
import type { DisputeState } from '../state';
import { addMs, humanTime, parseIso } from '../time';
import type { Party, Rejection } from '../types';
import { dataOf, readEnum, readEvidence, readId, readText } from '../validate';
import { assignedMediator, decidedUnderAppeal, evidenceEvents, evidenceRules, IN_MEDIATION, settle, sideOf } from './common';
import type { GuardInput, Handler } from './context';
import { before, firstOf, roleIn, statusIn, visible } from './guards';
import { readRuling, returnToOf } from './decision';

const PARTIES: readonly Party[] = ['BUYER', 'SELLER'];

const openRequestOf = (state: DisputeState, party: Party) => state.informationRequests.find((r) => r.from === party && r.status === 'OPEN') ?? null;

/** Why this party cannot be asked now, or null when they can. */
function cannotAsk(input: GuardInput, party: Party): Rejection | null {
  const { state, policy } = input;
  if (openRequestOf(state, party)) return rejection('CONFLICT', `The ${party.toLowerCase()} already has an open information request.`, 'from');
  const asked = state.informationRequests.filter((r) => r.from === party).length;
  if (asked >= policy.maxInformationRequestsPerParty) {
    return rejection('CONFLICT', `The ${party.toLowerCase()} has already been asked ${asked} times, the most a case allows.`, 'from');
  }
  return null;
}

// A case held by another mediator is refused as FORBIDDEN before its stage is looked at, so
// that mediator's answer is the same whether the holder's decision has landed yet or not.
const mediating = (input: GuardInput, action: string): Rejection | null =>
  firstOf(
    () => visible(input.state, input.actor),
    () => roleIn(input.actor, ['MEDIATOR'], action),
    () => (input.state.mediation?.mediatorId ? assignedMediator(input.state, input.actor, action) : null),
    () => statusIn(input.state, IN_MEDIATION, action),
    () => assignedMediator(input.state, input.actor, action),
  );

export const claimCase: Handler<'ClaimCase'> = {
  guard: ({ state, actor }) =>
    firstOf(
      () => visible(state, actor),
      () => roleIn(actor, ['MEDIATOR'], 'claim a case'),
      () => statusIn(state, IN_MEDIATION, 'claim the case'),
      () => (state.mediation?.mediatorId ? rejection('CONFLICT', 'This case is already assigned to a mediator.') : null),
      () => decidedUnderAppeal(state, actor.id),
    ),
  decide(_command, { state, actor, now }) {
    return accept([{ type: 'MediatorAssigned', data: { mediatorId: actor.id, stage: state.mediation?.stage ?? 'MEDIATION', at: now.iso } }]);
  },
};

export const requestInformation: Handler<'RequestInformation'> = {
  guard: (input) =>
    mediating(input, 'request information') ??
    (PARTIES.some((p) => cannotAsk(input, p) === null)
      ? null
      : rejection('CONFLICT', 'Both parties already have an open information request or have been asked as often as a case allows.')),
  decide(command, input) {
    const { state, actor, now, policy } = input;
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const d = data.value;
    const requestId = readId(d.requestId, 'requestId', 'request id');
    if (!requestId.ok) return refuse(requestId.rejection);
    if (state.informationRequests.some((r) => r.requestId === requestId.value)) {
      return refuse(rejection('CONFLICT', `Information request ${requestId.value} already exists.`, 'requestId'));
    }
    const from = readEnum(d.from, PARTIES, 'from', 'party to ask');
    if (!from.ok) return refuse(from.rejection);
    const blocked = cannotAsk(input, from.value);
    if (blocked) return refuse(blocked);
    const question = readText(d.question, 'question', 'question', policy.maxTextLength);
    if (!question.ok) return refuse(question.rejection);
    let dueAt = addMs(now.iso, policy.informationRequestDefaultMs);
    if (d.dueAt !== undefined && d.dueAt !== null) {
      const due = parseIso(d.dueAt);
      if (due === null) return refuse(rejection('VALIDATION', 'The deadline must be an ISO-8601 timestamp.', 'dueAt'));
      const earliest = now.ms + policy.informationRequestMinMs;
      const latest = now.ms + policy.informationRequestMaxMs;
      if (due < earliest || due > latest) {
        return refuse(
          rejection('VALIDATION', `The deadline must be between ${humanTime(addMs(now.iso, policy.informationRequestMinMs))} and ${humanTime(addMs(now.iso, policy.informationRequestMaxMs))}.`, 'dueAt'),
        );
      }
      dueAt = addMs(now.iso, due - now.ms);
    }
    return accept([
      { type: 'InformationRequested', data: { requestId: requestId.value, mediatorId: actor.id, from: from.value, question: question.value, dueAt, at: now.iso } },
    ]);
  },
};

export const answerInformationRequest: Handler<'AnswerInformationRequest'> = {
  guard: (input) => {
    const { state, actor } = input;
    return firstOf(
      () => visible(state, actor),
      () => roleIn(actor, ['BUYER', 'SELLER'], 'answer an information request'),
      () => statusIn(state, IN_MEDIATION, 'answer an information request'),
      () => {
        const request = openRequestOf(state, sideOf(actor));
        return request ? before(input, request.dueAt, 'time to answer the information request') : rejection('INVALID_STATE', 'The mediator has not asked you anything.');
      },
    );
  },
  decide(command, input) {
    const { state, actor, now, policy } = input;
    const party = sideOf(actor);
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const d = data.value;
    const request = state.informationRequests.find((r) => r.requestId === d.requestId);
    if (!request) return refuse(rejection('NOT_FOUND', 'There is no information request with this id.', 'requestId'));
    if (request.from !== party) return refuse(rejection('FORBIDDEN', 'This information request is addressed to the other party.', 'requestId'));
    if (request.status !== 'OPEN') return refuse(rejection('CONFLICT', `This information request is already ${request.status.toLowerCase()}.`, 'requestId'));
    const answer = readText(d.answer, 'answer', 'answer', policy.maxTextLength);
    if (!answer.ok) return refuse(answer.rejection);
    const evidence = readEvidence(d.evidence, 'evidence', evidenceRules(input, party, 0, 'An answer'));
    if (!evidence.ok) return refuse(evidence.rejection);
    return accept([
      ...evidenceEvents(evidence.value, party, actor, now.iso),
      {
        type: 'InformationProvided',
        data: { requestId: request.requestId, from: party, actorId: actor.id, answer: answer.value, evidenceIds: evidence.value.map((e) => e.evidenceId), at: now.iso },
      },
    ]);
  },
};

export const issueDecision: Handler<'IssueDecision'> = {
  guard: (input) => mediating(input, 'decide the case') ?? statusIn(input.state, ['UNDER_MEDIATION'], 'issue a first decision'),
  decide(command, input) {
    const { state, actor, now, policy } = input;
    const ruling = readRuling(command.data, state, policy, input);
    if (!ruling.ok) return refuse(ruling.rejection);
    const r = ruling.value;
    // An appeal is allowed once per dispute: a later ruling (after a contested return) is final at once.
    const appealable = state.appeal === null;
    const events: DisputeEvent[] = [
      {
        type: 'DecisionIssued',
        data: { mediatorId: actor.id, ...r, appealDueAt: appealable ? addMs(now.iso, policy.appealWindowMs) : null, at: now.iso },
      },
    ];
    if (!appealable) events.push(...settle({ kind: r.outcome, refund: r.refund }, 'DECISION', state, input, returnToOf(r)));
    return accept(events);
  },
};
