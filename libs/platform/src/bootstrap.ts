import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { ConfigurationError, loadConfig, type AppConfig } from './config';
import { HealthController } from './health.controller';

/** Loads configuration or ends the process with a message that names each bad variable. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/**
 * On SIGTERM/SIGINT: fail readiness first, stop accepting connections, let in-flight work
 * finish (Nest's shutdown hooks, e.g. the worker's drain), then release what `cleanup` holds.
 */
export function closeGracefullyOnSignals(app: INestApplication, logger: Logger, graceMs: number, cleanup: () => Promise<void>): void {
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    app.get(HealthController).markDraining();
    const forced = setTimeout(() => {
      logger.error({ graceMs }, 'graceful shutdown took too long; exiting');
      process.exit(1);
    }, graceMs + 5_000);
    forced.unref();
    try {
      await app.close();
      await cleanup();
      logger.info('stopped');
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exitCode = 1;
    }
  };
  process.once('SIGTERM', () => void close('SIGTERM'));
  process.once('SIGINT', () => void close('SIGINT'));
}
