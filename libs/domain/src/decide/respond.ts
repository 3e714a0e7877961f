// RespondToDispute: the seller's first answer, within the seller response window.
import type { DisputeEvent } from '../events';
import { accept, refuse } from '../result';
import { addMs } from '../time';
import { dataOf, readEnum, readEvidence, readOptionalText, readTerms, readText } from '../validate';
import { evidenceEvents, evidenceRules, known, openOfferOf, settle, termsRules } from './common';
import type { Handler } from './context';
import { offeredTerms, returnDestination } from './return-destination';
import { before, firstOf, roleIn, statusIn, visible } from './guards';

const RESPONSES = ['ACCEPT_REQUEST', 'COUNTER_OFFER', 'REJECT'] as const;

export const respondToDispute: Handler<'RespondToDispute'> = {
  guard: (input) =>
    firstOf(
      () => visible(input.state, input.actor),
      () => roleIn(input.actor, ['SELLER'], 'respond to a dispute'),
      () => statusIn(input.state, ['OPEN'], 'respond to the dispute'),
      () => before(input, input.state.sellerResponseDueAt, 'seller response window'),
    ),
  decide(command, input) {
    const { state, actor, now, policy } = input;
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const d = data.value;
    const response = readEnum(d.response, RESPONSES, 'response', 'response');
    if (!response.ok) return refuse(response.rejection);
    // In OPEN the buyer always has exactly one open offer: #1 or the one that superseded it.
    const request = known(openOfferOf(state, 'BUYER'), 'the buyer\u2019s open request');
    const responded = (explanation: string | null): DisputeEvent => ({
      type: 'SellerResponded',
      data: { sellerId: actor.id, response: response.value, explanation, negotiationDueAt: addMs(now.iso, policy.negotiationWindowMs), at: now.iso },
    });
    switch (response.value) {
      case 'ACCEPT_REQUEST': {
        const outcome = { kind: request.terms.kind, refund: request.terms.amount };
        const returnTo = returnDestination(request.terms.kind, d, '', true, null, input);
        if (!returnTo.ok) return refuse(returnTo.rejection);
        const accepted: DisputeEvent = {
          type: 'OfferAccepted',
          data: { offerNumber: request.offerNumber, by: 'SELLER', actorId: actor.id, terms: request.terms, at: now.iso },
        };
        return accept([responded(null), accepted, ...settle(outcome, 'AGREEMENT', state, input, returnTo.value)]);
      }
      case 'COUNTER_OFFER': {
        const read = readTerms(d.offer, 'offer', termsRules(state));
        if (!read.ok) return refuse(read.rejection);
        const terms = offeredTerms(read.value, d.offer, 'offer', 'SELLER', input);
        if (!terms.ok) return refuse(terms.rejection);
        const message = readOptionalText(d.message, 'message', 'message', policy.maxTextLength);
        if (!message.ok) return refuse(message.rejection);
        return accept([
          responded(message.value),
          { type: 'OfferMade', data: { offerNumber: state.offers.length + 1, by: 'SELLER', actorId: actor.id, terms: terms.value, at: now.iso } },
        ]);
      }
      default: {
        const explanation = readText(d.explanation, 'explanation', 'explanation', policy.maxTextLength);
        if (!explanation.ok) return refuse(explanation.rejection);
        const evidence = readEvidence(d.evidence, 'evidence', evidenceRules(input, 'SELLER', 1, 'Rejecting a dispute'));
        if (!evidence.ok) return refuse(evidence.rejection);
        return accept([
          responded(explanation.value),
          ...evidenceEvents(evidence.value, 'SELLER', actor, now.iso),
          { type: 'OfferRejected', data: { offerNumber: request.offerNumber, by: 'SELLER', actorId: actor.id, reason: explanation.value, at: now.iso } },
        ]);
      }
    }
  },
};
