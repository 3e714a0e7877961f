import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { Policy } from '../../../libs/domain/src';
import { startApi, type RunningApi } from '../../support/api';
import { openTestDataSource } from '../../support/database';
import { uniqueTaskQueue } from '../../support/environment';
import { connectClient, startWorker, type RunningWorker } from '../../support/temporal';

export interface ConsoleStack {
  /** The API's origin; the console is at `${url}/console`. */
  url: string;
  api: RunningApi;
  dataSource: DataSource;
  temporal: Client;
  stop(): Promise<void>;
}

/**
 * The real parts the console talks to: PostgreSQL, a worker on the Temporal test server, and the
 * API serving the console built by `npm run build` (dist/console), on one loopback origin.
 */
export async function startConsoleStack(name: string, options: { policy?: Policy } = {}): Promise<ConsoleStack> {
  const taskQueue = uniqueTaskQueue(`browser-${name}`);
  const dataSource = await openTestDataSource();
  const temporal = await connectClient();
  let worker: RunningWorker | undefined;
  let api: RunningApi | undefined;
  try {
    worker = await startWorker(dataSource, taskQueue);
    api = await startApi(dataSource, temporal, taskQueue, { policy: options.policy, env: { NODE_ENV: 'development' } });
  } catch (error) {
    await worker?.stop();
    await temporal.connection.close();
    await dataSource.destroy();
    throw error;
  }
  const running = api;
  return {
    url: running.url,
    api: running,
    dataSource,
    temporal,
    async stop() {
      await running.stop();
      await worker?.stop();
      await temporal.connection.close();
      await dataSource.destroy();
    },
  };
}
