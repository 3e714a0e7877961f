import type { Queryable } from '../queryable';

/** The sequences of the events one command (by its command id) recorded: how a retried command finds its first answer. */
export async function sequencesOfCommand(db: Queryable, disputeId: string, commandId: string): Promise<number[]> {
  const rows = await db.query<{ sequence: number }[]>('SELECT sequence FROM dispute_events WHERE dispute_id = $1 AND command_id = $2 ORDER BY sequence', [disputeId, commandId]);
  return rows.map((row) => row.sequence);
}
