import type { Queryable } from '../queryable';
import { selectPolicyVersions, type PolicyVersionRow } from './policy-version-row';

/** Every version of a line, newest first; empty when the line was never published. */
export function readPolicyVersions(db: Queryable, line: string, limit: number): Promise<PolicyVersionRow[]> {
  return selectPolicyVersions(db, 'WHERE line = $1 ORDER BY version DESC LIMIT $2', [line, limit]);
}
