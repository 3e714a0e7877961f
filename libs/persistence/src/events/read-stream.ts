import { isDisputeId } from '../dispute-id';
import type { Queryable } from '../queryable';
import { selectEvents, type StoredEvent } from './stored-event';

export interface StreamRange {
  /** Only events after this sequence (a page's cursor). */
  after?: number;
  /** Only events up to and including this sequence (the history as it stood then). */
  toSequence?: number;
  /** At most this many events. */
  limit?: number;
}

/** One dispute's stored events in sequence order (empty when it has none). */
export async function readStream(db: Queryable, disputeId: string, range: StreamRange = {}): Promise<StoredEvent[]> {
  if (!isDisputeId(disputeId)) return [];
  const parameters: unknown[] = [disputeId];
  const param = (value: unknown) => `$${parameters.push(value)}`;
  const where = ['dispute_id = $1'];
  if (range.after !== undefined) where.push(`sequence > ${param(range.after)}`);
  if (range.toSequence !== undefined) where.push(`sequence <= ${param(range.toSequence)}`);
  const limit = range.limit !== undefined ? ` LIMIT ${param(range.limit)}` : '';
  return selectEvents(db, `WHERE ${where.join(' AND ')} ORDER BY sequence${limit}`, parameters);
}
