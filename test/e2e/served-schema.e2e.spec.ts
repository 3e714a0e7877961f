import type { Client } from '@temporalio/client';
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema, type IntrospectionQuery } from 'graphql';
import type { DataSource } from 'typeorm';
import { buildApiSchema } from '../../apps/api/src/api-schema';
import { graphql, startApi, type RunningApi } from '../support/api';
import { openTestDataSource } from '../support/database';
import { uniqueTaskQueue } from '../support/environment';
import { connectClient } from '../support/temporal';

/** schema.unit.spec compares schema.graphql with buildApiSchema(); this proves buildApiSchema() is what the API serves. */
describe('the schema the running API serves', () => {
  let dataSource: DataSource;
  let temporal: Client;
  let api: RunningApi;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    temporal = await connectClient();
    api = await startApi(dataSource, temporal, uniqueTaskQueue('e2e-schema'));
  });
  afterAll(async () => {
    await api?.stop();
    await temporal?.connection.close();
    await dataSource?.destroy();
  });

  it('is the schema scripts/print-schema.ts builds and schema.graphql holds', async () => {
    const introspection = await graphql<IntrospectionQuery>(api.url, getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(introspection.errors).toBeUndefined();
    const served = printSchema(lexicographicSortSchema(buildClientSchema(introspection.data!)));
    expect(served).toBe(printSchema(lexicographicSortSchema(await buildApiSchema())));
  });
});
