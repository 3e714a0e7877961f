import { DataSource } from 'typeorm';
import { Client } from 'pg';
import { OrderRow } from './entities/order.entity';
import { EventStore1764200000000 } from './migrations/1764200000000-event-store';
import { RefundsAndNotifications1764300000000 } from './migrations/1764300000000-refunds-and-notifications';
import { LiveUpdatesAndEvidence1764400000000 } from './migrations/1764400000000-live-updates-and-evidence';
import { NotificationOutbox1764500000000 } from './migrations/1764500000000-notification-outbox';
import { OrderLines1764613000000 } from './migrations/1764613000000-order-lines';
import { OrderReturnAddress1764640000000 } from './migrations/1764640000000-order-return-address';
import { SellerDisputeFacts1764714000000 } from './migrations/1764714000000-seller-dispute-facts';
import { OrdersAndLists1764714300000 } from './migrations/1764714300000-orders-and-lists';
import { PolicyVersions1764720000000 } from './migrations/1764720000000-policy-versions';
import { WebhookEndpoints1764730000000 } from './migrations/1764730000000-webhook-endpoints';
import { MediationQueueStatistics1764731400000 } from './migrations/1764731400000-mediation-queue-statistics';

// The history tables have no entities: they are read and written by the named operations in
// events/ and disputes/, whose one row type each is mapped there.
export const ENTITIES = [OrderRow];
export const MIGRATIONS = [EventStore1764200000000, RefundsAndNotifications1764300000000, LiveUpdatesAndEvidence1764400000000, NotificationOutbox1764500000000, OrderLines1764613000000, OrderReturnAddress1764640000000, SellerDisputeFacts1764714000000, OrdersAndLists1764714300000, PolicyVersions1764720000000, WebhookEndpoints1764730000000, MediationQueueStatistics1764731400000];

export function createDataSource(url: string, poolSize = 10, applicationName = 'disputes'): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    // The schema is owned by migrations alone.
    synchronize: false,
    migrationsRun: false,
    migrationsTransactionMode: 'each',
    applicationName,
    extra: { max: poolSize, connectionTimeoutMillis: 5_000 },
  });
}

const databaseName = (url: string): string => decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** Runs `work` on the server's `postgres` database, beside the one the URL names. */
async function onServer<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database named in the URL when the server does not have it yet. */
export async function ensureDatabaseExists(url: string): Promise<void> {
  const name = databaseName(url);
  if (!name || name === 'postgres') return;
  await onServer(url, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${quoted(name)}`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently by another process
      });
    }
  });
}

/**
 * Drops the database the URL names and migrates a new one, for test runs and benchmarks that
 * must start empty. What it drops is gone, so it refuses any name `allowed` does not match.
 */
export async function freshDatabase(url: string, allowed: RegExp, purpose: string): Promise<void> {
  const name = databaseName(url);
  if (!allowed.test(name)) throw new Error(`Refusing to drop the database "${name}": ${purpose} only recreates databases whose name matches ${allowed}.`);
  await onServer(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoted(name)} WITH (FORCE)`));
  await migrate(url);
}

export async function migrate(url: string): Promise<string[]> {
  await ensureDatabaseExists(url);
  const dataSource = createDataSource(url, 2, 'disputes-migrate');
  await dataSource.initialize();
  try {
    // Serialise concurrent migrators (several services starting at once).
    await dataSource.query('SELECT pg_advisory_lock(7426318)');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query('SELECT pg_advisory_unlock(7426318)');
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
