import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { Client } from '@temporalio/client';
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { OrderStore } from '../../../libs/persistence/src';
import {
  APP_CONFIG,
  DATA_SOURCE,
  HealthController,
  LOGGER,
  METRICS_REGISTRY,
  READINESS_CHECKS,
  requestMetrics,
  type AppConfig,
  type ReadinessCheck,
} from '../../../libs/platform/src';
import { DISPUTE_COMMANDS, DISPUTE_READER, ORDER_STORE, TEMPORAL_CLIENT } from './api.tokens';
import { TokenVerifier } from './auth/token-verifier';
import type { RequestContext } from './auth/viewer';
import { DisputeCommands } from './disputes/dispute-commands';
import { DisputeReader } from './disputes/dispute-reader';
import { DisputeResolver } from './disputes/dispute.resolver';
import { formatError } from './graphql/format-error';
import { GraphQLErrorFilter } from './graphql/graphql-error.filter';
import { metricsPlugin } from './graphql/metrics.plugin';
import { OrderResolver } from './orders/order.resolver';
import { ViewerResolver } from './viewer.resolver';

export interface ApiModuleOptions {
  config: AppConfig;
  logger: Logger;
  dataSource: DataSource;
  temporal: Client;
  registry: Registry;
}

@Module({})
export class ApiModule {
  static register(options: ApiModuleOptions): DynamicModule {
    const { config, logger, dataSource, temporal, registry } = options;
    const production = config.environment === 'production';
    const verifier = new TokenVerifier(config.auth);
    const orders = new OrderStore(dataSource);
    const metrics = requestMetrics(registry);
    return {
      module: ApiModule,
      imports: [
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          introspection: config.api.introspection,
          playground: false,
          includeStacktraceInErrorResponses: !production,
          // Our CommonJS build sees @apollo/server's CJS typings, Nest's ESM build the ESM ones;
          // the plugin objects are the same at run time.
          plugins: [
            config.api.landingPage ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
            metricsPlugin(metrics, logger),
          ] as unknown as ApolloDriverConfig['plugins'],
          formatError: formatError(production),
          context: async ({ req }: { req: Request & { requestId?: string } }): Promise<RequestContext> => {
            const requestId = req.requestId ?? 'unknown';
            try {
              return { viewer: await verifier.verify(req.headers.authorization), requestId };
            } catch (error) {
              return { viewer: null, requestId, authError: error as Error };
            }
          },
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: DATA_SOURCE, useValue: dataSource },
        { provide: METRICS_REGISTRY, useValue: registry },
        { provide: TEMPORAL_CLIENT, useValue: temporal },
        { provide: ORDER_STORE, useValue: orders },
        { provide: DISPUTE_READER, useValue: new DisputeReader(dataSource) },
        { provide: DISPUTE_COMMANDS, useValue: new DisputeCommands(temporal, orders, config.temporal.taskQueue, config.api.commandTimeoutMs) },
        {
          provide: READINESS_CHECKS,
          useValue: [
            { name: 'postgres', check: async () => void (await dataSource.query('SELECT 1')) },
            { name: 'temporal', check: async () => void (await temporal.connection.workflowService.getSystemInfo({})) },
          ] satisfies ReadinessCheck[],
        },
        { provide: APP_FILTER, useClass: GraphQLErrorFilter },
        DisputeResolver,
        OrderResolver,
        ViewerResolver,
      ],
    };
  }
}
