import { TEMPORAL_ADDRESS } from '../support/environment';
import { faultHarness } from './support/harness';
import { playThroughServiceKill } from './support/scenarios';
import { expectedRecord, settledRecords } from './support/verify';

describe('two API instances and two workers share the load, and one of each is killed', () => {
  const harness = faultHarness();

  it('the survivors finish every dispute, each command applied once, every chain intact', async () => {
    const { run, killed } = await playThroughServiceKill(harness, TEMPORAL_ADDRESS, 'fault-shared');

    expect(killed.some((service) => service.alive)).toBe(false);
    expect(run.stepsAtFault).toBeLessThan(run.totalSteps);
    const records = await settledRecords(harness.dataSource, run.played);
    expect(records).toEqual(run.played.map(expectedRecord));
  }, 300_000);
});
