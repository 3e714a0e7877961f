import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { NotificationDispatcher } from '../../apps/worker/src/notifications/notification-dispatcher';
import { createDataSource, MIGRATIONS } from '../../libs/persistence/src';
import { createLogger } from '../../libs/platform/src';
import { eventually } from '../support/commands';
import { TEST_DATABASE_URL } from '../support/environment';
import { hasValidSignature, startWebhookReceiver } from '../support/webhook-receiver';

// WebhookEndpoints1764730000000 moves each account's single `notification_endpoints` row into
// `webhook_endpoints` and points the pending outbox rows at it. This runs the real migrations up
// to the one before it on a database of its own (the shared test database is already past it),
// stores rows in the old shape, runs the rest, and checks what a deployment upgraded in place gets.

const MIGRATION = 'WebhookEndpoints1764730000000';
const url = (() => {
  const parsed = new URL(TEST_DATABASE_URL);
  parsed.pathname = `${parsed.pathname}_webhook_migration`;
  return parsed.toString();
})();
const databaseName = decodeURIComponent(new URL(url).pathname.slice(1));

async function onServer(work: (client: Client) => Promise<unknown>): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

const OLD_SECRET = 'old-secret-of-alice-0123456789';
const CREATED_AT = '2026-10-01T08:00:00.000Z';
const UPDATED_AT = '2026-11-15T09:30:00.000Z';

