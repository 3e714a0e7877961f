import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GraphQLError, getOperationAST, parse, type DocumentNode } from 'graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Client } from '@temporalio/client';
import type { Request } from 'express';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Policy } from '../../../libs/domain/src';
import { OrderStore, PolicyStore } from '../../../libs/persistence/src';
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
import { DisputeChangeFeed } from '../../../libs/persistence/src/dispute-change-feed';
import { DEFAULT_API_SETTINGS, type ApiSettings } from './api-settings';
import { API_SETTINGS, CONTENT_STORE, DISPUTE_CHANGE_FEED, DISPUTE_COMMANDS, DISPUTE_READER, EVIDENCE_CATALOG, ORDER_FEED, ORDER_READER, ORDER_STORE, POLICY_STORE, TEMPORAL_CLIENT, TOKEN_VERIFIER, WEBHOOK_ENDPOINTS } from './api.tokens';
import { WebhookEndpoints } from './webhooks/webhook-endpoints';
import { EvidenceController } from './evidence/evidence.controller';
import { DevSignInController } from './console/dev-sign-in.controller';
import { ExportController } from './audit/export.controller';
import { EvidenceCatalog, ping } from '../../../libs/persistence/src';
import { openContentStore } from '../../../libs/persistence/src/evidence-store';
import { ChangeFeedLifecycle } from './live/change-feed.lifecycle';
import { queryLimitRefusal, queryLimitsPlugin, type QueryLimits } from './graphql/query-limits.plugin';
import { RateLimiter, rateLimitKey, rateLimitMessage, rateLimitPlugin } from './graphql/rate-limit.plugin';
import { requestGuardRefusal, requestGuardsPlugin } from './graphql/request-guards.plugin';
import { TokenVerifier } from './auth/token-verifier';
import type { RequestContext, Viewer } from './auth/viewer';
import { DisputeCommands } from './disputes/dispute-commands';
import { DisputeReader } from './disputes/dispute-reader';
import { PolicySource } from './policies/policy-source';
import { OrderFeed } from './orders/order-feed';
import { OrderReader } from './orders/order-reader';
import { API_RESOLVERS } from './api-schema';
import { formatError } from './graphql/format-error';
import { GraphQLErrorFilter } from './graphql/graphql-error.filter';
import { metricsPlugin } from './graphql/metrics.plugin';

export interface ApiModuleOptions {
  config: AppConfig;
  logger: Logger;
  dataSource: DataSource;
  temporal: Client;
  registry: Registry;
  /**
   * Stands in for the `default` line's current version in new disputes (tests pass one with short
   * windows); other lines, and the default line without it, pin the version published in PostgreSQL.
   */
  policy?: Policy;
  /** Limits and evidence storage; DEFAULT_API_SETTINGS when not given. */
  settings?: Partial<ApiSettings>;
}

interface WsContext {
  connectionParams?: Readonly<Record<string, unknown>>;
  extra: { viewer?: Viewer; request?: IncomingMessage };
}

interface WsSubscribePayload {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * The HTTP limits for operations over graphql-ws: the connection's account (its own bucket, shared
 * with its HTTP requests), then depth and cost. Returned errors end that subscription, not the socket.
 */
function wsOperationRefusal(limiter: RateLimiter, limits: QueryLimits) {
  return (ctx: WsContext, _id: string, payload: WsSubscribePayload): GraphQLError[] | undefined => {
    const wait = limiter.take(rateLimitKey(ctx.extra.viewer ?? null, ctx.extra.request?.socket?.remoteAddress));
    if (wait !== null) return [new GraphQLError(rateLimitMessage(wait), { extensions: { code: 'RATE_LIMITED' } })];
    let document: DocumentNode;
    try {
      document = parse(payload.query, PARSE_OPTIONS);
    } catch (error) {
      // Over-long documents are refused like over HTTP; other syntax errors graphql-ws answers itself.
      return error instanceof GraphQLError && /Document contains more th\w+ \d+ tokens/.test(error.message) ? [new GraphQLError(error.message, { extensions: { code: 'VALIDATION' } })] : undefined;
    }
    const operation = getOperationAST(document, payload.operationName ?? undefined);
    if (!operation) return undefined;
    const refusal = requestGuardRefusal(document, operation, payload.variables ?? {}, 'ws') ?? queryLimitRefusal(document, operation, payload.variables ?? {}, limits);
    return refusal ? [new GraphQLError(refusal, { extensions: { code: 'VALIDATION' } })] : undefined;
  };
}

/**
 * Documents longer than any operation this API serves are refused while parsing: graphql-js
 * validates some documents (e.g. thousands of chained fragments) in quadratic time, and a 256 kB
 * body holds about 80,000 tokens. The introspection query of GraphQL tools has about 200.
 */
const MAX_DOCUMENT_TOKENS = 10_000;
const PARSE_OPTIONS = { maxTokens: MAX_DOCUMENT_TOKENS };

const authorizationOf = (params: Readonly<Record<string, unknown>> | undefined): string | undefined => {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === 'string' ? value : undefined;
};

