import { TEMPORAL_ADDRESS, TEST_DATABASE_URL, uniqueTaskQueue } from '../support/environment';
import { ResilientClient } from './support/resilient-client';
import { playThroughFault, registerCases, until } from './support/scenario';
import { faultHarness } from './support/harness';
import { serviceEnvironment } from './support/services';
import { expectedRecord, settledRecords } from './support/verify';

describe('an API instance is killed with requests in flight', () => {
  const harness = faultHarness();

  it('clients retry with the same idempotency keys and every command has exactly one effect', async () => {
    const env = serviceEnvironment(TEST_DATABASE_URL, TEMPORAL_ADDRESS, uniqueTaskQueue('fault-api'));
    await harness.start('worker', 'worker', env);
    const api = await harness.start('api', 'api', env);
    const client = new ResilientClient(() => [api.url]);
    const cases = await registerCases(harness.dataSource, 16);
    let inFlightAtKill = 0;

    const run = await playThroughFault(client, cases, {
      lanes: 8,
      faultAfterSteps: 20,
      fault: async () => {
        await until(() => client.inFlight >= 4, 30_000, 'four requests in flight');
        inFlightAtKill = client.inFlight;
        await api.kill();
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        await api.restart();
      },
    });

    expect(inFlightAtKill).toBeGreaterThanOrEqual(4);
    // Requests were cut off (or refused while it was down), and sent again.
    expect(client.log.transport).toBeGreaterThan(0);
    expect(run.stepsAtFault).toBeLessThan(run.totalSteps);
    const records = await settledRecords(harness.dataSource, run.played);
    expect(records).toEqual(run.played.map(expectedRecord));
  }, 300_000);
});
