import { faultHarness } from '../fault/support/harness';
import { playThroughServiceKill } from '../fault/support/scenarios';
import { expectedRecord, settledRecords } from '../fault/support/verify';
import { clusterAddress } from './support/cluster-node';

describe('a Temporal cluster on PostgreSQL: two APIs and two workers, one of each killed', () => {
  const harness = faultHarness();

  it('the survivors finish every dispute, each command applied once, every chain intact', async () => {
    const { run, killed } = await playThroughServiceKill(harness, clusterAddress(), 'cluster-shared');

    expect(killed.some((service) => service.alive)).toBe(false);
    expect(run.stepsAtFault).toBeLessThan(run.totalSteps);
    const records = await settledRecords(harness.dataSource, run.played);
    expect(records).toEqual(run.played.map(expectedRecord));
  }, 300_000);
});
