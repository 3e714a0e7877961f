import { Client, Connection } from '@temporalio/client';
import { OrderStore } from '../../libs/persistence/src';
import { NEVER, openDisputeWorkflow, shortPolicy } from '../support/commands';
import { TEMPORAL_NAMESPACE, TEST_DATABASE_URL, uniqueTaskQueue } from '../support/environment';
import { anOrder } from '../support/fixtures';
import { SILENT_SELLER, type PlayedCase } from './support/cases';
import { ResilientClient } from './support/resilient-client';
import { playThroughFault, registerCases } from './support/scenario';
import { faultHarness } from './support/harness';
import { serviceEnvironment } from './support/services';
import { PersistedTemporalServer } from './support/temporal-server';
import { expectedRecord, settledRecords } from './support/verify';

describe('the Temporal dev server (file-persisted) is killed and restarted', () => {
  const harness = faultHarness();
  let temporal: PersistedTemporalServer | undefined;

  // Runs after the harness's own afterAll (declared first), once the services are stopped.
  afterAll(() => temporal?.stop());

  it('loses no command, and timers pending across the restart still fire', async () => {
    temporal = await PersistedTemporalServer.start();
    const server = temporal;
    const taskQueue = uniqueTaskQueue('fault-temporal');
    const env = serviceEnvironment(TEST_DATABASE_URL, server.address, taskQueue);
    await harness.start('worker', 'worker', env);
    const api = await harness.start('api', 'api', env);
    const client = new ResilientClient(() => [api.url]);
    const cases = await registerCases(harness.dataSource, 12);
    const silent: PlayedCase[] = [];

    const run = await playThroughFault(client, cases, {
      lanes: 6,
      faultAfterSteps: 15,
      fault: async () => {
        // Sellers who never answer, whose response windows end while the server is down or just after it is back.
        const connection = await Connection.connect({ address: server.address });
        const temporalClient = new Client({ connection, namespace: TEMPORAL_NAMESPACE });
        const orders = new OrderStore(harness.dataSource);
        for (let index = 0; index < 4; index += 1) {
          const order = await orders.register(anOrder());
          const policy = shortPolicy({ sellerResponseWindowMs: 3_000 + index * 2_000, negotiationWindowMs: NEVER, mediationSlaMs: NEVER });
          const opened = await openDisputeWorkflow(temporalClient, taskQueue, order, { policy });
          silent.push({ script: SILENT_SELLER, order, disputeId: opened.disputeId, keys: [] });
        }
        await connection.close();
        await server.kill();
        await new Promise((resolve) => setTimeout(resolve, 5_000));
        await server.restart();
      },
    });

    expect(run.stepsAtFault).toBeLessThan(run.totalSteps);
    const played = [...run.played, ...silent];
    const records = await settledRecords(harness.dataSource, played);
    expect(records).toEqual(played.map(expectedRecord));
  }, 300_000);
});
