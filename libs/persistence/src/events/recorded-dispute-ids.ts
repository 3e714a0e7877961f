import type { Queryable } from '../queryable';

/** Every dispute that has events, in id order. */
export async function recordedDisputeIds(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ dispute_id: string }[]>('SELECT DISTINCT dispute_id::text AS dispute_id FROM dispute_events ORDER BY 1');
  return rows.map((row) => row.dispute_id);
}
