import type { INestApplication } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import type { AddressInfo } from 'node:net';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { ApiSettings } from '../../apps/api/src/api-settings';
import { createApiApp } from '../../apps/api/src/create-app';
import type { Policy, Role } from '../../libs/domain/src';
import { createLogger, createMetricsRegistry, loadConfig, DEV_JWT_SECRET } from '../../libs/platform/src';
import { mintToken } from '../../scripts/mint-token';
import { TEMPORAL_ADDRESS, TEST_DATABASE_URL } from './environment';
import { withDisputeWorker, type DisputeWorkerSuite } from './temporal';

export interface RunningApi {
  app: INestApplication;
  url: string;
  stop(): Promise<void>;
}

export interface ApiTestOptions {
  /** Environment variables on top of the test defaults. */
  env?: Record<string, string>;
  /** The policy new disputes pin (e.g. shortPolicy() so timers fire within a test). */
  policy?: Policy;
  /** API limits and evidence storage (e.g. a low rate limit). */
  settings?: Partial<ApiSettings>;
}

/** The real API application on an ephemeral loopback port, against the test database and Temporal. */
export async function startApi(dataSource: DataSource, temporal: Client, taskQueue: string, options: ApiTestOptions = {}): Promise<RunningApi> {
  const config = loadConfig({ DATABASE_URL: TEST_DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...options.env });
  const app = await createApiApp({ config, logger: createLogger('test-api', 'silent'), dataSource, temporal, registry: createMetricsRegistry('api'), policy: options.policy, settings: options.settings });
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

export interface Subscription<T> {
  /** The next `count` payloads (waits up to `timeoutMs`). */
  take(count: number, timeoutMs?: number): Promise<T[]>;
  /** The error the server ended the subscription with, if it did. */
  failure(): Promise<unknown>;
  close(): Promise<void>;
}

/** Subscribes over a real graphql-ws WebSocket, authenticating in connection_init. */
export function subscribe<T = Record<string, unknown>>(url: string, query: string, variables: Record<string, unknown>, token?: string): Subscription<T> {
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
  const received: T[] = [];
  const waiters: (() => void)[] = [];
  let failed: (error: unknown) => void = () => undefined;
  const failure = new Promise<unknown>((resolve) => (failed = resolve));
  client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) failed(value.errors);
        else received.push(value.data as T);
        waiters.splice(0).forEach((wake) => wake());
      },
      error: (error) => failed(error),
      complete: () => undefined,
    },
  );
  return {
    async take(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`received ${received.length} of ${count} updates within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
      return received.splice(0, count);
    },
    failure: () => failure,
    close: () => client.dispose() as Promise<void>,
  };
}

/** A workflow-tier suite plus the real API in front of it. */
export interface DisputeApiSuite extends DisputeWorkerSuite {
  readonly api: RunningApi;
}

/**
 * withDisputeWorker plus the real API on an ephemeral port, started after the worker and
 * stopped before it: the setup of an end-to-end suite with one API.
 */
export function withDisputeApi(name: string, options: ApiTestOptions = {}): DisputeApiSuite {
  let api: RunningApi | undefined;
  const suite = withDisputeWorker(name, {
    also: {
      start: async (running) => {
        api = await startApi(running.dataSource, running.client, running.taskQueue, options);
      },
      stop: async () => {
        await api?.stop();
      },
    },
  });
  return Object.create(suite, {
    api: {
      get() {
        if (!api) throw new Error('the suite\u2019s API is not ready: use it inside a test or a hook');
        return api;
      },
    },
  }) as DisputeApiSuite;
}
