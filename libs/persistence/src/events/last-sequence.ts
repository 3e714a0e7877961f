import type { Queryable } from '../queryable';

/** The sequence of a dispute's last stored event; null when it has none. */
export async function lastSequence(db: Queryable, disputeId: string): Promise<number | null> {
  const [row] = await db.query<{ up_to: number | null }[]>('SELECT max(sequence) AS up_to FROM dispute_events WHERE dispute_id = $1', [disputeId]);
  return row?.up_to ? Number(row.up_to) : null;
}