describe(`the ${MIGRATION} migration on a database with old-shape endpoints and outbox rows`, () => {
  let dataSource: DataSource;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const disputeId = randomUUID();
  const pendingId = `${disputeId}:1:buyer-alice`;
  const deliveredId = `${disputeId}:0:buyer-alice`;
  const orphanId = `${disputeId}:1:seller-without-endpoint`;
  const notification = (accountId: string, sequence: number) => ({ accountId, disputeId, sequence, eventTypes: ['DisputeOpened'], status: 'OPEN', occurredAt: '2026-11-20T10:00:00.000Z' });

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`).then(() => client.query(`CREATE DATABASE "${databaseName}"`)));
    const index = MIGRATIONS.findIndex((migration) => migration.name === MIGRATION);
    expect(index).toBeGreaterThan(0);
    const before = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS.slice(0, index), migrationsTransactionMode: 'each' });
    await before.initialize();
    try {
      await before.runMigrations({ transaction: 'each' });
      // The old shape: one endpoint per account, outbox rows naming the account only.
      await before.query(`INSERT INTO notification_endpoints (account_id, url, secret, created_at, updated_at) VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $4, $4)`, [
        'buyer-alice',
        receiver.url('/alice'),
        OLD_SECRET,
        CREATED_AT,
        UPDATED_AT,
        'seller-acme',
        'https://hooks.acme.example/disputes?tenant=7',
        'old-secret-of-acme-0123456789',
      ]);
      await before.query(
        `INSERT INTO notification_outbox (delivery_id, account_id, dispute_id, payload, attempts, next_attempt_at, delivered_at)
         VALUES ($1, 'buyer-alice', $4, $5, 0, now() + interval '1 hour', NULL),
                ($2, 'buyer-alice', $4, $6, 1, NULL, $7),
                ($3, 'seller-without-endpoint', $4, $8, 0, now() + interval '1 hour', NULL)`,
        [pendingId, deliveredId, orphanId, disputeId, notification('buyer-alice', 1), notification('buyer-alice', 0), '2026-11-20T10:00:05.000Z', notification('seller-without-endpoint', 1)],
      );
    } finally {
      await before.destroy();
    }
    dataSource = createDataSource(url, 4, 'disputes-test-migration');
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((migration) => migration.name)).toEqual(MIGRATIONS.slice(index).map((migration) => migration.name));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await receiver?.close();
    await onServer((client) => client.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`));
  });

  it('copies each account\u2019s endpoint: same URL, secret and times, every event type, not paused, not platform-wide, no previous secret', async () => {
    const rows = await dataSource.query(
      `SELECT owner_id, platform, url, event_types, paused, secret, previous_secret, previous_secret_expires_at, created_at, updated_at FROM webhook_endpoints ORDER BY owner_id`,
    );
    expect(rows).toEqual([
      { owner_id: 'buyer-alice', platform: false, url: receiver.url('/alice'), event_types: null, paused: false, secret: OLD_SECRET, previous_secret: null, previous_secret_expires_at: null, created_at: new Date(CREATED_AT), updated_at: new Date(UPDATED_AT) },
      { owner_id: 'seller-acme', platform: false, url: 'https://hooks.acme.example/disputes?tenant=7', event_types: null, paused: false, secret: 'old-secret-of-acme-0123456789', previous_secret: null, previous_secret_expires_at: null, created_at: new Date(CREATED_AT), updated_at: new Date(CREATED_AT) },
    ]);
    expect(await dataSource.query(`SELECT to_regclass('notification_endpoints') AS old`)).toEqual([{ old: null }]);
  });

  it('points the account\u2019s outbox rows at its copied endpoint, keeps their delivery ids and outcomes, and leaves rows of accounts without one unpointed', async () => {
    const rows = await dataSource.query(
      `SELECT outbox.delivery_id, endpoint.owner_id AS endpoint_owner, outbox.attempts, outbox.delivered_at IS NOT NULL AS delivered, outbox.redeliveries
         FROM notification_outbox outbox LEFT JOIN webhook_endpoints endpoint USING (endpoint_id) ORDER BY outbox.delivery_id`,
    );
    expect(rows).toEqual(
      [
        { delivery_id: deliveredId, endpoint_owner: 'buyer-alice', attempts: 1, delivered: true, redeliveries: 0 },
        { delivery_id: pendingId, endpoint_owner: 'buyer-alice', attempts: 0, delivered: false, redeliveries: 0 },
        { delivery_id: orphanId, endpoint_owner: null, attempts: 0, delivered: false, redeliveries: 0 },
      ].sort((a, b) => (a.delivery_id < b.delivery_id ? -1 : 1)),
    );
  });

  it('delivers a row that was pending before the upgrade to the copied endpoint, under its old delivery id, signed with the old secret', async () => {
    await dataSource.query(`UPDATE notification_outbox SET next_attempt_at = clock_timestamp() WHERE next_attempt_at IS NOT NULL`);
    const dispatcher = new NotificationDispatcher({ dataSource, databaseUrl: url, logger: createLogger('test-dispatcher', 'silent'), pollIntervalMs: 50, production: false });
    await dispatcher.start();
    try {
      await eventually(
        async () => dataSource.query(`SELECT delivery_id, delivered_at IS NOT NULL AS delivered, last_error FROM notification_outbox WHERE delivery_id = ANY($1) AND next_attempt_at IS NULL ORDER BY delivery_id`, [[pendingId, orphanId]]),
        (rows: unknown[]) => rows.length === 2,
        20_000,
      );
    } finally {
      await dispatcher.stop();
    }
    const attempts = receiver.attemptsOf(pendingId);
    expect(attempts).toHaveLength(1);
    expect(attempts[0].path).toBe('/alice');
    expect(hasValidSignature(attempts[0], OLD_SECRET)).toBe(true);
    expect(JSON.parse(attempts[0].body)).toMatchObject({ id: pendingId, disputeId, sequence: 1, eventTypes: ['DisputeOpened'] });
    // The row of an account that never had an endpoint is given up, never sent anywhere.
    expect(receiver.received.map((webhook) => webhook.deliveryId)).toEqual([pendingId]);
    const settled = await dataSource.query(`SELECT delivery_id, delivered_at IS NOT NULL AS delivered, last_error FROM notification_outbox WHERE delivery_id = ANY($1)`, [[pendingId, orphanId]]);
    expect(settled).toEqual(expect.arrayContaining([{ delivery_id: pendingId, delivered: true, last_error: null }, { delivery_id: orphanId, delivered: false, last_error: 'the webhook endpoint was removed' }]));
  });
});
