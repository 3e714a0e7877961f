import type { Queryable } from '../queryable';
import { selectPolicyVersions, type PolicyVersionRow } from './policy-version-row';

/** A line's current version (its highest); null when nothing was ever published on it. One primary-key index probe. */
export async function readCurrentPolicy(db: Queryable, line: string): Promise<PolicyVersionRow | null> {
  const [row] = await selectPolicyVersions(db, 'WHERE line = $1 ORDER BY version DESC LIMIT 1', [line]);
  return row ?? null;
}
