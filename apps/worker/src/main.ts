import 'reflect-metadata';
import { getHeapStatistics } from 'node:v8';
import { NestFactory } from '@nestjs/core';
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { createDataSource } from '../../../libs/persistence/src';
import { closeGracefullyOnSignals, createLogger, createMetricsRegistry, loadConfigOrExit } from '../../../libs/platform/src';
import { WorkerModule } from './worker.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger('worker', config.logLevel);
  const sdkLevel: LogLevel = config.logLevel === 'debug' || config.logLevel === 'trace' ? 'DEBUG' : 'WARN';
  Runtime.install({
    // Our handler (closeGracefullyOnSignals) owns shutdown order: fail readiness, drain the worker, close the pool.
    shutdownSignals: [],
    logger: new DefaultLogger(sdkLevel, ({ level, message, meta }) => logger[level === 'WARN' ? 'warn' : level === 'ERROR' ? 'error' : 'debug']({ ...meta, sdk: true }, message)),
    // The SDK's own worker metrics (task slots, polls, latencies) on a Prometheus endpoint of their own.
    telemetryOptions: { metrics: { prometheus: { bindAddress: `${config.worker.host}:${config.worker.sdkMetricsPort}` } } },
  });
  const dataSource = createDataSource(config.database.url, config.database.poolSize, 'disputes-worker');
  await dataSource.initialize();
  const app = await NestFactory.create(WorkerModule.register({ config, logger, dataSource, registry: createMetricsRegistry('worker') }), {
    logger: ['error', 'warn'],
  });
  closeGracefullyOnSignals(app, logger, config.shutdownGraceMs, () => dataSource.destroy());
  await app.listen(config.worker.port, config.worker.host);
  // The cache size, the heap limit and the malloc arenas bound the worker's memory
  // (docs/performance.md); they come from different places (config, NODE_OPTIONS, the image), so say which are in force.
  logger.info(
    {
      url: `http://${config.worker.host}:${config.worker.port}`,
      sdkMetricsPort: config.worker.sdkMetricsPort,
      maxCachedWorkflows: config.worker.maxCachedWorkflows,
      heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024),
      mallocArenaMax: process.env.MALLOC_ARENA_MAX ?? null,
    },
    'worker health and metrics listening',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
