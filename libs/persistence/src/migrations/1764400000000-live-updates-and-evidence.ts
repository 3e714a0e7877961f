import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live updates and evidence files.
 *
 * Every write of a dispute's projection row NOTIFYs `dispute_changes` (in the writing
 * transaction, so listeners hear only of committed changes), which each API instance LISTENs
 * to and fans out to its GraphQL subscribers. The payload names the dispute and what a
 * subscriber needs to route it, never content: subscribers read the dispute with their own rights.
 *
 * `evidence_files` is the catalogue of uploaded files (the bytes live in content-addressed
 * storage): who uploaded what, its SHA-256, size and detected type.
 */
export class LiveUpdatesAndEvidence1764400000000 implements MigrationInterface {
  name = 'LiveUpdatesAndEvidence1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION disputes_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('dispute_changes', json_build_object(
          'disputeId', NEW.dispute_id,
          'version', NEW.version,
          'status', NEW.status,
          'previousStatus', CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END,
          'mediatorId', NEW.state->'mediation'->>'mediatorId',
          'previousMediatorId', CASE WHEN TG_OP = 'UPDATE' THEN OLD.state->'mediation'->>'mediatorId' END
        )::text);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER disputes_notify_change AFTER INSERT OR UPDATE ON disputes
      FOR EACH ROW EXECUTE FUNCTION disputes_notify_change()`);

    await db.query(`
      CREATE TABLE evidence_files (
        evidence_id   text        PRIMARY KEY CHECK (evidence_id <> ''),
        sha256        char(64)    NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes    bigint      NOT NULL CHECK (size_bytes > 0),
        content_type  text        NOT NULL,
        uploader_role text        NOT NULL,
        uploader_id   text        NOT NULL,
        uploaded_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX evidence_files_sha256 ON evidence_files (sha256)`);
    await db.query(`GRANT SELECT, INSERT ON evidence_files TO dispute_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE evidence_files`);
    await db.query(`DROP TRIGGER disputes_notify_change ON disputes`);
    await db.query(`DROP FUNCTION disputes_notify_change()`);
  }
}
