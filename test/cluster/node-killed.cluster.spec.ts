import { faultHarness } from '../fault/support/harness';
import { playThroughEngineRestart } from '../fault/support/scenarios';
import { expectedRecord, settledRecords } from '../fault/support/verify';
import { ClusterNode, shardAcquisitions } from './support/cluster-node';

describe('a Temporal cluster on PostgreSQL: one server process is SIGKILLed under load and restarted', () => {
  const harness = faultHarness();

  it('every dispute goes on, each command applied once, every chain intact, and timers due meanwhile fire once', async () => {
    const acquisitionsBefore = await shardAcquisitions();
    const { run, played } = await playThroughEngineRestart(harness, new ClusterNode(1), 'cluster-node');

    expect(run.stepsAtFault).toBeLessThan(run.totalSteps);
    // The killed node held history shards: the survivor took them over, and the node took them back.
    expect(await shardAcquisitions()).toBeGreaterThan(acquisitionsBefore);
    const records = await settledRecords(harness.dataSource, played);
    expect(records).toEqual(played.map(expectedRecord));
  }, 300_000);
});
