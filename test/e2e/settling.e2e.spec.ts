import { mintToken } from '../../scripts/mint-token';
import { DEV_JWT_SECRET } from '../../libs/platform/src';
import { graphql, tokenFor, withDisputeApi } from '../support/api';
import { eventually } from '../support/commands';
import { mutate, ok, openInput, readDispute, registerOrder, ruling } from './support/disputes';

/** Settling at any stage and the mediator's full job, through GraphQL over HTTP to the real stack. */
describe('settling and the mediator\u2019s job (real API, worker, Temporal and PostgreSQL)', () => {
  const suite = withDisputeApi('e2e-settling');
  let system: string;
  let maria: string;
  let mike: string;
  let lena: string;

  beforeAll(async () => {
    [system, maria, mike] = await Promise.all([tokenFor('SYSTEM', 'order-feed'), tokenFor('MEDIATOR', 'mediator-maria'), tokenFor('MEDIATOR', 'mediator-mike')]);
    lena = await mintToken(DEV_JWT_SECRET, 'MEDIATOR', 'mediator-lena', '1h', undefined, undefined, true);
  });

  const errorOf = (answer: { errors?: { extensions: Record<string, unknown> }[] }) => answer.errors?.[0]?.extensions;

  async function negotiating() {
    const order = await registerOrder(suite.api.url, system);
    const buyer = await tokenFor('BUYER', order.buyerId);
    const seller = await tokenFor('SELLER', order.sellerId);
    const id = (await ok(mutate(suite.api.url, buyer, 'openDispute', openInput(order)))).id;
    await ok(mutate(suite.api.url, seller, 'respondToDispute', { disputeId: id, response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1000, currency: 'EUR' } } }));
    return { id, buyer, seller, order };
  }

  async function claimedByMaria() {
    const dispute = await negotiating();
    await ok(mutate(suite.api.url, dispute.buyer, 'escalateDispute', { disputeId: dispute.id, note: 'The seller will not refund.' }));
    await ok(mutate(suite.api.url, maria, 'claimCase', { disputeId: dispute.id }));
    return dispute;
  }

  it('the seller concedes: offered as an action, settled by concession; nobody else may', async () => {
    const { id, buyer, seller } = await negotiating();
    const before = (await readDispute(suite.api.url, seller, id)).data!.dispute;
    expect(before.availableActions).toContain('CONCEDE_DISPUTE');

    const refused = await mutate(suite.api.url, buyer, 'concedeDispute', { disputeId: id, remedy: 'FULL_REFUND' });
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN' });

    const conceded = await ok(mutate(suite.api.url, seller, 'concedeDispute', { disputeId: id, remedy: 'AS_REQUESTED', message: 'Fair enough.' }));
    expect(conceded).toMatchObject({ resolvedVia: 'CONCESSION', outcome: { kind: 'PARTIAL_REFUND', refund: { amountMinor: 2000 } } });
    expect(conceded.offers.map((offer) => offer.status)).toEqual(['LAPSED', 'LAPSED']);
    const closed = await eventually(async () => (await readDispute(suite.api.url, buyer, id)).data!.dispute, (d) => d.status === 'CLOSED');
    expect(closed.refundedMinor).toBe(2000);

    const twice = await mutate(suite.api.url, seller, 'concedeDispute', { disputeId: id, remedy: 'FULL_REFUND' });
    expect(errorOf(twice)).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('in mediation the parties still settle by offer, and the mediator sees the offers', async () => {
    const { id, buyer, seller } = await claimedByMaria();
    const offered = await ok(mutate(suite.api.url, seller, 'makeOffer', { disputeId: id, terms: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1800, currency: 'EUR' } } }));
    expect(offered.status).toBe('UNDER_MEDIATION');
    const seen = (await readDispute(suite.api.url, maria, id)).data!.dispute;
    expect(seen.offers[2]).toMatchObject({ offerNumber: 3, by: 'SELLER', status: 'OPEN', amount: { amountMinor: 1800 } });
    expect((await readDispute(suite.api.url, buyer, id)).data!.dispute.availableActions).toEqual(expect.arrayContaining(['ACCEPT_OFFER', 'REJECT_OFFER', 'MAKE_OFFER']));

    const agreed = await ok(mutate(suite.api.url, buyer, 'acceptOffer', { disputeId: id, offerNumber: 3 }));
    expect(agreed).toMatchObject({ resolvedVia: 'AGREEMENT', outcome: { kind: 'PARTIAL_REFUND', refund: { amountMinor: 1800 } }, deadlines: [] });
  });

  it('the buyer may withdraw under appeal', async () => {
    const { id, buyer, seller } = await claimedByMaria();
    await ok(mutate(suite.api.url, maria, 'issueDecision', ruling(id)));
    await ok(mutate(suite.api.url, seller, 'fileAppeal', { disputeId: id, grounds: 'The courier report shows rough handling by the buyer.' }));
    const withdrawn = await ok(mutate(suite.api.url, buyer, 'withdrawDispute', { disputeId: id, reason: 'Not worth the time.' }));
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', outcome: null, refund: null });
  });

  it('release, and reassignment by a lead mediator only (the appeal rule holds)', async () => {
    const me = await graphql<{ viewer: { id: string; lead: boolean } }>(suite.api.url, 'query { viewer { id lead } }', {}, lena);
    expect(me.data?.viewer).toEqual({ id: 'mediator-lena', lead: true });
    expect((await graphql<{ viewer: { lead: boolean } }>(suite.api.url, 'query { viewer { lead } }', {}, maria)).data?.viewer.lead).toBe(false);

    const { id, seller } = await claimedByMaria();
    expect((await readDispute(suite.api.url, maria, id)).data!.dispute.availableActions).toEqual(expect.arrayContaining(['RELEASE_CASE', 'EXTEND_DEADLINE']));
    const released = await ok(mutate(suite.api.url, maria, 'releaseCase', { disputeId: id, reason: 'I know the seller.' }));
    expect(released.mediation?.mediatorId).toBeNull();

    const byPlainMediator = await mutate(suite.api.url, mike, 'reassignCase', { disputeId: id, mediatorId: 'mediator-mike', reason: 'Mine now.' });
    expect(errorOf(byPlainMediator)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await readDispute(suite.api.url, lena, id)).data!.dispute.availableActions).toContain('REASSIGN_CASE');
    const reassigned = await ok(mutate(suite.api.url, lena, 'reassignCase', { disputeId: id, mediatorId: 'mediator-maria', reason: 'Maria is free again.' }));
    expect(reassigned.mediation?.mediatorId).toBe('mediator-maria');

    await ok(mutate(suite.api.url, maria, 'issueDecision', ruling(id)));
    await ok(mutate(suite.api.url, seller, 'fileAppeal', { disputeId: id, grounds: 'New courier report.' }));
    const toDecider = await mutate(suite.api.url, lena, 'reassignCase', { disputeId: id, mediatorId: 'mediator-maria', reason: 'She knows the case.' });
    expect(errorOf(toDecider)).toMatchObject({ code: 'FORBIDDEN', field: 'mediatorId' });
  });

  it('the holder extends the SLA within the policy\u2019s bounds; the ledger and the deadline show it', async () => {
    const { id } = await claimedByMaria();
    const before = (await readDispute(suite.api.url, maria, id)).data!.dispute;
    const due = before.mediation!.slaDueAt;
    const tooFar = new Date(Date.parse(due) + 15 * 24 * 3600 * 1000).toISOString();
    const refused = await mutate(suite.api.url, maria, 'extendDeadline', { disputeId: id, deadline: 'MEDIATION_SLA', dueAt: tooFar, reason: 'Courier strike.' });
    expect(errorOf(refused)).toMatchObject({ code: 'VALIDATION', field: 'dueAt' });
    expect(errorOf(await mutate(suite.api.url, mike, 'extendDeadline', { disputeId: id, deadline: 'MEDIATION_SLA', dueAt: tooFar, reason: 'x' }))).toMatchObject({ code: 'FORBIDDEN' });

    const later = new Date(Date.parse(due) + 3 * 24 * 3600 * 1000).toISOString();
    const extended = await ok(mutate(suite.api.url, maria, 'extendDeadline', { disputeId: id, deadline: 'MEDIATION_SLA', dueAt: later, reason: 'Courier strike.' }));
    expect(extended.deadlines).toEqual([{ kind: 'MEDIATION_SLA', dueAt: later }]);
    expect(extended.deadlineExtensions).toEqual([{ deadline: 'MEDIATION_SLA', requestId: null, previousDueAt: due, dueAt: later, reason: 'Courier strike.', mediatorId: 'mediator-maria' }]);
  });

  it('an operator orders a refund retry (SYSTEM only, only after a failed attempt)', async () => {
    const { id, seller, order } = await negotiating();
    const retry = (token: string) =>
      graphql<{ retryRefund: { disputeId: string; status: string; refund: { status: string; attempts: number } | null } }>(
        suite.api.url,
        'mutation Retry($input: RetryRefundInput!) { retryRefund(input: $input) { disputeId status refund { status attempts } } }',
        { input: { disputeId: id, reason: 'The other refund was reversed.' } },
        token,
      );
    expect(errorOf(await retry(seller))).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(await retry(system))).toMatchObject({ code: 'INVALID_STATE' });

    // The payment port declines while another channel has refunded the whole order.
    await suite.dataSource.query('UPDATE orders SET amount_refunded_minor = amount_paid_minor WHERE order_id = $1', [order.orderId]);
    await ok(mutate(suite.api.url, seller, 'acceptOffer', { disputeId: id, offerNumber: 1 }));
    await eventually(async () => (await readDispute(suite.api.url, seller, id)).data!.dispute, (d) => d.refund?.status === 'FAILED');
    await suite.dataSource.query('UPDATE orders SET amount_refunded_minor = 0 WHERE order_id = $1', [order.orderId]);

    const ordered = await retry(system);
    expect(ordered.errors).toBeUndefined();
    expect(ordered.data?.retryRefund).toMatchObject({ disputeId: id, status: 'RESOLVED', refund: { status: 'FAILED', attempts: 1 } });
    const closed = await eventually(async () => (await readDispute(suite.api.url, seller, id)).data!.dispute, (d) => d.status === 'CLOSED');
    expect(closed.refund).toMatchObject({ status: 'SUCCEEDED', refundId: `${id}:refund:2` });
    expect(closed.availableActions).toEqual([]);
  });
});
