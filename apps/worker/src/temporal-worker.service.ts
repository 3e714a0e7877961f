import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { AppConfig } from '../../../libs/platform/src';
import type { DataSource } from 'typeorm';
import { createDisputeActivities, postgresActivityDependencies } from './dispute-activities';
import { createDisputeWorker } from './create-worker';
import { deployedWorkflowCode, describeWorkflowCode } from './workflow-code';
import { DomainMetrics } from './domain-metrics';
import { APP_CONFIG, DATA_SOURCE, LOGGER } from '../../../libs/platform/src';

/** Owns the Temporal worker's life: started after bootstrap, drained on shutdown. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: Worker | undefined;
  private running: Promise<void> | undefined;
  private connection: NativeConnection | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(DomainMetrics) private readonly metrics: DomainMetrics,
  ) {}

  get state(): string {
    return this.worker?.getState() ?? 'NOT_STARTED';
  }

  async onApplicationBootstrap(): Promise<void> {
    const { address, namespace, taskQueue } = this.config.temporal;
    this.connection = await NativeConnection.connect({ address });
    this.worker = await createDisputeWorker({
      connection: this.connection,
      namespace,
      taskQueue,
      activities: createDisputeActivities(postgresActivityDependencies(this.dataSource, this.logger, this.metrics, this.config.environment === 'production')),
      maxConcurrentActivityTaskExecutions: this.config.worker.maxConcurrentActivities,
      maxConcurrentWorkflowTaskExecutions: this.config.worker.maxConcurrentWorkflowTasks,
      maxCachedWorkflows: this.config.worker.maxCachedWorkflows,
    });
    // Never awaited here: run() resolves only when the worker stops.
    this.running = this.worker.run().catch((error: unknown) => {
      this.logger.fatal({ err: error }, 'Temporal worker stopped unexpectedly');
      process.exitCode = 1;
    });
    // The same choice createDisputeWorker made: the build's bundle, or webpack at start where there is none.
    this.logger.info({ address, namespace, taskQueue, workflowCode: describeWorkflowCode(deployedWorkflowCode()) }, 'Temporal worker polling');
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') {
      this.logger.info('draining Temporal worker');
      this.worker.shutdown();
    }
    await this.running;
    await this.connection?.close();
  }

  async ping(): Promise<void> {
    if (!this.connection) throw new Error('not connected');
    await this.connection.workflowService.getSystemInfo({});
    if (this.state !== 'RUNNING') throw new Error(`worker is ${this.state}`);
  }
}
