import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../support/database';
import { TEMPORAL_ADDRESS, TEST_DATABASE_URL, uniqueTaskQueue } from '../support/environment';
import { ResilientClient } from './support/resilient-client';
import { playThroughFault, registerCases } from './support/scenario';
import { Service, serviceEnvironment } from './support/services';
import { expectedRecord, settledRecords } from './support/verify';

describe('the worker is killed (SIGKILL) mid-lifecycle and restarted', () => {
  let dataSource: DataSource;
  const services: Service[] = [];

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await dataSource?.destroy();
  });

  it('every dispute ends as its commands imply, each command applied once, every chain intact', async () => {
    const env = serviceEnvironment(TEST_DATABASE_URL, TEMPORAL_ADDRESS, uniqueTaskQueue('fault-worker'));
    const worker = await Service.start('worker', 'worker', env);
    const api = await Service.start('api', 'api', env);
    services.push(worker, api);
    const client = new ResilientClient(() => [api.url]);
    const cases = await registerCases(dataSource, 16);

    const run = await playThroughFault(client, cases, {
      lanes: 8,
      faultAfterSteps: 30,
      fault: async () => {
        await worker.kill();
        // Commands keep arriving while no worker runs; they wait in Temporal, not in the API.
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await worker.restart();
      },
    });

    expect(run.stepsAtFault).toBeLessThan(run.totalSteps);
    const records = await settledRecords(dataSource, run.played);
    expect(records).toEqual(run.played.map(expectedRecord));
  }, 300_000);
});
