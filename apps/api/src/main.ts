import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { createDataSource } from '../../../libs/persistence/src';
import { closeGracefullyOnSignals, createLogger, createMetricsRegistry, loadConfigOrExit } from '../../../libs/platform/src';
import { loadApiSettings, type ApiSettings } from './api-settings';
import { createApiApp } from './create-app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const settings = loadApiSettingsOrExit();
  const logger = createLogger('api', config.logLevel);
  const dataSource = createDataSource(config.database.url, config.database.poolSize, 'disputes-api');
  await dataSource.initialize();
  // Lazy: the API starts (and reports not-ready) while Temporal is still coming up.
  const connection = Connection.lazy({ address: config.temporal.address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  const app = await createApiApp({ config, logger, dataSource, temporal, registry: createMetricsRegistry('api'), settings });
  closeGracefullyOnSignals(app, logger, config.shutdownGraceMs, async () => {
    await connection.close();
    await dataSource.destroy();
  });
  await app.listen(config.api.port, config.api.host);
  logger.info({ graphql: `http://${config.api.host}:${config.api.port}/graphql` }, 'API listening');
}

function loadApiSettingsOrExit(): ApiSettings {
  try {
    return loadApiSettings();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(78);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
