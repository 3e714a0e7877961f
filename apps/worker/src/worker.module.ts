import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import {
  APP_CONFIG,
  DATA_SOURCE,
  HealthController,
  LOGGER,
  METRICS_REGISTRY,
  READINESS_CHECKS,
  type AppConfig,
  type ReadinessCheck,
} from '../../../libs/platform/src';
import { ping } from '../../../libs/persistence/src';
import { DomainMetrics } from './domain-metrics';
import { NotificationDispatcherService } from './notifications/notification-dispatcher.service';
import { TemporalWorkerService } from './temporal-worker.service';

export interface WorkerModuleOptions {
  config: AppConfig;
  logger: Logger;
  dataSource: DataSource;
  registry: Registry;
}

/** The worker process: Temporal worker, notification outbox dispatcher, health and metrics over HTTP; no GraphQL. */
@Module({})
export class WorkerModule {
  static register(options: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: options.config },
        { provide: LOGGER, useValue: options.logger },
        { provide: DATA_SOURCE, useValue: options.dataSource },
        { provide: METRICS_REGISTRY, useValue: options.registry },
        {
          provide: DomainMetrics,
          inject: [METRICS_REGISTRY, DATA_SOURCE, LOGGER],
          useFactory: (registry: Registry, dataSource: DataSource, logger: Logger) => new DomainMetrics(registry, dataSource, logger),
        },
        TemporalWorkerService,
        NotificationDispatcherService,
        {
          provide: READINESS_CHECKS,
          inject: [DATA_SOURCE, TemporalWorkerService],
          useFactory: (dataSource: DataSource, worker: TemporalWorkerService): ReadinessCheck[] => [
            { name: 'postgres', check: () => ping(dataSource) },
            { name: 'temporal', check: () => worker.ping() },
          ],
        },
      ],
    };
  }
}
