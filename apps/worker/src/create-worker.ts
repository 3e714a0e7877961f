import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DisputeActivities } from '../../../libs/contracts/src';
import { deployedWorkflowCode } from './workflow-code';

export interface DisputeWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: DisputeActivities;
  /**
   * A bundle built by the caller (tests build one per file); otherwise the build's bundle
   * (dist/workflows/bundle.js), or, where no build wrote one, the workflows bundled at start.
   */
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
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : deployedWorkflowCode()),
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
