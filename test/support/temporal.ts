import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Runtime, type Worker, type WorkflowBundle } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { createDisputeActivities, postgresActivityDependencies } from '../../apps/worker/src/dispute-activities';
import { createDisputeWorker } from '../../apps/worker/src/create-worker';
import { workflowBundlerOptions } from '../../apps/worker/src/workflow-code';
import { NotificationDispatcher } from '../../apps/worker/src/notifications/notification-dispatcher';
import { createLogger } from '../../libs/platform/src';
import { openTestDataSource } from './database';
import { TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEST_DATABASE_URL, uniqueTaskQueue } from './environment';

let bundle: Promise<WorkflowBundle> | undefined;

/** Bundles the workflows once per test file (webpack takes seconds). */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ ...workflowBundlerOptions(), logger: Runtime.instance().logger });
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
  const dispatcher = new NotificationDispatcher({ dataSource, databaseUrl: TEST_DATABASE_URL, logger, production: false });
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

/** What a suite on a real Temporal server works with; filled in by the fixture's beforeAll. */
export interface DisputeWorkerSuite {
  /** The suite's own task queue, so suites never pick up each other's workflows. */
  readonly taskQueue: string;
  readonly dataSource: DataSource;
  readonly client: Client;
  readonly worker: RunningWorker;
  /** Stops the worker and starts a new one on the same queue (a worker restart). */
  restartWorker(beforeStarting?: () => Promise<void>): Promise<void>;
}

/**
 * Registers the beforeAll/afterAll every workflow-tier suite needs: a connection to the test
 * database, a Temporal client and a real worker polling a task queue of the suite's own.
 * Declare it first in the describe block; the suite's own beforeAll hooks then run after it.
 */
export interface DisputeWorkerOptions {
  poolSize?: number;
  /** More to start once the worker runs (an API), and to stop before the worker does. */
  also?: { start(suite: DisputeWorkerSuite): Promise<void>; stop(): Promise<void> };
}

export function withDisputeWorker(name: string, options: DisputeWorkerOptions = {}): DisputeWorkerSuite {
  const parts: { dataSource?: DataSource; client?: Client; worker?: RunningWorker } = {};
  const taskQueue = uniqueTaskQueue(name);
  const required = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the suite's ${what} is not ready: use it inside a test or a hook`);
    return value;
  };
  beforeAll(async () => {
    parts.dataSource = await openTestDataSource(options.poolSize);
    parts.client = await connectClient();
    parts.worker = await startWorker(parts.dataSource, taskQueue);
    await options.also?.start(suite);
  });
  afterAll(async () => {
    await options.also?.stop();
    await parts.worker?.stop();
    await parts.client?.connection.close();
    await parts.dataSource?.destroy();
  });
  const suite: DisputeWorkerSuite = {
    taskQueue,
    get dataSource() {
      return required(parts.dataSource, 'database');
    },
    get client() {
      return required(parts.client, 'Temporal client');
    },
    get worker() {
      return required(parts.worker, 'worker');
    },
    async restartWorker(beforeStarting) {
      await required(parts.worker, 'worker').stop();
      await beforeStarting?.();
      parts.worker = await startWorker(required(parts.dataSource, 'database'), taskQueue);
    },
  };
  return suite;
}
