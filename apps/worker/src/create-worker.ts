import { createRequire } from 'node:module';
import { join } from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DisputeActivities } from '../../../libs/contracts/src';

/** Resolves the workflows entry whether running from TypeScript sources (tests) or compiled output. */
export function workflowsPath(): string {
  return createRequire(__filename).resolve(join(__dirname, '..', '..', '..', 'workflows'));
}

export interface DisputeWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: DisputeActivities;
  /** A pre-built bundle (tests build one per file); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  maxConcurrentActivityTaskExecutions?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  maxCachedWorkflows?: number;
  identity?: string;
}

export function createDisputeWorker(options: DisputeWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    activities: options.activities,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: workflowsPath() }),
    // The native bridge rejects explicit undefined values, so only set what was given.
    ...definedOnly({
      maxConcurrentActivityTaskExecutions: options.maxConcurrentActivityTaskExecutions,
      maxConcurrentWorkflowTaskExecutions: options.maxConcurrentWorkflowTaskExecutions,
      maxCachedWorkflows: options.maxCachedWorkflows,
      identity: options.identity,
    }),
    // On SIGTERM the process stops polling and lets in-flight tasks finish within this grace.
    shutdownGraceTime: '10 seconds',
  });
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
