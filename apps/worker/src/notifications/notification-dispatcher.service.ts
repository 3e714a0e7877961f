import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, DATA_SOURCE, LOGGER, METRICS_REGISTRY, type AppConfig } from '../../../../libs/platform/src';
import { NotificationDispatcher } from './notification-dispatcher';

/** Runs the notification outbox dispatcher for as long as the worker process runs. */
@Injectable()
export class NotificationDispatcherService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly dispatcher: NotificationDispatcher;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(DATA_SOURCE) dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.dispatcher = new NotificationDispatcher({ dataSource, databaseUrl: config.database.url, logger, registry, production: config.environment === 'production' });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.dispatcher.start();
    this.logger.info('notification dispatcher started');
  }

  /** Deliveries in flight finish before the database pool closes (main.ts closes it after the app). */
  async onApplicationShutdown(): Promise<void> {
    this.logger.info('stopping notification dispatcher');
    await this.dispatcher.stop();
  }
}
