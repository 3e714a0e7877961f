// ConcedeDispute: the seller gives the buyer what they asked for (or a full refund) at any stage
// before the platform's final word, like PayPal's accept-claim and eBay's issue_refund.
import type { ConcessionRemedy } from '../commands';
import type { DisputeEvent } from '../events';
import { accept, refuse } from '../result';
import type { DisputeState, DisputeStatus } from '../state';
import type { ResolvedTerms } from '../types';
import { dataOf, readAmountFor, readEnum, readOptionalText } from '../validate';
import { IN_MEDIATION, known, resolve, settle, termsRules } from './common';
import type { Handler } from './context';
import { returnDestination } from './return-destination';
import { firstOf, roleIn, statusIn, visible } from './guards';

const REMEDIES: readonly ConcessionRemedy[] = ['AS_REQUESTED', 'FULL_REFUND'];
const CONCEDABLE: readonly DisputeStatus[] = ['OPEN', 'NEGOTIATING', ...IN_MEDIATION];

/** The buyer's latest request: their most recent offer, which is the opening request (#1) unless they changed it. */
function buyersRequest(state: DisputeState): ResolvedTerms {
  const offers = state.offers.filter((o) => o.by === 'BUYER');
  return known(offers[offers.length - 1], 'the buyer\u2019s request').terms;
}

export const concedeDispute: Handler<'ConcedeDispute'> = {
  guard: ({ state, actor }) =>
    firstOf(
      () => visible(state, actor),
      () => roleIn(actor, ['SELLER'], 'concede a dispute'),
      () => statusIn(state, CONCEDABLE, 'concede the dispute'),
    ),
  decide(command, input) {
    const { state, actor, now, policy } = input;
    const data = dataOf(command.data);
    if (!data.ok) return refuse(data.rejection);
    const remedy = readEnum(data.value.remedy, REMEDIES, 'remedy', 'remedy');
    if (!remedy.ok) return refuse(remedy.rejection);
    const message = readOptionalText(data.value.message, 'message', 'message', policy.maxTextLength);
    if (!message.ok) return refuse(message.rejection);
    // Once a contested return brought the item back, anything short of all the money would leave the
    // buyer with neither item nor refund (a replacement, a partial refund), so a concession then refunds in full.
    const itemBack = state.return !== null;
    let terms = buyersRequest(state);
    if (remedy.value === 'FULL_REFUND' || itemBack) {
      const full = readAmountFor('FULL_REFUND', undefined, { kind: 'remedy', amount: 'remedy' }, termsRules(state));
      if (!full.ok) return refuse(full.rejection);
      terms = full.value;
    }
    const conceded: DisputeEvent = {
      type: 'SellerConceded',
      data: {
        sellerId: actor.id,
        remedy: remedy.value,
        terms,
        mediatorId: IN_MEDIATION.includes(state.status as DisputeStatus) ? (state.mediation?.mediatorId ?? null) : null,
        message: message.value,
        at: now.iso,
      },
    };
    const outcome = { kind: terms.kind, refund: terms.amount };
    // A contested return re-opened mediation: the item is already back, so the refund follows without another return.
    if (itemBack) return accept([conceded, ...resolve(outcome, 'CONCESSION', state, now.iso)]);
    // A return the concession starts needs an address: the one given with it, else the order's.
    const returnTo = returnDestination(terms.kind, data.value, '', true, null, input);
    if (!returnTo.ok) return refuse(returnTo.rejection);
    return accept([conceded, ...settle(outcome, 'CONCESSION', state, input, returnTo.value)]);
  },
};
