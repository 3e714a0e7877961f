import type { Queryable } from '../queryable';
import { selectProjections, type DisputeProjectionRow } from './dispute-projection-row';

/** A dispute's projection row; null when it has none. */
export async function readProjection(db: Queryable, disputeId: string): Promise<DisputeProjectionRow | null> {
  const [row] = await selectProjections(db, 'WHERE dispute_id = $1', [disputeId]);
  return row ?? null;
}
