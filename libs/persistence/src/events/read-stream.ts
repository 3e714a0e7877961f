import { isDisputeId } from '../dispute-id';
import type { Queryable } from '../queryable';
import { selectEvents, type StoredEvent } from './stored-event';

export interface StreamRange {
  /** Only events after this sequence (a page's cursor); sequences start at 1. */
  after?: number;
  /** At most this many events (all without it: LIMIT NULL limits nothing). */
  limit?: number;
}

/** One dispute's stored events in sequence order, or a page of them (empty when it has none). */
export async function readStream(db: Queryable, disputeId: string, range: StreamRange = {}): Promise<StoredEvent[]> {
  if (!isDisputeId(disputeId)) return [];
  return selectEvents(db, 'WHERE dispute_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3', [disputeId, range.after ?? 0, range.limit ?? null]);
}
