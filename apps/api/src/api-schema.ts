import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { findBreakingChanges, findDangerousChanges, lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { AuditResolver } from './audit/audit.resolver';
import { DisputeCommandsResolver } from './disputes/dispute-commands.resolver';
import { DisputeResolver } from './disputes/dispute.resolver';
import { LiveResolver } from './live/live.resolver';
import { CONNECTION_COUNT_RESOLVERS } from './graphql/connection-counts.resolver';
import { MoneyResolver } from './graphql/money.resolver';
import { OrderResolver } from './orders/order.resolver';
import { PolicyResolver } from './policies/policy.resolver';
import { ViewerResolver } from './viewer.resolver';
import { SellerPerformanceResolver } from './sellers/seller-performance.resolver';
import { WebhookResolver } from './webhooks/webhook.resolver';

/** Every resolver the API serves; ApiModule registers exactly these, so the schema below is the served one. */
export const API_RESOLVERS = [DisputeResolver, DisputeCommandsResolver, OrderResolver, ViewerResolver, AuditResolver, LiveResolver, MoneyResolver, SellerPerformanceResolver, PolicyResolver, WebhookResolver, ...CONNECTION_COUNT_RESOLVERS] as const;

/** Where the committed schema lives, relative to the repository root. */
export const SCHEMA_FILE = 'schema.graphql';

const HEADER = `# The GraphQL schema the API serves (code-first: generated from apps/api/src, sorted).
# Do not edit: run \`npm run schema:update\` after changing the API; CI compares this file with the code.

`;

/**
 * Builds the code-first schema from the resolvers' decorators the way Nest's GraphQLModule does
 * (GraphQLSchemaFactory; `sortSchema: true`), without a database, Temporal or HTTP server.
 */
export async function buildApiSchema(): Promise<GraphQLSchema> {
  const context = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    return lexicographicSortSchema(await context.get(GraphQLSchemaFactory).create([...API_RESOLVERS]));
  } finally {
    await context.close();
  }
}

/** The schema as committed in schema.graphql. */
export const printApiSchema = (schema: GraphQLSchema): string => `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;

export interface SchemaChanges {
  /** Changes that break existing clients (graphql's findBreakingChanges). */
  breaking: string[];
  /** Changes that may change existing clients' behaviour (findDangerousChanges). */
  dangerous: string[];
  /** Everything else: additions and description edits. */
  safe: string[];
}

/** How `current` differs from the committed SDL, in the terms a reviewer needs. */
export function schemaChanges(committed: GraphQLSchema, current: GraphQLSchema): SchemaChanges {
  const breaking = findBreakingChanges(committed, current).map((change) => `${change.type}: ${change.description}`);
  const dangerous = findDangerousChanges(committed, current).map((change) => `${change.type}: ${change.description}`);
  const safe: string[] = [];
  const before = committed.getTypeMap();
  for (const [name, type] of Object.entries(current.getTypeMap())) {
    if (name.startsWith('__')) continue;
    const old = before[name];
    if (!old) {
      safe.push(`TYPE_ADDED: ${name} was added.`);
      continue;
    }
    if (old.description !== type.description) safe.push(`DESCRIPTION_CHANGED: ${name}.`);
    if ('getFields' in type && 'getFields' in old) {
      const oldFields = old.getFields() as Record<string, { description?: string | null }>;
      for (const [field, definition] of Object.entries(type.getFields() as Record<string, { description?: string | null }>)) {
        if (!oldFields[field]) safe.push(`FIELD_ADDED: ${name}.${field} was added.`);
        else if (oldFields[field].description !== definition.description) safe.push(`DESCRIPTION_CHANGED: ${name}.${field}.`);
      }
    }
  }
  return { breaking, dangerous, safe };
}

/** The failure text for a schema that no longer matches schema.graphql. */
export function describeSchemaChanges(changes: SchemaChanges): string {
  const section = (title: string, items: string[]) => (items.length > 0 ? `${title}:\n${items.map((item) => `  - ${item}`).join('\n')}\n` : '');
  const advice = changes.breaking.length > 0
    ? 'These BREAKING changes would fail existing clients: reconsider them (add instead of change or remove; deprecate first).\nIf they are intended, run `npm run schema:update` and commit schema.graphql with a note for client teams.'
    : 'Run `npm run schema:update` and commit schema.graphql.';
  return `schema.graphql does not match the schema the API serves.\n${section('Breaking changes', changes.breaking)}${section('Dangerous changes', changes.dangerous)}${section('Non-breaking changes', changes.safe)}${advice}`;
}
