import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { startApi, subscribe, tokenFor, type RunningApi } from '../support/api';
import { openTestDataSource } from '../support/database';
import { uniqueTaskQueue } from '../support/environment';
import { uploadEvidence } from '../support/evidence';
import { connectClient, startWorker, type RunningWorker } from '../support/temporal';
import { mutate, ok, openInput, registerOrder } from './support/disputes';

const DISPUTE_UPDATED = `subscription($id: ID!) { disputeUpdated(id: $id) { id status version availableActions mediation { mediatorId } } }`;
const QUEUE_CHANGED = `subscription { mediationQueueChanged { inQueue dispute { id status mediation { mediatorId } } } }`;

type Updated = { disputeUpdated: { id: string; status: string; version: number; availableActions: string[]; mediation: { mediatorId: string | null } | null } };
type QueueChanged = { mediationQueueChanged: { inQueue: boolean; dispute: { id: string; status: string; mediation: { mediatorId: string | null } | null } } };

describe('live updates over graphql-ws, fanned out through PostgreSQL LISTEN/NOTIFY', () => {
  const taskQueue = uniqueTaskQueue('e2e-live');
  let dataSource: DataSource;
  let temporal: Client;
  let worker: RunningWorker;
  /** Two API instances: subscribers on one, commands through the other. */
  let listening: RunningApi;
  let writing: RunningApi;
  let system: string;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    temporal = await connectClient();
    worker = await startWorker(dataSource, taskQueue);
    listening = await startApi(dataSource, temporal, taskQueue);
    writing = await startApi(dataSource, temporal, taskQueue);
    system = await tokenFor('SYSTEM', 'order-feed');
  });
  afterAll(async () => {
    await listening?.stop();
    await writing?.stop();
    await worker?.stop();
    await temporal?.connection.close();
    await dataSource?.destroy();
  });

  async function openedDispute() {
    const order = await registerOrder(writing.url, system);
    const buyer = await tokenFor('BUYER', order.buyerId);
    const seller = await tokenFor('SELLER', order.sellerId);
    const dispute = await ok(mutate(writing.url, buyer, 'openDispute', openInput(order)));
    return { id: dispute.id, version: dispute.version, buyer, seller };
  }

  it('delivers each change of a dispute made through another API instance, read with the subscriber\u2019s rights', async () => {
    const { id, buyer, seller } = await openedDispute();
    const forBuyer = subscribe<Updated>(listening.url, DISPUTE_UPDATED, { id }, buyer);
    const forSeller = subscribe<Updated>(listening.url, DISPUTE_UPDATED, { id }, seller);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300)); // let both subscriptions register
      const responded = await ok(mutate(writing.url, seller, 'respondToDispute', { disputeId: id, response: 'COUNTER_OFFER', offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 900, currency: 'EUR' } } }));
      const messaged = await ok(mutate(writing.url, buyer, 'postMessage', { disputeId: id, body: 'Nine euros is not enough.' }));

      const buyerSaw = await forBuyer.take(2);
      expect(buyerSaw.map((update) => [update.disputeUpdated.status, update.disputeUpdated.version])).toEqual([
        ['NEGOTIATING', responded.version],
        ['NEGOTIATING', messaged.version],
      ]);
      expect(buyerSaw[1].disputeUpdated.availableActions).toContain('WITHDRAW_DISPUTE');
      const sellerSaw = await forSeller.take(2);
      expect(sellerSaw[1].disputeUpdated.availableActions).not.toContain('WITHDRAW_DISPUTE');
    } finally {
      await forBuyer.close();
      await forSeller.close();
    }
  });

  it('answers a subscription to a dispute the caller may not see with NOT_FOUND', async () => {
    const { id } = await openedDispute();
    const stranger = subscribe<Updated>(listening.url, DISPUTE_UPDATED, { id }, await tokenFor('BUYER', 'someone-else'));
    try {
      const failure = (await stranger.failure()) as { extensions: { code: string } }[];
      expect(failure[0].extensions.code).toBe('NOT_FOUND');
    } finally {
      await stranger.close();
    }
  });

  it('refuses a WebSocket connection without a valid token', async () => {
    const anonymous = subscribe<Updated>(listening.url, DISPUTE_UPDATED, { id: '00000000-0000-4000-8000-000000000000' });
    try {
      const failure = (await anonymous.failure()) as { code?: number };
      expect(failure.code).toBe(4403);
    } finally {
      await anonymous.close();
    }
  });

  it('tells mediators when a case enters the queue and when it is claimed', async () => {
    const maria = await tokenFor('MEDIATOR', 'mediator-maria');
    const queue = subscribe<QueueChanged>(listening.url, QUEUE_CHANGED, {}, maria);
    try {
      const { id, buyer, seller } = await openedDispute();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const packing = await uploadEvidence(writing.url, seller, 'packing');
      await ok(mutate(writing.url, seller, 'respondToDispute', { disputeId: id, response: 'REJECT', explanation: 'The item was fine when shipped.', evidence: [packing] }));
      await ok(mutate(writing.url, buyer, 'escalateDispute', { disputeId: id, note: 'The seller refuses everything.' }));
      await ok(mutate(writing.url, maria, 'claimCase', { disputeId: id }));

      const changes = (await queue.take(2)).map((change) => change.mediationQueueChanged).filter((change) => change.dispute.id === id);
      expect(changes.map((change) => [change.inQueue, change.dispute.status, change.dispute.mediation?.mediatorId ?? null])).toEqual([
        [true, 'UNDER_MEDIATION', null],
        [true, 'UNDER_MEDIATION', 'mediator-maria'],
      ]);
    } finally {
      await queue.close();
    }
  });

  it('refuses the mediation queue subscription to parties', async () => {
    const buyer = subscribe<QueueChanged>(listening.url, QUEUE_CHANGED, {}, await tokenFor('BUYER', 'buyer-x'));
    try {
      const failure = (await buyer.failure()) as { extensions: { code: string } }[];
      expect(failure[0].extensions.code).toBe('FORBIDDEN');
    } finally {
      await buyer.close();
    }
  });
});
