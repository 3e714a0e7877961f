import { Client, Connection } from '@temporalio/client';
import { disputeStateQuery, disputeWorkflowId } from '../../libs/contracts/src';
import { eventually } from '../support/commands';
import { TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEST_DATABASE_URL, uniqueTaskQueue } from '../support/environment';
import type { PlayedCase } from './support/cases';
import { ResilientClient } from './support/resilient-client';
import { playThroughFault, registerCases } from './support/scenario';
import { openSilentBurst } from './support/scenarios';
import { faultHarness } from './support/harness';
import { serviceEnvironment } from './support/services';
import { expectedRecord, settledRecords } from './support/verify';

describe('the worker is killed (SIGKILL) mid-lifecycle and restarted', () => {
  const harness = faultHarness();

  it('every dispute ends as its commands imply, each command applied once, every chain intact', async () => {
    const taskQueue = uniqueTaskQueue('fault-worker');
    const env = serviceEnvironment(TEST_DATABASE_URL, TEMPORAL_ADDRESS, taskQueue);
    const worker = await harness.start('worker', 'worker', env);
    const api = await harness.start('api', 'api', env);
    const client = new ResilientClient(() => [api.url]);
    const cases = await registerCases(harness.dataSource, 16);
    let silent: PlayedCase[] = [];

    const run = await playThroughFault(client, cases, {
      lanes: 8,
      faultAfterSteps: 30,
      fault: async () => {
        // A burst of deadlines is being stored when the worker dies: each is stored by a local
        // activity inside its timer's task, so a task can die after its append and before it
        // completes, and its retry must adopt what it stored (workflows/dispute/appends-in-task.ts).
        const burst = await openSilentBurst(harness, TEMPORAL_ADDRESS, taskQueue, 24, 3_000);
        silent = burst.silent;
        const ids = silent.map((one) => one.disputeId);
        // Killed with a third of the burst stored: the rest are in their tasks or waiting for one.
        let escalated = 0;
        while (escalated < ids.length / 3 && Date.now() < burst.dueAt + 30_000) {
          const [row] = await harness.dataSource.query(`SELECT count(*)::int AS n FROM dispute_events WHERE type = 'DisputeEscalated' AND dispute_id = ANY($1::uuid[])`, [ids]);
          escalated = row.n;
          if (escalated < ids.length / 3) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await worker.kill();
        // Commands keep arriving while no worker runs; they wait in Temporal, not in the API.
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await worker.restart();
      },
    });

    expect(run.stepsAtFault).toBeLessThan(run.totalSteps);
    const played = [...run.played, ...silent];
    expect(silent).toHaveLength(24);
    const records = await settledRecords(harness.dataSource, played);
    expect(records).toEqual(played.map(expectedRecord));
    // No silent dispute's workflow is stuck on a conflict: each has finished its tasks and holds
    // the escalation the store holds.
    const connection = await Connection.connect({ address: TEMPORAL_ADDRESS });
    try {
      const temporal = new Client({ connection, namespace: TEMPORAL_NAMESPACE });
      const stuck: string[] = [];
      for (const one of silent) {
        const handle = temporal.workflow.getHandle(disputeWorkflowId(one.disputeId));
        const idle = await eventually(async () => (await handle.describe()).raw, (description) => !description.pendingWorkflowTask).then(
          () => true,
          () => false,
        );
        const state = await handle.query(disputeStateQuery);
        if (!idle || state.status !== 'UNDER_MEDIATION' || state.version !== 3) stuck.push(`${one.disputeId}: ${state.status} v${state.version}${idle ? '' : ', a workflow task still pending'}`);
      }
      expect(stuck).toEqual([]);
    } finally {
      await connection.close();
    }
  }, 300_000);
});
