import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The refund ledger (the default refund port: money movements recorded, never edited) and the
 * webhook endpoints each account registers for dispute notifications.
 */
export class RefundsAndNotifications1764300000000 implements MigrationInterface {
  name = 'RefundsAndNotifications1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE refunds (
        refund_id          text        PRIMARY KEY CHECK (refund_id <> ''),
        dispute_id         uuid        NOT NULL,
        order_id           text        NOT NULL REFERENCES orders (order_id),
        amount_minor       bigint      NOT NULL CHECK (amount_minor > 0),
        currency           char(3)     NOT NULL,
        status             text        NOT NULL CHECK (status IN ('SUCCEEDED', 'DECLINED')),
        provider_reference text,
        failure_reason     text,
        created_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK ((status = 'SUCCEEDED') = (provider_reference IS NOT NULL)),
        CHECK ((status = 'DECLINED') = (failure_reason IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX refunds_dispute ON refunds (dispute_id)`);
    await db.query(`
      CREATE TRIGGER refunds_no_update_or_delete BEFORE UPDATE OR DELETE ON refunds
      FOR EACH ROW EXECUTE FUNCTION dispute_events_refuse_change()`);
    await db.query(`
      CREATE TRIGGER refunds_no_truncate BEFORE TRUNCATE ON refunds
      FOR EACH STATEMENT EXECUTE FUNCTION dispute_events_refuse_change()`);

    await db.query(`
      CREATE TABLE notification_endpoints (
        account_id  text        PRIMARY KEY CHECK (account_id <> ''),
        url         text        NOT NULL CHECK (url ~ '^https?://'),
        secret      text        NOT NULL CHECK (length(secret) >= 16),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`REVOKE ALL ON refunds FROM PUBLIC`);
    await db.query(`GRANT SELECT, INSERT ON refunds TO dispute_app`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON notification_endpoints TO dispute_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notification_endpoints`);
    throw new Error('The refund ledger is append-only history and is never dropped by a rollback.');
  }
}
