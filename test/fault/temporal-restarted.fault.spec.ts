import { faultHarness } from './support/harness';
import { playThroughEngineRestart } from './support/scenarios';
import { PersistedTemporalServer } from './support/temporal-server';
import { expectedRecord, settledRecords } from './support/verify';

describe('the Temporal dev server (file-persisted) is killed and restarted', () => {
  const harness = faultHarness();
  let temporal: PersistedTemporalServer | undefined;

  // Runs after the harness's own afterAll (declared first), once the services are stopped.
  afterAll(() => temporal?.stop());

  it('loses no command, and timers pending across the restart still fire', async () => {
    temporal = await PersistedTemporalServer.start();
    const { run, played } = await playThroughEngineRestart(harness, temporal, 'fault-temporal');

    expect(run.stepsAtFault).toBeLessThan(run.totalSteps);
    const records = await settledRecords(harness.dataSource, played);
    expect(records).toEqual(played.map(expectedRecord));
  }, 300_000);
});
