import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { publicCode } from './format-error';
import type { requestMetrics } from '../../../../libs/platform/src';

/** Records latency and outcome (ok or the first error code) of every GraphQL operation. */
export function metricsPlugin(metrics: ReturnType<typeof requestMetrics>, logger: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(request) {
          const operation = request.operationName ?? request.operation?.operation ?? 'unknown';
          const firstError = request.errors?.[0];
          const outcome = firstError ? publicCode(firstError.extensions?.code, firstError.originalError) : 'ok';
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.latency.observe({ operation, outcome }, seconds);
          metrics.outcomes.inc({ operation, outcome });
          const fields = { operation, outcome, ms: Math.round(seconds * 1000) };
          if (outcome === 'INTERNAL') logger.error({ ...fields, err: firstError?.originalError ?? firstError }, 'operation failed');
          else if (outcome === 'UNAVAILABLE' && !firstError?.extensions?.code) logger.warn({ ...fields, err: firstError?.originalError }, 'operation failed: a dependency is unreachable');
          else logger.info(fields, 'operation');
        },
      };
    },
  };
}
