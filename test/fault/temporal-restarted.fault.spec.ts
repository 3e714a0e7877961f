import { Client, Connection } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { OrderStore } from '../../libs/persistence/src';
import { NEVER, openDisputeWorkflow, shortPolicy } from '../support/commands';
import { openTestDataSource } from '../support/database';
import { TEMPORAL_NAMESPACE, TEST_DATABASE_URL, uniqueTaskQueue } from '../support/environment';
import { anOrder } from '../support/fixtures';
import { SILENT_SELLER, type PlayedCase } from './support/cases';
import { ResilientClient } from './support/resilient-client';
import { playThroughFault, registerCases } from './support/scenario';
import { Service, serviceEnvironment } from './support/services';
import { PersistedTemporalServer } from './support/temporal-server';
import { expectedRecord, settledRecords } from './support/verify';

describe('the Temporal dev server (file-persisted) is killed and restarted', () => {
  let dataSource: DataSource;
  let temporal: PersistedTemporalServer | undefined;
  const services: Service[] = [];

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await temporal?.stop();
    await dataSource?.destroy();
  });

  it('loses no command, and timers pending across the restart still fire', async () => {
    temporal = await PersistedTemporalServer.start();
    const server = temporal;
    const taskQueue = uniqueTaskQueue('fault-temporal');
    const env = serviceEnvironment(TEST_DATABASE_URL, server.address, taskQueue);
    const worker = await Service.start('worker', 'worker', env);
    const api = await Service.start('api', 'api', env);
    services.push(worker, api);
    const client = new ResilientClient(() => [api.url]);
    const cases = await registerCases(dataSource, 12);
    const silent: PlayedCase[] = [];

    const run = await playThroughFault(client, cases, {
      lanes: 6,
      faultAfterSteps: 15,
      fault: async () => {
        // Sellers who never answer, whose response windows end while the server is down or just after it is back.
        const connection = await Connection.connect({ address: server.address });
        const temporalClient = new Client({ connection, namespace: TEMPORAL_NAMESPACE });
        const orders = new OrderStore(dataSource);
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
    const records = await settledRecords(dataSource, played);
    expect(records).toEqual(played.map(expectedRecord));
  }, 300_000);
});
