import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Runtime, type Worker, type WorkflowBundle } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createDisputeActivities, postgresActivityDependencies } from '../../apps/worker/src/dispute-activities';
import { createDisputeWorker, workflowsPath } from '../../apps/worker/src/create-worker';
import { NotificationDispatcher } from '../../apps/worker/src/notifications/notification-dispatcher';
import { createLogger } from '../../libs/platform/src';
import { TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEST_DATABASE_URL } from './environment';

let bundle: Promise<WorkflowBundle> | undefined;

/** Bundles the workflows once per test file (webpack takes seconds). */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: Runtime.instance().logger });
  return bundle;
}

export async function connectClient(): Promise<Client> {
  const connection = await Connection.connect({ address: TEMPORAL_ADDRESS });
  return new Client({ connection, namespace: TEMPORAL_NAMESPACE });
}

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

/**
 * A real worker (the production activities against the test database) polling `taskQueue`,
 * with the notification outbox dispatcher the worker process runs beside it.
 */
export async function startWorker(dataSource: DataSource, taskQueue: string): Promise<RunningWorker> {
  const logger = createLogger('test-worker', 'silent');
  const connection = await NativeConnection.connect({ address: TEMPORAL_ADDRESS });
  const worker = await createDisputeWorker({
    connection,
    namespace: TEMPORAL_NAMESPACE,
    taskQueue,
    activities: createDisputeActivities(postgresActivityDependencies(dataSource, logger)),
    workflowBundle: await workflowBundle(),
  });
  const dispatcher = new NotificationDispatcher({ dataSource, databaseUrl: TEST_DATABASE_URL, logger });
  await dispatcher.start();
  const running = worker.run();
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await dispatcher.stop();
      await connection.close();
    },
  };
}
