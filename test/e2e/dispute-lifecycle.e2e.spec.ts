import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { graphql, startApi, tokenFor, type RunningApi } from '../support/api';
import { NEVER, shortPolicy } from '../support/commands';
import { eventsOf, openTestDataSource } from '../support/database';
import { uniqueTaskQueue } from '../support/environment';
import { connectClient, startWorker, type RunningWorker } from '../support/temporal';
import { uploadEvidence } from '../support/evidence';
import { mutate, ok, openInput, readDispute, registerOrder, ruling, until, type DisputeView, type RegisteredOrder } from './support/disputes';

describe('the dispute lifecycle over GraphQL (real API, worker, Temporal and PostgreSQL)', () => {
  const taskQueue = uniqueTaskQueue('e2e-lifecycle');
  let dataSource: DataSource;
  let temporal: Client;
  let worker: RunningWorker;
  let api: RunningApi;
  /** Pins a policy whose seller response window is two seconds. */
  let hastyApi: RunningApi;
  let system: string;
  let auditor: string;
  let maria: string;
  let mike: string;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    temporal = await connectClient();
    worker = await startWorker(dataSource, taskQueue);
    api = await startApi(dataSource, temporal, taskQueue);
    hastyApi = await startApi(dataSource, temporal, taskQueue, { policy: shortPolicy({ negotiationWindowMs: NEVER, mediationSlaMs: NEVER, appealWindowMs: NEVER }) });
    [system, auditor, maria, mike] = await Promise.all([tokenFor('SYSTEM', 'order-feed'), tokenFor('AUDITOR', 'auditor-ada'), tokenFor('MEDIATOR', 'mediator-maria'), tokenFor('MEDIATOR', 'mediator-mike')]);
  });
  afterAll(async () => {
    await api?.stop();
    await hastyApi?.stop();
    await worker?.stop();
    await temporal?.connection.close();
    await dataSource?.destroy();
  });

  describe("the buyer's story", () => {
    it('runs from opening through negotiation, mediation and appeal to a recorded refund and a closed case', async () => {
      const order = await registerOrder(api.url, system);
      const buyer = await tokenFor('BUYER', order.buyerId);
      const seller = await tokenFor('SELLER', order.sellerId);

      // 1. The buyer opens with a reason, a description, evidence and the resolution they want.
      const opened = await ok(mutate(api.url, buyer, 'openDispute', openInput(order, { idempotencyKey: 'story-open' })));
      expect(opened).toMatchObject({ status: 'OPEN', reason: 'NOT_AS_DESCRIBED', whoseTurn: { role: 'SELLER' }, deadlines: [{ kind: 'SELLER_RESPONSE' }] });
      expect(opened.availableActions).toEqual(expect.arrayContaining(['POST_MESSAGE', 'ADD_EVIDENCE', 'WITHDRAW_DISPUTE']));
      expect(opened.availableActions).not.toContain('MAKE_OFFER');
      const id = opened.id;

      // 2. The seller counter-offers.
      const seller1 = await readDispute(api.url, seller, id);
      expect(seller1.data!.dispute.availableActions).toEqual(expect.arrayContaining(['RESPOND_TO_DISPUTE']));
      const countered = await ok(
        mutate(api.url, seller, 'respondToDispute', { disputeId: id, response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1000, currency: 'EUR' } }, message: 'Ten euros covers a screen protector.' }),
      );
      expect(countered.status).toBe('NEGOTIATING');
      expect(countered.offers.map((offer) => [offer.offerNumber, offer.by, offer.status, offer.amount?.amountMinor])).toEqual([
        [1, 'BUYER', 'OPEN', 2000],
        [2, 'SELLER', 'OPEN', 1000],
      ]);
      expect(countered.whoseTurn).toMatchObject({ role: 'BUYER' });

      // 3. Messages, and more evidence from the buyer.
      await ok(mutate(api.url, buyer, 'postMessage', { disputeId: id, body: 'The crack runs through the display; it is not cosmetic.' }));
      await ok(mutate(api.url, seller, 'postMessage', { disputeId: id, body: 'Please send a photo with the device switched on.' }));
      const switchedOn = await uploadEvidence(api.url, buyer, 'switched-on');
      const withPhoto = await ok(mutate(api.url, buyer, 'addEvidence', { disputeId: id, evidence: [switchedOn] }));
      expect(withPhoto.evidence.map((item) => [item.evidenceId, item.sha256, item.contentType])).toEqual([
        [order.openingPhoto.evidenceId, order.openingPhoto.sha256, 'image/jpeg'],
        [switchedOn.evidenceId, switchedOn.sha256, 'image/jpeg'],
      ]);
      const conversation = await graphql<{ dispute: { messages: { totalCount: number; edges: { node: { body: string; authorRole: string } }[] } } }>(
        api.url,
        `query($id: ID!) { dispute(id: $id) { messages(first: 10) { totalCount edges { node { body authorRole } } } } }`,
        { id },
        seller,
      );
      const bodies = conversation.data!.dispute.messages.edges.map((edge) => [edge.node.authorRole, edge.node.body]);
      expect(bodies).toEqual(
        expect.arrayContaining([
          ['BUYER', 'The crack runs through the display; it is not cosmetic.'],
          ['SELLER', 'Please send a photo with the device switched on.'],
        ]),
      );

      // 4. The buyer escalates; the case appears in the mediation queue, unclaimed.
      const escalated = await ok(mutate(api.url, buyer, 'escalateDispute', { disputeId: id, note: 'We cannot agree on the amount.' }));
      expect(escalated).toMatchObject({ status: 'UNDER_MEDIATION', mediation: { reason: 'BUYER_REQUEST', mediatorId: null }, whoseTurn: { role: 'MEDIATOR' } });
      const queue = await graphql<{ mediationQueue: { id: string }[] }>(api.url, `{ mediationQueue(first: 100) { id } }`, {}, maria);
      expect(queue.data!.mediationQueue.map((entry) => entry.id)).toContain(id);

      // 5. A mediator claims the case, asks the seller, and decides.
      const claimed = await ok(mutate(api.url, maria, 'claimCase', { disputeId: id }));
      expect(claimed.mediation?.mediatorId).toBe('mediator-maria');
      expect(claimed.availableActions).toEqual(expect.arrayContaining(['ISSUE_DECISION', 'REQUEST_INFORMATION', 'POST_MESSAGE']));
      const asked = await ok(mutate(api.url, maria, 'requestInformation', { disputeId: id, from: 'SELLER', question: 'Was the item tested before shipping?' }));
      const request = asked.informationRequests[0];
      expect(request).toMatchObject({ from: 'SELLER', status: 'OPEN' });
      const answered = await ok(mutate(api.url, seller, 'answerInformationRequest', { disputeId: id, requestId: request.requestId, answer: 'Yes, it worked when packed.' }));
      expect(answered.informationRequests[0].status).toBe('ANSWERED');
      const decided = await ok(mutate(api.url, maria, 'issueDecision', ruling(id, { citedEvidenceIds: [switchedOn.evidenceId] })));
      expect(decided).toMatchObject({ status: 'DECIDED', decision: { mediatorId: 'mediator-maria', outcome: 'PARTIAL_REFUND', refund: { amountMinor: 1500 } } });
      expect(decided.decision!.appealDueAt).not.toBeNull();

      // 6. The buyer appeals; a different mediator decides, finally.
      const repairQuote = await uploadEvidence(api.url, buyer, 'repair-quote', 'DOCUMENT');
      const appealed = await ok(mutate(api.url, buyer, 'fileAppeal', { disputeId: id, grounds: 'A repair shop quoted 25 euros for the screen.', evidence: [repairQuote] }));
      expect(appealed).toMatchObject({ status: 'UNDER_APPEAL', appeal: { by: 'BUYER', decidedBy: null } });
      const sameMediator = await mutate(api.url, maria, 'claimCase', { disputeId: id });
      expect(sameMediator.errors?.[0].extensions.code).toBe('FORBIDDEN');
      await ok(mutate(api.url, mike, 'claimCase', { disputeId: id }));
      const final = await ok(mutate(api.url, mike, 'decideAppeal', ruling(id, { amount: { amountMinor: 2500, currency: 'EUR' }, citedEvidenceIds: [repairQuote.evidenceId] })));
      expect(['RESOLVED', 'CLOSED']).toContain(final.status);
      expect(final).toMatchObject({ appeal: { decidedBy: 'mediator-mike', upheld: false }, outcome: { kind: 'PARTIAL_REFUND', refund: { amountMinor: 2500 } }, resolvedVia: 'APPEAL' });

      // 7. The refund is executed and recorded; the case closes.
      const closed = await until(
        async () => (await readDispute(api.url, buyer, id)).data!.dispute,
        (dispute) => dispute.status === 'CLOSED',
      );
      expect(closed).toMatchObject({ refund: { status: 'SUCCEEDED', amount: { amountMinor: 2500 } }, refundedMinor: 2500, reason: 'NOT_AS_DESCRIBED', availableActions: [], whoseTurn: null });
      const refundedOrder = await graphql<{ order: { amountRefundedMinor: number } }>(api.url, `query($id: ID!) { order(id: $id) { amountRefundedMinor } }`, { id: order.orderId }, buyer);
      expect(refundedOrder.data!.order.amountRefundedMinor).toBe(2500);

      // The auditor reads the whole history, hash-chained.
      const history = await graphql<{ disputeEvents: { edges: { node: { sequence: number; type: string; hash: string; previousHash: string; commandId: string | null } }[] } }>(
        api.url,
        `query($id: ID!) { disputeEvents(disputeId: $id, first: 100) { edges { node { sequence type hash previousHash commandId } } } }`,
        { id },
        auditor,
      );
      const events = history.data!.disputeEvents.edges.map((edge) => edge.node);
      expect(events.map((event) => event.type)).toEqual((await eventsOf(dataSource, id)).map((event) => event.type));
      expect(events.map((event) => event.type)).toEqual(
        expect.arrayContaining(['DisputeOpened', 'SellerResponded', 'MessagePosted', 'DisputeEscalated', 'MediatorAssigned', 'DecisionIssued', 'AppealFiled', 'AppealDecided', 'RefundSucceeded', 'DisputeClosed']),
      );
      events.slice(1).forEach((event, index) => expect(event.previousHash).toBe(events[index].hash));
      expect(events[0].commandId).toBe(`BUYER:${order.buyerId}:story-open`);
    });
  });

  it('sends the case to mediation by itself when the seller stays silent', async () => {
    const order = await registerOrder(hastyApi.url, system);
    const buyer = await tokenFor('BUYER', order.buyerId);
    const opened = await ok(mutate(hastyApi.url, buyer, 'openDispute', openInput(order)));

    const escalated = await until(
      async () => (await readDispute(hastyApi.url, buyer, opened.id)).data!.dispute,
      (dispute) => dispute.status === 'UNDER_MEDIATION',
    );

    expect(escalated.mediation).toMatchObject({ reason: 'SELLER_NO_RESPONSE', mediatorId: null });
    const seen = await readDispute(api.url, maria, opened.id);
    expect(seen.data!.dispute.availableActions).toContain('CLAIM_CASE');
    const late = await mutate(api.url, await tokenFor('SELLER', order.sellerId), 'respondToDispute', { disputeId: opened.id, response: 'ACCEPT_REQUEST' });
    expect(late.errors?.[0].extensions.code).toBe('INVALID_STATE');
  });

  it('never lets the reason change: no operation takes one, and a second opening is refused', async () => {
    const order = await registerOrder(api.url, system);
    const buyer = await tokenFor('BUYER', order.buyerId);
    const opened = await ok(mutate(api.url, buyer, 'openDispute', openInput(order)));

    const sneaky = await mutate(api.url, buyer, 'postMessage', { disputeId: opened.id, body: 'Actually it never arrived.', reason: 'NOT_RECEIVED' });
    expect(sneaky.errors?.[0].extensions.code).toBe('VALIDATION');
    const reopened = await mutate(api.url, buyer, 'openDispute', openInput(order, { reason: 'NOT_RECEIVED', subReason: 'NO_TRACKING', evidence: [], requestedResolution: { kind: 'FULL_REFUND' } }));
    expect(reopened.errors?.[0].extensions.code).toBe('CONFLICT');

    const read = await readDispute(api.url, buyer, opened.id);
    expect(read.data!.dispute).toMatchObject({ reason: 'NOT_AS_DESCRIBED', version: opened.version });
  });

  describe('withdrawal', () => {
    let id: string;
    let buyer: string;
    let order: RegisteredOrder;
    let withdrawn: DisputeView;

    beforeAll(async () => {
      order = await registerOrder(api.url, system);
      buyer = await tokenFor('BUYER', order.buyerId);
      id = (await ok(mutate(api.url, buyer, 'openDispute', openInput(order)))).id;
      withdrawn = await ok(mutate(api.url, buyer, 'withdrawDispute', { disputeId: id, reason: 'The seller sent a replacement outside the platform.', idempotencyKey: 'withdraw-1' }));
    });

    it('ends the dispute for good', async () => {
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', availableActions: [], whoseTurn: null });
      expect(withdrawn.withdrawnAt).not.toBeNull();
      const after = await mutate(api.url, buyer, 'postMessage', { disputeId: id, body: 'Hello?' });
      expect(after.errors?.[0].extensions.code).toBe('INVALID_STATE');
    });

    it('answers a retry after the workflow has completed with the first result, recording nothing', async () => {
      const before = await eventsOf(dataSource, id);
      const retry = await ok(mutate(api.url, buyer, 'withdrawDispute', { disputeId: id, reason: 'The seller sent a replacement outside the platform.', idempotencyKey: 'withdraw-1' }));
      expect(retry).toMatchObject({ status: 'WITHDRAWN', version: withdrawn.version });
      expect(await eventsOf(dataSource, id)).toEqual(before);
    });

    it('lets the buyer open a new dispute on the order while the window lasts', async () => {
      // The buyer's own photo may be cited again: it is a new case file.
      const second = await ok(mutate(api.url, buyer, 'openDispute', openInput(order)));
      expect(second.id).not.toBe(id);
      expect(second.status).toBe('OPEN');
    });
  });
});