@Module({})
export class ApiModule {
  static register(options: ApiModuleOptions): DynamicModule {
    const { config, logger, dataSource, temporal, registry } = options;
    const production = config.environment === 'production';
    const verifier = new TokenVerifier(config.auth);
    const orders = new OrderStore(dataSource);
    const policies = new PolicyStore(dataSource);
    const metrics = requestMetrics(registry);
    const reader = new DisputeReader(dataSource);
    const evidence = new EvidenceCatalog(dataSource);
    // One source of the policy an opening pins, for the openings and for My Orders' eligibility.
    const openingPolicies = new PolicySource(policies, options.policy);
    const commands = new DisputeCommands(temporal, orders, reader, evidence, openingPolicies, config.temporal.taskQueue, config.api.commandTimeoutMs);
    const settings: ApiSettings = { ...DEFAULT_API_SETTINGS, ...options.settings };
    const feed = new DisputeChangeFeed(config.database.url, (error) => logger.warn({ err: error }, 'live updates: LISTEN connection failed; reconnecting'));
    const limiter = new RateLimiter(settings.rateLimitPerMinute);
    const limits: QueryLimits = { maxDepth: settings.maxQueryDepth, maxComplexity: settings.maxQueryComplexity };
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
          parseOptions: PARSE_OPTIONS,
          // Apollo's own warnings (e.g. a document too deeply nested to cache) go to the service log, not the console.
          logger: {
            debug: (message: unknown) => logger.debug({ component: 'apollo' }, String(message)),
            info: (message: unknown) => logger.info({ component: 'apollo' }, String(message)),
            warn: (message: unknown) => logger.warn({ component: 'apollo' }, String(message)),
            error: (message: unknown) => logger.error({ component: 'apollo' }, String(message)),
          },
          // Clients send the query text; persisted queries would only add error paths (and a cache anyone can fill).
          persistedQueries: false,
          includeStacktraceInErrorResponses: !production,
          // Our CommonJS build sees @apollo/server's CJS typings, Nest's ESM build the ESM ones;
          // the plugin objects are the same at run time.
          plugins: [
            // Apollo's own landing page (the Sandbox) loads from a CDN; in development the API
            // serves a self-hosted GraphiQL at GET /graphql instead (console/api-explorer.ts).
            ApolloServerPluginLandingPageDisabled(),
            metricsPlugin(metrics, logger),
            rateLimitPlugin(limiter),
            queryLimitsPlugin(limits),
            requestGuardsPlugin(),
          ] as unknown as ApolloDriverConfig['plugins'],
          formatError: formatError(production),
          context: async ({ req }: { req: Request & { requestId?: string } }): Promise<RequestContext> => {
            const requestId = req.requestId ?? 'unknown';
            const clientAddress = req.socket?.remoteAddress;
            try {
              return { viewer: await verifier.verify(req.headers.authorization), requestId, clientAddress };
            } catch (error) {
              return { viewer: null, requestId, clientAddress, authError: error as Error };
            }
          },
          // Subscriptions (graphql-ws): the bearer token travels in the connection_init payload
          // ({ authorization: "Bearer ..." }); a connection without a valid one is refused.
          subscriptions: {
            'graphql-ws': {
              path: '/graphql',
              onConnect: async (ctx: WsContext) => {
                try {
                  const viewer = await verifier.verify(authorizationOf(ctx.connectionParams));
                  ctx.extra.viewer = viewer ?? undefined;
                  return viewer !== null;
                } catch {
                  return false;
                }
              },
              onSubscribe: wsOperationRefusal(limiter, limits),
              context: (ctx: WsContext): RequestContext => ({ viewer: ctx.extra.viewer ?? null, requestId: randomUUID(), clientAddress: ctx.extra.request?.socket?.remoteAddress }),
            },
          } as unknown as ApolloDriverConfig['subscriptions'],
        }),
      ],
      // The demo sign-in exists only outside production, and only with a development signing secret.
      controllers: [HealthController, EvidenceController, ExportController, ...(!production && config.auth.jwtSecret ? [DevSignInController] : [])],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: DATA_SOURCE, useValue: dataSource },
        { provide: METRICS_REGISTRY, useValue: registry },
        { provide: TEMPORAL_CLIENT, useValue: temporal },
        { provide: ORDER_STORE, useValue: orders },
        { provide: POLICY_STORE, useValue: policies },
        { provide: DISPUTE_READER, useValue: reader },
        { provide: DISPUTE_CHANGE_FEED, useValue: feed },
        { provide: TOKEN_VERIFIER, useValue: verifier },
        { provide: API_SETTINGS, useValue: settings },
        { provide: CONTENT_STORE, useValue: openContentStore(settings) },
        { provide: EVIDENCE_CATALOG, useValue: evidence },
        { provide: WEBHOOK_ENDPOINTS, useValue: new WebhookEndpoints(dataSource, { production, defaultGraceHours: settings.webhookRotationGraceHours }) },
        ChangeFeedLifecycle,
        { provide: DISPUTE_COMMANDS, useValue: commands },
        // Eligibility asks the source an opening asks: the current version of the order's line.
        { provide: ORDER_READER, useValue: new OrderReader(dataSource, openingPolicies) },
        { provide: ORDER_FEED, useValue: new OrderFeed(dataSource, orders, policies) },
        {
          provide: READINESS_CHECKS,
          useValue: [
            { name: 'postgres', check: () => ping(dataSource) },
            { name: 'temporal', check: async () => void (await temporal.connection.workflowService.getSystemInfo({})) },
          ] satisfies ReadinessCheck[],
        },
        { provide: APP_FILTER, useClass: GraphQLErrorFilter },
        ...API_RESOLVERS,
      ],
    };
  }
}
