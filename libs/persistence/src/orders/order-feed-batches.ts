import type { Queryable } from '../queryable';

/** The answer a registerOrders call with an idempotency key gave, kept so that a retry gets it again. */
export interface FeedBatchAnswer {
  requestHash: string;
  answer: unknown;
}

/** The stored answer of a batch call (`ROLE:id:key`), or null when the key is new. */
export async function readFeedBatch(db: Queryable, commandId: string): Promise<FeedBatchAnswer | null> {
  const rows = await db.query<{ request_hash: string; answer: unknown }[]>('SELECT request_hash, answer FROM order_feed_batches WHERE command_id = $1', [commandId]);
  return rows.length > 0 ? { requestHash: rows[0].request_hash, answer: rows[0].answer } : null;
}

/** Keeps a batch's answer; false when another call with the key was recorded first (the caller re-reads it). */
export async function recordFeedBatch(db: Queryable, commandId: string, requestHash: string, answer: unknown): Promise<boolean> {
  const rows = await db.query<unknown[]>(
    'INSERT INTO order_feed_batches (command_id, request_hash, answer) VALUES ($1, $2, $3::jsonb) ON CONFLICT (command_id) DO NOTHING RETURNING command_id',
    [commandId, requestHash, JSON.stringify(answer)],
  );
  return rows.length > 0;
}
