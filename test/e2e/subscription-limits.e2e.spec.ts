import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { startApi, subscribe, tokenFor, type RunningApi } from '../support/api';
import { openTestDataSource } from '../support/database';
import { uniqueTaskQueue } from '../support/environment';
import { connectClient, startWorker, type RunningWorker } from '../support/temporal';
import { mutate, ok, openInput, registerOrder } from './support/disputes';

/** A subscription asking for `$n` messages of the dispute with every update: depth 5, cost about 4 × n. */
const WITH_MESSAGES = `subscription($id: ID!, $n: Int!) { disputeUpdated(id: $id) { version messages(first: $n) { edges { node { body } } } } }`;
const SHALLOW = `subscription($id: ID!) { disputeUpdated(id: $id) { version } }`;

type Refusal = { message: string; extensions: { code: string } }[];
type Updated = { disputeUpdated: { version: number; messages?: { edges: { node: { body: string } }[] } } };

describe('limits on subscription operations over graphql-ws (real API, worker, Temporal and PostgreSQL)', () => {
  const taskQueue = uniqueTaskQueue('e2e-ws-limits');
  let dataSource: DataSource;
  let temporal: Client;
  let worker: RunningWorker;
  const apis: RunningApi[] = [];
  let system: string;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    temporal = await connectClient();
    worker = await startWorker(dataSource, taskQueue);
    system = await tokenFor('SYSTEM', 'order-feed');
  });
  afterAll(async () => {
    for (const api of apis) await api.stop();
    await worker?.stop();
    await temporal?.connection.close();
    await dataSource?.destroy();
  });

  const started = async (settings: NonNullable<Parameters<typeof startApi>[3]>['settings']) => {
    const api = await startApi(dataSource, temporal, taskQueue, { settings });
    apis.push(api);
    return api;
  };

  describe('depth and cost, as over HTTP', () => {
    let api: RunningApi;
    let setup: RunningApi;
    let buyer: string;
    let disputeId: string;

    beforeAll(async () => {
      api = await started({ maxQueryDepth: 5, maxQueryComplexity: 100 });
      // The dispute is opened through an API with the default limits: the helper asks for the whole
      // case file, which costs more than this API's low limit allows (the limits under test are the subscriptions').
      setup = await started({});
      const order = await registerOrder(setup.url, system);
      buyer = await tokenFor('BUYER', order.buyerId);
      disputeId = (await ok(mutate(setup.url, buyer, 'openDispute', openInput(order)))).id;
    });

    it('refuses a subscription nested deeper than the limit before it starts', async () => {
      const deep = subscribe(api.url, `subscription { mediationQueueChanged { inQueue dispute { messages(first: 1) { edges { node { body at } } } } } }`, {}, await tokenFor('MEDIATOR', 'mediator-maria'));
      try {
        const errors = (await deep.failure()) as Refusal;
        expect(errors.map((error) => error.extensions.code)).toEqual(['VALIDATION']);
        expect(errors[0].message).toMatch(/nests 6 levels deep; the limit is 5/);
      } finally {
        await deep.close();
      }
    });

    it('refuses a subscription that could read too many items, pricing the page size from the variables', async () => {
      const expensive = subscribe(api.url, WITH_MESSAGES, { id: disputeId, n: 50 }, buyer);
      try {
        const errors = (await expensive.failure()) as Refusal;
        expect(errors.map((error) => error.extensions.code)).toEqual(['VALIDATION']);
        expect(errors[0].message).toMatch(/could read about \d+ items; the limit is 100/);
      } finally {
        await expensive.close();
      }
    });

    it('lets a subscription within the limits run and deliver updates', async () => {
      const fine = subscribe<Updated>(api.url, WITH_MESSAGES, { id: disputeId, n: 5 }, buyer);
      try {
        // The client does not say when the server has subscribed: post until an update arrives. Posts go
        // through the default-limits API (the mutation's answer is the whole case file); updates reach every API.
        const refused = fine.failure().then((error) => Promise.reject(new Error(`refused: ${JSON.stringify(error)}`)));
        let updates: Updated[] = [];
        for (let attempt = 1; updates.length === 0 && attempt <= 10; attempt += 1) {
          await ok(mutate(setup.url, buyer, 'postMessage', { disputeId, body: `Is anyone there? (${attempt})` }));
          updates = await Promise.race([fine.take(1, 1_000).catch(() => []), refused]);
        }
        expect(updates[0].disputeUpdated.messages!.edges.map((edge) => edge.node.body)).toContain('Is anyone there? (1)');
      } finally {
        await fine.close();
      }
    });
  });

  it('counts subscribe operations against the account\u2019s rate limit, like its HTTP operations', async () => {
    const api = await started({ rateLimitPerMinute: 2 });
    const auditor = await tokenFor('AUDITOR', 'auditor-ws-busy');
    const id = '00000000-0000-4000-8000-000000000000';
    const [first, second] = [subscribe(api.url, SHALLOW, { id }, auditor), subscribe(api.url, SHALLOW, { id }, auditor)];
    // Both are admitted by the limiter and then refused by the resolver (no such dispute).
    expect(((await first.failure()) as Refusal)[0].extensions.code).toBe('NOT_FOUND');
    expect(((await second.failure()) as Refusal)[0].extensions.code).toBe('NOT_FOUND');
    const third = subscribe(api.url, SHALLOW, { id }, auditor);
    const other = subscribe(api.url, SHALLOW, { id }, await tokenFor('AUDITOR', 'auditor-ws-calm'));
    try {
      const refused = (await third.failure()) as Refusal;
      expect(refused[0].extensions.code).toBe('RATE_LIMITED');
      expect(refused[0].message).toMatch(/try again in \d+ s/);
      expect(((await other.failure()) as Refusal)[0].extensions.code).toBe('NOT_FOUND');
    } finally {
      for (const subscription of [first, second, third, other]) await subscription.close();
    }
  });
});
