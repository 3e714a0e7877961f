import { TEMPORAL_ADDRESS, TEST_DATABASE_URL, uniqueTaskQueue } from '../support/environment';
import { ResilientClient } from './support/resilient-client';
import { playThroughFault, registerCases } from './support/scenario';
import { faultHarness } from './support/harness';
import { serviceEnvironment } from './support/services';
import { expectedRecord, settledRecords } from './support/verify';

describe('the worker is killed (SIGKILL) mid-lifecycle and restarted', () => {
  const harness = faultHarness();

  it('every dispute ends as its commands imply, each command applied once, every chain intact', async () => {
    const env = serviceEnvironment(TEST_DATABASE_URL, TEMPORAL_ADDRESS, uniqueTaskQueue('fault-worker'));
    const worker = await harness.start('worker', 'worker', env);
    const api = await harness.start('api', 'api', env);
    const client = new ResilientClient(() => [api.url]);
    const cases = await registerCases(harness.dataSource, 16);

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
    const records = await settledRecords(harness.dataSource, run.played);
    expect(records).toEqual(run.played.map(expectedRecord));
  }, 300_000);
});
