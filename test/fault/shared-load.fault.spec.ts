import { TEMPORAL_ADDRESS, TEST_DATABASE_URL, uniqueTaskQueue } from '../support/environment';
import { ResilientClient } from './support/resilient-client';
import { playThroughFault, registerCases } from './support/scenario';
import { faultHarness } from './support/harness';
import { serviceEnvironment } from './support/services';
import { expectedRecord, settledRecords } from './support/verify';

describe('two API instances and two workers share the load, and one of each is killed', () => {
  const harness = faultHarness();

  it('the survivors finish every dispute, each command applied once, every chain intact', async () => {
    const env = serviceEnvironment(TEST_DATABASE_URL, TEMPORAL_ADDRESS, uniqueTaskQueue('fault-shared'));
    const [workerA, , apiA, apiB] = await Promise.all([
      harness.start('worker', 'worker A', env),
      harness.start('worker', 'worker B', env),
      harness.start('api', 'api A', env),
      harness.start('api', 'api B', env),
    ]);
    // A client knows both instances (as a load balancer would) and moves on to the next when one fails.
    const client = new ResilientClient(() => [apiA.url, apiB.url]);
    const cases = await registerCases(harness.dataSource, 20);

    const run = await playThroughFault(client, cases, {
      lanes: 8,
      faultAfterSteps: 25,
      fault: async () => {
        await Promise.all([apiA.kill(), workerA.kill()]);
      },
    });

    expect(apiA.alive || workerA.alive).toBe(false);
    expect(run.stepsAtFault).toBeLessThan(run.totalSteps);
    const records = await settledRecords(harness.dataSource, run.played);
    expect(records).toEqual(run.played.map(expectedRecord));
  }, 300_000);
});
