import { disputeIdFor } from '../../apps/api/src/disputes/dispute-id';
import { OUTAGE_MESSAGE } from '../../apps/api/src/graphql/outage';
import { subscribe, tokenFor } from '../support/api';
import { TEMPORAL_ADDRESS, TEST_DATABASE_URL, uniqueTaskQueue } from '../support/environment';
import { AGREED, MEDIATORS, playCase } from './support/cases';
import { ResilientClient } from './support/resilient-client';
import { playThroughFault, registerCases } from './support/scenario';
import { faultHarness } from './support/harness';
import { serviceEnvironment } from './support/services';
import { TcpProxy } from './support/tcp-proxy';
import { expectedRecord, settledRecords } from './support/verify';

const OUTAGE_MS = 10_000;
const MEDIATION_QUEUE = `subscription { mediationQueueChanged { inQueue dispute { id status } } }`;

describe('PostgreSQL is unavailable for about 10 seconds (connections refused) during load', () => {
  const harness = faultHarness();
  const database = new URL(TEST_DATABASE_URL);
  const proxy = new TcpProxy({ host: database.hostname, port: Number(database.port || 5432) });

  beforeAll(() => proxy.up());
  // Runs after the harness's own afterAll (declared first), once the services are stopped.
  afterAll(() => proxy.down());

  it('answers UNAVAILABLE meanwhile, then every command lands once, chains intact, live updates flowing again', async () => {
    // The services reach PostgreSQL only through the proxy; this test reads it directly.
    const throughProxy = Object.assign(new URL(TEST_DATABASE_URL), { port: String(proxy.port) }).toString();
    const env = serviceEnvironment(throughProxy, TEMPORAL_ADDRESS, uniqueTaskQueue('fault-database'));
    await harness.start('worker', 'worker', env);
    const api = await harness.start('api', 'api', env);
    const client = new ResilientClient(() => [api.url]);
    const cases = await registerCases(harness.dataSource, 16);
    const [probed] = cases;
    let probeAnswer: Awaited<ReturnType<ResilientClient['once']>> | undefined;

    const run = await playThroughFault(client, cases, {
      lanes: 8,
      faultAfterSteps: 25,
      fault: async () => {
        await proxy.down();
        const back = Date.now() + OUTAGE_MS;
        // Whether the load's own requests reach the API while the database is away depends on
        // timing (all eight lanes may be waiting on Updates), so one command is sent then for
        // certain: the API must read the dispute first, and cannot.
        probeAnswer = await client.once('BUYER', probed.order.buyerId, 'postMessage', {
          disputeId: disputeIdFor(probed.order.orderId, 1),
          body: 'Sent while the database is away.',
          idempotencyKey: 'probe-during-outage',
        });
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, back - Date.now())));
        await proxy.up();
      },
    });

    expect(run.stepsAtFault).toBeLessThan(run.totalSteps);
    expect(probeAnswer).toEqual({ retry: `UNAVAILABLE: ${OUTAGE_MESSAGE}` });
    // The clients were told to retry while the database was away (not INTERNAL, which would have failed the run).
    expect(client.log.codes.UNAVAILABLE ?? 0).toBeGreaterThan(0);
    const records = await settledRecords(harness.dataSource, run.played);
    expect(records).toEqual(run.played.map(expectedRecord));

    // The LISTEN connection behind subscriptions came back too: a new escalation reaches a mediator's subscription.
    const feed = subscribe<{ mediationQueueChanged: { inQueue: boolean; dispute: { id: string; status: string } } }>(api.url, MEDIATION_QUEUE, {}, await tokenFor('MEDIATOR', MEDIATORS.mediator));
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const [escalating] = await registerCases(harness.dataSource, 1, [AGREED]);
      const played = await playCase(client, { ...AGREED, steps: AGREED.steps.slice(0, 2) }, escalating.order);
      await client.mutate('BUYER', escalating.order.buyerId, 'escalateDispute', { disputeId: played.disputeId, note: 'We cannot agree.', idempotencyKey: 'escalate-after-outage' });
      const [update] = await feed.take(1, 20_000);
      expect(update.mediationQueueChanged).toEqual({ inQueue: true, dispute: { id: played.disputeId, status: 'UNDER_MEDIATION' } });
    } finally {
      await feed.close();
    }
  }, 300_000);
});
