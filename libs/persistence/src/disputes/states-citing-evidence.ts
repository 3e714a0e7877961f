import type { DisputeState } from '../../../domain/src';
import type { Queryable } from '../queryable';

/** The projected states of the disputes whose case file cites this evidence id. */
export async function statesCitingEvidence(db: Queryable, evidenceId: string): Promise<DisputeState[]> {
  const rows = await db.query<{ state: DisputeState }[]>(`SELECT state FROM disputes WHERE state->'evidence' @> $1::jsonb`, [JSON.stringify([{ evidenceId }])]);
  return rows.map((row) => row.state);
}
