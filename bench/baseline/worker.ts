// The baseline's own worker, bundle and task queue, inside the bench process: the baseline has
// no API hop, so its client and worker both live here and the comparison is against Temporal alone.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client, WithStartWorkflowOperation } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { BASELINE_TABLE_DDL, baselineActivities } from './activities';
import { inParallel } from '../load/closed-loop';
import { baselineOpenedTimerWorkflow, baselineTimerWorkflow, baselineWorkflow, recordInTaskUpdate, recordUpdate } from './workflows';

export interface Baseline {
  /** Update-with-start of a fresh minimal workflow: the baseline of openDispute. Returns its id. */
  open(): Promise<string>;
  /** A raw Update on an open minimal workflow: the baseline of a dispute command. */
  command(workflowId: string): Promise<void>;
  /** The same Update with its row inserted by a local activity, in the task that received it. */
  commandInTask(workflowId: string): Promise<void>;
  /** Starts a minimal workflow that sleeps until `dueAtMs`, then inserts one row: the baseline of a deadline. Returns its id. */
  timer(dueAtMs: number): Promise<string>;
  /** Update-with-start of a minimal workflow that then sleeps until `dueAtMs` and inserts one row: an opened case on its deadline. Returns its id. */
  openedTimer(dueAtMs: number): Promise<string>;
  /**
   * Terminates every workflow `open` started. They sleep 15 minutes to stay open for the
   * commands; woken later, with the latency sweep's Updates in their histories (1,600 to 1,900
   * events), they gave this worker (while it still ran) and the Temporal server work in whichever
   * phase ran then. Termination needs no workflow task.
   */
  endOpened(): Promise<void>;
  stop(): Promise<void>;
}

/** Bundling takes seconds (webpack); the bench starts it while the stack comes up. */
export const bundleBaseline = () => bundleWorkflowCode({ workflowsPath: require.resolve(join(__dirname, 'workflows')), logger: Runtime.instance().logger });

/**
 * `maxCachedWorkflows`: the workflow cache, set to our worker's in each comparison (the timer
 * burst replays whatever does not fit); the SDK's default when left out.
 */
export async function startBaseline(temporalAddress: string, databaseUrl: string, client: Client, bundle: ReturnType<typeof bundleBaseline>, maxCachedWorkflows?: number): Promise<Baseline> {
  // Same pool size as the services' default (DATABASE_POOL_SIZE=10).
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  await pool.query(BASELINE_TABLE_DDL);
  const taskQueue = `bench-baseline-${randomUUID().slice(0, 6)}`;
  const workflowBundle = await bundle;
  const connection = await NativeConnection.connect({ address: temporalAddress });
  // Same slot counts as the dispute worker's defaults (WORKER_MAX_CONCURRENT_*=50).
  const worker = await Worker.create({ connection, taskQueue, workflowBundle, activities: baselineActivities(pool), maxConcurrentActivityTaskExecutions: 50, maxConcurrentWorkflowTaskExecutions: 50, ...(maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows }) });
  const running = worker.run();
  const opened: string[] = [];

  return {
    async open() {
      const workflowId = `bench-baseline-${randomUUID()}`;
      opened.push(workflowId);
      await client.workflow.executeUpdateWithStart(recordUpdate, {
        args: ['opened'],
        startWorkflowOperation: new WithStartWorkflowOperation(baselineWorkflow, { workflowId, taskQueue, workflowIdConflictPolicy: 'USE_EXISTING' }),
      });
      return workflowId;
    },
    async endOpened() {
      const ending = opened.splice(0);
      await inParallel(ending, 32, (workflowId) => client.workflow.getHandle(workflowId).terminate('bench: the phases that use it are done'));
    },
    async command(workflowId) {
      await client.workflow.getHandle(workflowId).executeUpdate(recordUpdate, { args: ['command'], updateId: randomUUID() });
    },
    async commandInTask(workflowId) {
      await client.workflow.getHandle(workflowId).executeUpdate(recordInTaskUpdate, { args: ['command'], updateId: randomUUID() });
    },
    async timer(dueAtMs) {
      const workflowId = `bench-baseline-timer-${randomUUID()}`;
      await client.workflow.start(baselineTimerWorkflow, { workflowId, taskQueue, args: [dueAtMs] });
      return workflowId;
    },
    async openedTimer(dueAtMs) {
      const workflowId = `bench-baseline-opened-timer-${randomUUID()}`;
      await client.workflow.executeUpdateWithStart(recordUpdate, {
        args: ['opened'],
        startWorkflowOperation: new WithStartWorkflowOperation(baselineOpenedTimerWorkflow, { workflowId, taskQueue, args: [dueAtMs], workflowIdConflictPolicy: 'USE_EXISTING' }),
      });
      return workflowId;
    },
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await pool.end();
    },
  };
}
