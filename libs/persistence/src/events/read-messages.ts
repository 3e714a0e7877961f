import type { Queryable } from '../queryable';
import { selectEvents, type StoredEvent } from './stored-event';

/** A page of a dispute's conversation, oldest first: its MessagePosted events after a sequence (message text lives only in the history). */
export function readMessages(db: Queryable, disputeId: string, page: { after: number; limit: number }): Promise<StoredEvent[]> {
  return selectEvents(db, `WHERE dispute_id = $1 AND type = 'MessagePosted' AND sequence > $2 ORDER BY sequence LIMIT $3`, [disputeId, page.after, page.limit]);
}
