import type { MigrationInterface, QueryRunner } from 'typeorm';
import { defaultPolicy } from '../../../domain/src/policy';

/**
 * Policies as data (issue 14): every published policy is a row of `policy_versions`, numbered
 * 1, 2, ... within its line; the current version of a line is its highest. Rows are never
 * changed: like the event store, a trigger refuses UPDATE, DELETE and TRUNCATE for every role,
 * and the application role is granted only SELECT and INSERT. A dispute pins the whole policy
 * object when it opens, so publishing never touches a running case.
 *
 * The built-in policy becomes version 1 of line `default`, the line of every order the feed
 * sends without one (orders.policy_line, added here with that default). The policy is copied as
 * the code defines it when this runs: `defaultPolicy` is a published version now, changed only
 * by publishing a new one.
 */
export class PolicyVersions1764720000000 implements MigrationInterface {
  name = 'PolicyVersions1764720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE policy_versions (
        line         text        NOT NULL CHECK (line ~ '^[a-z][a-z0-9-]{0,39}$'),
        version      integer     NOT NULL CHECK (version >= 1),
        policy       jsonb       NOT NULL CHECK (jsonb_typeof(policy) = 'object'),
        published_by text        NOT NULL CHECK (published_by <> ''),
        published_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        note         text,
        -- The publisher's role, id and idempotency key (publishPolicy): a retry finds its version.
        command_id   text        UNIQUE,
        PRIMARY KEY (line, version)
      )`);
    await db.query(`
      CREATE FUNCTION policy_versions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'policy_versions is append-only: % refused; publish a new version instead', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER policy_versions_no_update_or_delete BEFORE UPDATE OR DELETE ON policy_versions
      FOR EACH ROW EXECUTE FUNCTION policy_versions_refuse_change()`);
    await db.query(`
      CREATE TRIGGER policy_versions_no_truncate BEFORE TRUNCATE ON policy_versions
      FOR EACH STATEMENT EXECUTE FUNCTION policy_versions_refuse_change()`);
    await db.query(`REVOKE ALL ON policy_versions FROM PUBLIC`);
    await db.query(`GRANT SELECT, INSERT ON policy_versions TO dispute_app`);

    await db.query(`INSERT INTO policy_versions (line, version, policy, published_by, note) VALUES ('default', 1, $1::jsonb, 'migration', $2)`, [
      JSON.stringify(defaultPolicy),
      'The built-in policy, as the code defined it before policies were stored.',
    ]);

    await db.query(`ALTER TABLE orders ADD COLUMN policy_line text NOT NULL DEFAULT 'default' CHECK (policy_line ~ '^[a-z][a-z0-9-]{0,39}$')`);
  }

  async down(_db: QueryRunner): Promise<void> {
    // Published versions are history: dropping the table would forget what disputes were promised.
    throw new Error('The policy versions migration cannot be reverted: policy_versions is append-only history.');
  }
}
