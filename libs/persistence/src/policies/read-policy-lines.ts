import type { Queryable } from '../queryable';
import { selectPolicyVersions, type PolicyVersionRow } from './policy-version-row';

/** The current version of every line, by line id. */
export function readPolicyLines(db: Queryable): Promise<PolicyVersionRow[]> {
  return selectPolicyVersions(db, 'WHERE (line, version) IN (SELECT line, max(version) FROM policy_versions GROUP BY line) ORDER BY line', []);
}
