import type { Queryable } from '../queryable';
import type { StreamSelection } from './read-streams';

/**
 * Every dispute with an event recorded in [from, to) (database clock), each up to its last
 * event recorded before `to`: the histories as they stood at `to`, by dispute id.
 */
export async function streamsRecordedBetween(db: Queryable, from: string, to: string): Promise<Required<StreamSelection>[]> {
  const rows = await db.query<{ dispute_id: string; up_to: number }[]>(
    `SELECT touched.dispute_id::text AS dispute_id,
            (SELECT max(sequence) FROM dispute_events e WHERE e.dispute_id = touched.dispute_id AND e.recorded_at < $2) AS up_to
       FROM (SELECT DISTINCT dispute_id FROM dispute_events WHERE recorded_at >= $1 AND recorded_at < $2) touched
      ORDER BY 1`,
    [from, to],
  );
  return rows.map((row) => ({ disputeId: row.dispute_id, upTo: Number(row.up_to) }));
}
