import type { Queryable } from '../queryable';

/**
 * Every dispute with events or a projection row, in id order. A row without events is a
 * history that was removed, which a verifier must report, so both tables are asked.
 */
export async function allDisputeIds(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ dispute_id: string }[]>('SELECT dispute_id::text AS dispute_id FROM dispute_events UNION SELECT dispute_id::text FROM disputes ORDER BY 1');
  return rows.map((row) => row.dispute_id);
}
