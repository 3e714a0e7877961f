import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only event store, the dispute projection and the order feed.
 * Events can never be changed: a trigger refuses UPDATE, DELETE and TRUNCATE for
 * every role (superusers included), and the application role is granted only
 * SELECT and INSERT. A second trigger refuses an insert that would leave a gap in
 * a dispute's sequence or break its hash chain, so the database itself keeps the
 * history contiguous whatever the application does.
 */
export class EventStore1764200000000 implements MigrationInterface {
  name = 'EventStore1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE dispute_events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        dispute_id      uuid        NOT NULL,
        sequence        integer     NOT NULL CHECK (sequence >= 1),
        type            text        NOT NULL CHECK (type <> ''),
        payload         jsonb       NOT NULL,
        actor_role      text        NOT NULL CHECK (actor_role IN ('BUYER','SELLER','MEDIATOR','AUDITOR','SYSTEM')),
        actor_id        text        NOT NULL,
        occurred_at     timestamptz NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
        command_id      text,
        schema_version  integer     NOT NULL CHECK (schema_version >= 1),
        previous_hash   char(64)    NOT NULL CHECK (previous_hash ~ '^[0-9a-f]{64}$'),
        hash            char(64)    NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT dispute_events_sequence_unique UNIQUE (dispute_id, sequence)
      )`);
    await db.query(`CREATE INDEX dispute_events_recorded_at ON dispute_events (recorded_at)`);
    await db.query(`CREATE INDEX dispute_events_command ON dispute_events (dispute_id, command_id)`);

    await db.query(`
      CREATE FUNCTION dispute_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'dispute_events is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER dispute_events_no_update_or_delete BEFORE UPDATE OR DELETE ON dispute_events
      FOR EACH ROW EXECUTE FUNCTION dispute_events_refuse_change()`);
    await db.query(`
      CREATE TRIGGER dispute_events_no_truncate BEFORE TRUNCATE ON dispute_events
      FOR EACH STATEMENT EXECUTE FUNCTION dispute_events_refuse_change()`);

    await db.query(`
      CREATE FUNCTION dispute_events_check_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE predecessor_hash char(64);
      BEGIN
        IF NEW.sequence = 1 THEN
          IF NEW.previous_hash <> repeat('0', 64) THEN
            RAISE EXCEPTION 'event 1 of dispute % must chain from the genesis hash', NEW.dispute_id
              USING ERRCODE = 'check_violation';
          END IF;
          RETURN NEW;
        END IF;
        SELECT hash INTO predecessor_hash FROM dispute_events
          WHERE dispute_id = NEW.dispute_id AND sequence = NEW.sequence - 1;
        IF predecessor_hash IS NULL THEN
          RAISE EXCEPTION 'event % of dispute % would leave a gap in the sequence', NEW.sequence, NEW.dispute_id
            USING ERRCODE = 'check_violation';
        END IF;
        IF predecessor_hash <> NEW.previous_hash THEN
          RAISE EXCEPTION 'event % of dispute % does not chain from event %', NEW.sequence, NEW.dispute_id, NEW.sequence - 1
            USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER dispute_events_chain BEFORE INSERT ON dispute_events
      FOR EACH ROW EXECUTE FUNCTION dispute_events_check_chain()`);

    await db.query(`
      CREATE TABLE disputes (
        dispute_id       uuid        PRIMARY KEY,
        order_id         text        NOT NULL,
        buyer_id         text        NOT NULL,
        seller_id        text        NOT NULL,
        status           text        NOT NULL,
        reason           text        NOT NULL,
        version          integer     NOT NULL,
        state            jsonb       NOT NULL,
        head_hash        char(64)    NOT NULL,
        next_deadline_at timestamptz,
        opened_at        timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX disputes_order ON disputes (order_id)`);
    await db.query(`CREATE INDEX disputes_buyer ON disputes (buyer_id, updated_at DESC)`);
    await db.query(`CREATE INDEX disputes_seller ON disputes (seller_id, updated_at DESC)`);
    await db.query(`CREATE INDEX disputes_status_deadline ON disputes (status, next_deadline_at)`);

    await db.query(`
      CREATE TABLE orders (
        order_id              text        PRIMARY KEY CHECK (order_id <> ''),
        buyer_id              text        NOT NULL CHECK (buyer_id <> ''),
        seller_id             text        NOT NULL CHECK (seller_id <> '' AND seller_id <> buyer_id),
        amount_paid_minor     bigint      NOT NULL CHECK (amount_paid_minor > 0),
        currency              char(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        amount_refunded_minor bigint      NOT NULL DEFAULT 0 CHECK (amount_refunded_minor >= 0 AND amount_refunded_minor <= amount_paid_minor),
        shipped_at            timestamptz,
        delivery_deadline_at  timestamptz NOT NULL,
        delivered_at          timestamptz,
        created_at            timestamptz NOT NULL DEFAULT now(),
        updated_at            timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX orders_buyer ON orders (buyer_id)`);

    // The role the services should run as (directly, or as a member): it may read
    // everything and append events, and can never rewrite history.
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dispute_app') THEN
          CREATE ROLE dispute_app NOLOGIN;
        END IF;
      END $$`);
    await db.query(`REVOKE ALL ON dispute_events FROM PUBLIC`);
    await db.query(`GRANT SELECT, INSERT ON dispute_events TO dispute_app`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON disputes, orders TO dispute_app`);
  }

  async down(_db: QueryRunner): Promise<void> {
    // History is never dropped by a migration rollback.
    throw new Error('The event store migration cannot be reverted: dispute_events is append-only history.');
  }
}
