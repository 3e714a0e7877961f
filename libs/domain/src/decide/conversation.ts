// PostMessage and AddEvidence: the append-only conversation and case file.
import { accept, refuse, rejection } from '../result';
import { dataOf, readEvidence, readId, readText } from '../validate';
import { assignedMediator, evidenceEvents, evidenceRemaining, evidenceRules, PARTIES_ACTIVE, sideOf } from './common';
import type { Handler } from './context';
import { firstOf, roleIn, statusIn, visible } from './guards';

/** A mediator talks only on cases they hold, and only until the case is decided for good. */
const MEDIATOR_ACTIVE = ['UNDER_MEDIATION', 'DECIDED', 'UNDER_APPEAL'] as const;

export const postMessage: Handler<'PostMessage'> = {
  guard: ({ state, actor }) =>
    firstOf(
      () => visible(state, actor),
      () => roleIn(actor, ['BUYER', 'SELLER', 'MEDIATOR'], 'post messages'),
      () => statusIn(state, actor.role === 'MEDIATOR' ? MEDIATOR_ACTIVE : PARTIES_ACTIVE, 'post a message'),
      () => (actor.role === 'MEDIATOR' ? assignedMediator(state, actor, 'post messages on it') : null),
    ),
  decide(command, { actor, now, policy }) {
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const messageId = readId(data.value.messageId, 'messageId', 'message id');
    if (!messageId.ok) return refuse(messageId.rejection);
    const body = readText(data.value.body, 'body', 'message', policy.maxTextLength);
    if (!body.ok) return refuse(body.rejection);
    return accept([
      { type: 'MessagePosted', data: { messageId: messageId.value, author: { role: actor.role, id: actor.id }, body: body.value, at: now.iso } },
    ]);
  },
};

export const addEvidence: Handler<'AddEvidence'> = {
  guard: (input) =>
    firstOf(
      () => visible(input.state, input.actor),
      () => roleIn(input.actor, ['BUYER', 'SELLER'], 'add evidence'),
      () => statusIn(input.state, PARTIES_ACTIVE, 'add evidence'),
      () => {
        return evidenceRemaining(input.state, sideOf(input.actor), input.policy) === 0
          ? rejection('CONFLICT', `You have already attached the maximum of ${input.policy.maxEvidencePerParty} pieces of evidence.`)
          : null;
      },
    ),
  decide(command, input) {
    const party = sideOf(input.actor);
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const evidence = readEvidence(data.value.evidence, 'evidence', evidenceRules(input, party, 1, 'Adding evidence'));
    if (!evidence.ok) return refuse(evidence.rejection);
    return accept(evidenceEvents(evidence.value, party, input.actor, input.now.iso));
  },
};
