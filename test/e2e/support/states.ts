import { DEV_JWT_SECRET } from '../../../libs/platform/src';
import { mintToken } from '../../../scripts/mint-token';
import { tokenFor } from '../../support/api';
import { mutate, ok, openInput, registerOrder, ruling, type DisputeMutationName, type RegisteredOrder } from './disputes';

/** The states the end-to-end tables send commands in. */
export type State = 'open' | 'negotiating' | 'escalated' | 'claimed' | 'asked' | 'decided' | 'appealed' | 'awaitingReturn' | 'inTransit';
/** lena is a lead mediator (may reassign cases); system is the operator's account (refund retries). */
export type Caller = 'buyer' | 'seller' | 'maria' | 'mike' | 'lena' | 'system';

export interface StagedDispute {
  id: string;
  order: RegisteredOrder;
  tokens: Record<Caller, string>;
  /** The open information request (state `asked`: maria asked the seller). */
  requestId?: string;
}

/**
 * A fresh dispute brought to `state` over GraphQL, the way its people would: opened by the
 * buyer with an uploaded photo, countered by the seller, escalated, claimed and decided by
 * mediator-maria, appealed to mediator-mike, or sent back as a return.
 */
export async function disputeIn(url: string, systemToken: string, state: State): Promise<StagedDispute> {
  const order = await registerOrder(url, systemToken);
  const tokens = {
    buyer: await tokenFor('BUYER', order.buyerId),
    seller: await tokenFor('SELLER', order.sellerId),
    maria: await tokenFor('MEDIATOR', 'mediator-maria'),
    mike: await tokenFor('MEDIATOR', 'mediator-mike'),
    lena: await mintToken(DEV_JWT_SECRET, 'MEDIATOR', 'mediator-lena', '1h', undefined, undefined, true),
    system: systemToken,
  };
  const dispute: StagedDispute = { id: (await ok(mutate(url, tokens.buyer, 'openDispute', openInput(order)))).id, order, tokens };
  const step = (caller: Caller, name: DisputeMutationName | 'openDispute', input: Record<string, unknown>) => ok(mutate(url, tokens[caller], name, { disputeId: dispute.id, ...input }));
  const path: Record<State, State | null> = { open: null, negotiating: 'open', escalated: 'negotiating', claimed: 'escalated', asked: 'claimed', decided: 'claimed', appealed: 'decided', awaitingReturn: 'negotiating', inTransit: 'awaitingReturn' };
  const stages: State[] = [];
  for (let at: State | null = state; at; at = path[at]) stages.unshift(at);
  for (const stage of stages) {
    if (stage === 'negotiating') await step('seller', 'respondToDispute', { response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1000, currency: 'EUR' } } });
    if (stage === 'escalated') await step('buyer', 'escalateDispute', { note: 'We cannot agree.' });
    if (stage === 'claimed') await step('maria', 'claimCase', {});
    if (stage === 'asked') dispute.requestId = (await step('maria', 'requestInformation', { from: 'SELLER', question: 'Packing photos, please?' })).informationRequests[0].requestId;
    if (stage === 'decided') await step('maria', 'issueDecision', ruling(dispute.id));
    if (stage === 'appealed') {
      await step('buyer', 'fileAppeal', { grounds: 'A repair shop quoted 25 euros.' });
      await step('mike', 'claimCase', {});
    }
    if (stage === 'awaitingReturn') {
      await step('buyer', 'makeOffer', { terms: { kind: 'RETURN_AND_REFUND' } });
      await step('seller', 'acceptOffer', { offerNumber: 3 });
    }
    if (stage === 'inTransit') await step('buyer', 'markReturnShipped', { carrier: 'DHL', trackingNumber: 'JD0146 0000 1234' });
  }
  return dispute;
}
