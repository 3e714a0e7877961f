import type { Policy } from '../../../domain/src';
import type { Queryable } from '../queryable';
import { POLICY_VERSION_COLUMNS, toRow, type PolicyVersionRow, type RawPolicyVersionRow } from './policy-version-row';

export interface PolicyToPublish {
  line: string;
  /** Validated whole (validatePolicy) by the caller; stored as given. */
  policy: Policy;
  publishedBy: string;
  note: string | null;
  /** The publisher's role, id and idempotency key; a retry with it returns the version it published. */
  commandId: string | null;
}

/**
 * Appends the line's next version (1 for a new line). Run inside a transaction: a transaction-level
 * advisory lock per line serialises publishers, so numbers stay contiguous; the lock is taken before
 * the command id is looked up, so two retries of one publish cannot both insert.
 */
export async function insertPolicyVersion(db: Queryable, publish: PolicyToPublish): Promise<{ row: PolicyVersionRow; published: boolean }> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('policy_versions'), hashtext($1))`, [publish.line]);
  if (publish.commandId !== null) {
    const [earlier] = await db.query<RawPolicyVersionRow[]>(`SELECT ${POLICY_VERSION_COLUMNS} FROM policy_versions WHERE command_id = $1`, [publish.commandId]);
    if (earlier) return { row: toRow(earlier), published: false };
  }
  const [inserted] = await db.query<RawPolicyVersionRow[]>(
    `INSERT INTO policy_versions (line, version, policy, published_by, note, command_id)
     SELECT $1::text, COALESCE(max(version), 0) + 1, $2::jsonb, $3::text, $4::text, $5::text FROM policy_versions WHERE line = $1::text
     RETURNING ${POLICY_VERSION_COLUMNS}`,
    [publish.line, JSON.stringify(publish.policy), publish.publishedBy, publish.note, publish.commandId],
  );
  return { row: toRow(inserted), published: true };
}
