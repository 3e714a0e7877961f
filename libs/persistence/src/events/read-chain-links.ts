import type { Queryable } from '../queryable';
import type { StoredEvent } from './stored-event';

/** The sequence and hash of a dispute's events in [from, to]: what an append chains from and compares a retry with. */
export function readChainLinks(db: Queryable, disputeId: string, from: number, to: number): Promise<Pick<StoredEvent, 'sequence' | 'hash'>[]> {
  return db.query('SELECT sequence, hash FROM dispute_events WHERE dispute_id = $1 AND sequence >= $2 AND sequence <= $3 ORDER BY sequence', [disputeId, from, to]);
}
