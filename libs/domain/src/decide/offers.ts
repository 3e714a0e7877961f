// The offers ledger: one open offer per party, a new one supersedes the party's previous one,
// and accepting the other party's open offer is agreement. Edition 2 keeps the ledger open in
// mediation and under appeal, until the platform's ruling (docs/decisions.md, issue 13).
import type { DisputeEvent } from '../events';
import { accept, refuse, rejection } from '../result';
import type { DisputeState, DisputeStatus } from '../state';
import type { Rejection } from '../types';
import { dataOf, readOptionalText, readTerms } from '../validate';
import { IN_MEDIATION, openOfferOf, settle, sideOf, termsRules } from './common';
import type { GuardInput, Handler } from './context';
import { offeredTerms, returnDestination } from './return-destination';
import { before, firstOf, otherParty, roleIn, statusIn, visible } from './guards';

/** Where the parties may trade offers: edition 1 only in negotiation; edition 2 also in mediation, where no negotiation window applies. */
const offerStatuses = (input: GuardInput): readonly DisputeStatus[] => (input.rulebook >= 2 ? ['NEGOTIATING', ...IN_MEDIATION] : ['NEGOTIATING']);

const negotiating = (input: GuardInput, action: string): Rejection | null =>
  firstOf(
    () => visible(input.state, input.actor),
    () => roleIn(input.actor, ['BUYER', 'SELLER'], action),
    () => statusIn(input.state, offerStatuses(input), action),
    () => (input.state.status === 'NEGOTIATING' ? before(input, input.state.negotiationDueAt, 'negotiation window') : null),
  );

/** Accepting or rejecting needs an open offer from the other party. */
const answering = (input: GuardInput, action: string): Rejection | null =>
  negotiating(input, action) ??
  (openOfferOf(input.state, otherParty(sideOf(input.actor)))
    ? null
    : rejection('INVALID_STATE', `There is no open offer from the ${otherParty(sideOf(input.actor)).toLowerCase()} to answer.`));

/** The offer a command names, checked to be the other party's and still open. */
function offerToAnswer(state: DisputeState, raw: unknown, party: 'BUYER' | 'SELLER') {
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw)) {
    return { rejection: rejection('VALIDATION', 'The offer number must be a whole number.', 'offerNumber') };
  }
  const offer = state.offers.find((o) => o.offerNumber === raw);
  if (!offer) return { rejection: rejection('NOT_FOUND', `There is no offer #${raw}.`, 'offerNumber') };
  if (offer.by === party) return { rejection: rejection('FORBIDDEN', 'You cannot answer your own offer.', 'offerNumber') };
  if (offer.status !== 'OPEN') return { rejection: rejection('CONFLICT', `Offer #${raw} is no longer open (${offer.status.toLowerCase()}).`, 'offerNumber') };
  return { offer };
}

export const makeOffer: Handler<'MakeOffer'> = {
  guard: (input) =>
    negotiating(input, 'make an offer') ??
    (input.state.offers.filter((o) => o.by === sideOf(input.actor)).length >= input.policy.maxOffersPerParty
      ? rejection('CONFLICT', `Each party may make at most ${input.policy.maxOffersPerParty} offers.`)
      : null),
  decide(command, input) {
    const { state, actor, now } = input;
    const party = sideOf(actor);
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const read = readTerms(data.value.terms, 'terms', termsRules(state));
    if (!read.ok) return refuse(read.rejection);
    const terms = offeredTerms(read.value, data.value.terms, 'terms', party, input);
    if (!terms.ok) return refuse(terms.rejection);
    // Only reachable in mediation (edition 2): a contested return already brought the item back.
    if (terms.value.kind === 'RETURN_AND_REFUND' && state.return?.status === 'CONTESTED') {
      return refuse(rejection('VALIDATION', 'The item has already been returned, so an offer cannot ask for another return.', 'terms.kind'));
    }
    const offerNumber = state.offers.length + 1;
    const previous = openOfferOf(state, party);
    const events: DisputeEvent[] = previous ? [{ type: 'OfferSuperseded', data: { offerNumber: previous.offerNumber, supersededBy: offerNumber, at: now.iso } }] : [];
    events.push({ type: 'OfferMade', data: { offerNumber, by: party, actorId: actor.id, terms: terms.value, at: now.iso } });
    return accept(events);
  },
};

export const acceptOffer: Handler<'AcceptOffer'> = {
  guard: (input) => answering(input, 'accept an offer'),
  decide(command, input) {
    const { state, actor, now } = input;
    const party = sideOf(actor);
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const found = offerToAnswer(state, data.value.offerNumber, party);
    if (!found.offer) return refuse(found.rejection);
    const { offer } = found;
    // Accepting the buyer's return request, the seller names where it goes.
    const returnTo = returnDestination(offer.terms.kind, data.value, '', party === 'SELLER', offer.terms, input);
    if (!returnTo.ok) return refuse(returnTo.rejection);
    return accept([
      { type: 'OfferAccepted', data: { offerNumber: offer.offerNumber, by: party, actorId: actor.id, terms: offer.terms, at: now.iso } },
      ...settle({ kind: offer.terms.kind, refund: offer.terms.amount }, 'AGREEMENT', state, input, returnTo.value),
    ]);
  },
};

export const rejectOffer: Handler<'RejectOffer'> = {
  guard: (input) => answering(input, 'reject an offer'),
  decide(command, input) {
    const { state, actor, now, policy } = input;
    const party = sideOf(actor);
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const found = offerToAnswer(state, data.value.offerNumber, party);
    if (!found.offer) return refuse(found.rejection);
    const reason = readOptionalText(data.value.reason, 'reason', 'reason', policy.maxTextLength);
    if (!reason.ok) return refuse(reason.rejection);
    return accept([{ type: 'OfferRejected', data: { offerNumber: found.offer.offerNumber, by: party, actorId: actor.id, reason: reason.value, at: now.iso } }]);
  },
};
