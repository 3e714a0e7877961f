import type { Policy } from '../../../domain/src';
import type { Queryable } from '../queryable';

/** One published policy: its line, its number within the line, the whole policy, who published it and why. */
export interface PolicyVersionRow {
  line: string;
  version: number;
  /** The policy as published (no line or number inside; policyOf adds them for pinning). */
  policy: Policy;
  publishedBy: string;
  publishedAt: string;
  note: string | null;
}

interface RawRow {
  line: string;
  version: number;
  policy: Policy;
  published_by: string;
  published_at: Date;
  note: string | null;
}

export const POLICY_VERSION_COLUMNS = 'line, version, policy, published_by, published_at, note';

/** Runs a SELECT of POLICY_VERSION_COLUMNS (the rest of the statement given) and maps its rows. */
export async function selectPolicyVersions(db: Queryable, rest: string, parameters: unknown[]): Promise<PolicyVersionRow[]> {
  const rows = await db.query<RawRow[]>(`SELECT ${POLICY_VERSION_COLUMNS} FROM policy_versions ${rest}`, parameters);
  return rows.map(toRow);
}

export function toRow(row: RawRow): PolicyVersionRow {
  return { line: row.line, version: row.version, policy: row.policy, publishedBy: row.published_by, publishedAt: row.published_at.toISOString(), note: row.note };
}

export type { RawRow as RawPolicyVersionRow };

/** The policy a dispute pins: the published object with its line and number. */
export const policyOf = (row: PolicyVersionRow): Policy => ({ ...row.policy, line: row.line, lineVersion: row.version });
