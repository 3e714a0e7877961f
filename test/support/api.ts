import type { INestApplication } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AddressInfo } from 'node:net';
import { createApiApp } from '../../apps/api/src/create-app';
import type { Role } from '../../libs/domain/src';
import { createLogger, createMetricsRegistry, loadConfig, DEV_JWT_SECRET } from '../../libs/platform/src';
import { mintToken } from '../../scripts/mint-token';
import { TEMPORAL_ADDRESS, TEST_DATABASE_URL } from './environment';

export interface RunningApi {
  app: INestApplication;
  url: string;
  stop(): Promise<void>;
}

/** The real API application on an ephemeral loopback port, against the test database and Temporal. */
export async function startApi(dataSource: DataSource, temporal: Client, taskQueue: string, env: Record<string, string> = {}): Promise<RunningApi> {
  const config = loadConfig({ DATABASE_URL: TEST_DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
  const app = await createApiApp({ config, logger: createLogger('test-api', 'silent'), dataSource, temporal, registry: createMetricsRegistry('api') });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, stop: () => app.close() };
}

export const tokenFor = (role: Role, id: string): Promise<string> => mintToken(DEV_JWT_SECRET, role, id, '1h');

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions: { code: string; field?: string } }[];
}

/** Sends one GraphQL operation over real HTTP. */
export async function graphql<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GraphQLResponse<T>> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}
