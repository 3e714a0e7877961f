import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification outbox: one row per (recipient with a webhook endpoint, appended batch),
 * written by the append in the events' own transaction, so a notification exists exactly when
 * the events it announces do. The worker's dispatcher delivers the rows (docs/architecture.md).
 *
 * Rows point at the endpoint by account id instead of copying its URL and secret: delivery
 * reads the endpoint as it is then, so a rotated secret or a moved URL applies to pending
 * deliveries (as it did for the activity) and no secret is duplicated. `next_attempt_at` is
 * NULL once a row is settled (delivered, or given up with `last_error`), so the partial index
 * holds only the pending ones and the claim query stays cheap however many rows were delivered.
 *
 * An insert NOTIFYs `notification_outbox` (at commit, as NOTIFY always is) to wake the
 * dispatchers; they also poll, so a missed wake-up only delays a delivery.
 */
export class NotificationOutbox1764500000000 implements MigrationInterface {
  name = 'NotificationOutbox1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notification_outbox (
        delivery_id     text        PRIMARY KEY CHECK (delivery_id <> ''),
        account_id      text        NOT NULL CHECK (account_id <> ''),
        dispute_id      uuid        NOT NULL,
        payload         jsonb       NOT NULL,
        attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz DEFAULT clock_timestamp(),
        delivered_at    timestamptz,
        last_error      text,
        created_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
        CHECK (delivered_at IS NULL OR next_attempt_at IS NULL)
      )`);
    await db.query(`CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE next_attempt_at IS NOT NULL`);
    await db.query(`CREATE INDEX notification_outbox_dispute ON notification_outbox (dispute_id, created_at)`);

    await db.query(`
      CREATE FUNCTION notification_outbox_wake() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Once per statement, and only when it inserted something (a retried append inserts nothing).
        IF EXISTS (SELECT 1 FROM inserted) THEN
          PERFORM pg_notify('notification_outbox', '');
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER notification_outbox_wake AFTER INSERT ON notification_outbox
      REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION notification_outbox_wake()`);

    // The append inserts, the dispatcher claims and settles; nothing deletes a delivery record.
    await db.query(`REVOKE ALL ON notification_outbox FROM PUBLIC`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON notification_outbox TO dispute_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notification_outbox`);
    await db.query(`DROP FUNCTION notification_outbox_wake()`);
  }
}
