import type { DataSource } from 'typeorm';
import { openTestDataSource } from '../support/database';
import { TEMPORAL_ADDRESS, TEST_DATABASE_URL, uniqueTaskQueue } from '../support/environment';
import { ResilientClient } from './support/resilient-client';
import { playThroughFault, registerCases } from './support/scenario';
import { Service, serviceEnvironment } from './support/services';
import { expectedRecord, settledRecords } from './support/verify';

describe('two API instances and two workers share the load, and one of each is killed', () => {
  let dataSource: DataSource;
  const services: Service[] = [];

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await dataSource?.destroy();
  });

  it('the survivors finish every dispute, each command applied once, every chain intact', async () => {
    const env = serviceEnvironment(TEST_DATABASE_URL, TEMPORAL_ADDRESS, uniqueTaskQueue('fault-shared'));
    const [workerA, workerB, apiA, apiB] = await Promise.all([
      Service.start('worker', 'worker A', env),
      Service.start('worker', 'worker B', env),
      Service.start('api', 'api A', env),
      Service.start('api', 'api B', env),
    ]);
    services.push(workerA, workerB, apiA, apiB);
    // A client knows both instances (as a load balancer would) and moves on to the next when one fails.
    const client = new ResilientClient(() => [apiA.url, apiB.url]);
    const cases = await registerCases(dataSource, 20);

    const run = await playThroughFault(client, cases, {
      lanes: 8,
      faultAfterSteps: 25,
      fault: async () => {
        await Promise.all([apiA.kill(), workerA.kill()]);
      },
    });

    expect(apiA.alive || workerA.alive).toBe(false);
    expect(run.stepsAtFault).toBeLessThan(run.totalSteps);
    const records = await settledRecords(dataSource, run.played);
    expect(records).toEqual(run.played.map(expectedRecord));
  }, 300_000);
});
