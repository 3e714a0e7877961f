import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook endpoints become a managed surface (issue 14): many per account, platform-wide ones
 * registered by SYSTEM accounts, event-type filters, pausing, and a rotated secret kept valid for
 * a grace period. The single `notification_endpoints` row per account moves into
 * `webhook_endpoints` (same URL and secret, every event type), and the outbox rows that were
 * pending for it point at the moved endpoint.
 *
 * Outbox rows now name their endpoint (`endpoint_id`): one row per endpoint a batch reaches,
 * with the delivery id `<disputeId>:<sequence>:<endpointId>` (rows from before keep theirs).
 * A paused endpoint's rows stay pending and are not claimed (held) until it is resumed.
 * `webhook_requests` remembers each endpoint mutation's idempotency key and answer.
 */
export class WebhookEndpoints1764730000000 implements MigrationInterface {
  name = 'WebhookEndpoints1764730000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_endpoints (
        endpoint_id                uuid        PRIMARY KEY,
        owner_id                   text        NOT NULL CHECK (owner_id <> ''),
        platform                   boolean     NOT NULL,
        url                        text        NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2048),
        event_types                text[]      CHECK (event_types IS NULL OR cardinality(event_types) > 0),
        paused                     boolean     NOT NULL DEFAULT false,
        secret                     text        NOT NULL CHECK (length(secret) >= 16),
        previous_secret            text        CHECK (previous_secret IS NULL OR length(previous_secret) >= 16),
        previous_secret_expires_at timestamptz,
        created_at                 timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at                 timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))
      )`);
    await db.query(`CREATE INDEX webhook_endpoints_owner ON webhook_endpoints (owner_id, platform, created_at)`);
    await db.query(`CREATE INDEX webhook_endpoints_platform ON webhook_endpoints (created_at) WHERE platform`);
    await db.query(`
      INSERT INTO webhook_endpoints (endpoint_id, owner_id, platform, url, secret, created_at, updated_at)
      SELECT gen_random_uuid(), account_id, false, url, secret, created_at, updated_at FROM notification_endpoints`);

    await db.query(`ALTER TABLE notification_outbox ADD COLUMN endpoint_id uuid, ADD COLUMN last_attempt_at timestamptz, ADD COLUMN redeliveries integer NOT NULL DEFAULT 0`);
    await db.query(`
      UPDATE notification_outbox outbox SET endpoint_id = endpoint.endpoint_id
        FROM webhook_endpoints endpoint WHERE endpoint.owner_id = outbox.account_id AND NOT endpoint.platform`);
    await db.query(`CREATE INDEX notification_outbox_endpoint ON notification_outbox (endpoint_id, created_at DESC, delivery_id DESC)`);
    await db.query(`DROP TABLE notification_endpoints`);

    await db.query(`
      CREATE TABLE webhook_requests (
        role            text        NOT NULL,
        account_id      text        NOT NULL,
        idempotency_key text        NOT NULL CHECK (idempotency_key <> ''),
        operation       text        NOT NULL,
        request         jsonb       NOT NULL,
        response        jsonb       NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (role, account_id, idempotency_key)
      )`);

    await db.query(`REVOKE ALL ON webhook_endpoints, webhook_requests FROM PUBLIC`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints TO dispute_app`);
    await db.query(`GRANT SELECT, INSERT, DELETE ON webhook_requests TO dispute_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notification_endpoints (
        account_id  text        PRIMARY KEY CHECK (account_id <> ''),
        url         text        NOT NULL CHECK (url ~ '^https?://'),
        secret      text        NOT NULL CHECK (length(secret) >= 16),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    // One endpoint per account could be kept: the oldest.
    await db.query(`
      INSERT INTO notification_endpoints (account_id, url, secret, created_at, updated_at)
      SELECT DISTINCT ON (owner_id) owner_id, url, secret, created_at, updated_at FROM webhook_endpoints WHERE NOT platform ORDER BY owner_id, created_at`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON notification_endpoints TO dispute_app`);
    await db.query(`DROP TABLE webhook_requests`);
    await db.query(`DROP INDEX notification_outbox_endpoint`);
    await db.query(`ALTER TABLE notification_outbox DROP COLUMN endpoint_id, DROP COLUMN last_attempt_at, DROP COLUMN redeliveries`);
    await db.query(`DROP TABLE webhook_endpoints`);
  }
}
